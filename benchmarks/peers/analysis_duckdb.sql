-- Experiment analysis in DuckDB SQL: the sufficient statistics per variant that
-- `workbench analyze` computes, over the same CSV export (spec.yaml of `workbench generate`).
--
-- Placeholders, filled in by analysis_duckdb.py: {exposures}, {events} (quoted paths),
-- {experiment} (quoted key), {window_days}, {pre_period_days}, {cap_quantile}.
--
-- Semantics (the spec.yaml comments and docs/ingest.md):
-- * A unit's first exposure (earliest timestamp) fixes its variant and time T0; units seen
--   in more than one variant of the experiment are excluded.
-- * Metric window [T0, T0 + window_days); pre-period (CUPED covariate) [T0 - pre_period_days, T0).
-- * An empty event value means 1 (a count).
-- * Per unit: conversion = any purchase in the window (0/1); revenue = sum of purchase
--   values in the window, revenue_pre = the same in the pre-period; revenue_capped = revenue
--   capped at its {cap_quantile} quantile over all analysed units (type 7, pooled over
--   variants, zeros included); latency = sum / count of request values; error rate = error
--   count / request count. Units without events count with zeros.
-- * Per variant: units, and for each per-unit value its sum and sum of squares, plus the
--   cross-products the ratio (numerator x denominator) and CUPED (metric x covariate)
--   estimators need.
-- Timestamps are read as TIMESTAMP: exports carry UTC times with a `Z`.
WITH exposures AS (
    SELECT unit_id, variant, timestamp
    FROM read_csv({exposures}, header = true,
        columns = {{'timestamp': 'TIMESTAMP', 'unit_id': 'VARCHAR', 'experiment': 'VARCHAR',
                   'variant': 'VARCHAR', 'country': 'VARCHAR', 'platform': 'VARCHAR'}})
    WHERE experiment = {experiment}
),
first_exposure AS (
    SELECT unit_id, arg_min(variant, timestamp) AS variant, min(timestamp) AS t0,
           count(DISTINCT variant) AS variants
    FROM exposures
    GROUP BY unit_id
),
units AS (
    SELECT unit_id, variant, t0 FROM first_exposure WHERE variants = 1
),
-- Only the events the metrics use; page views are never joined.
events AS (
    SELECT unit_id, event, coalesce(value, 1.0) AS value, timestamp
    FROM read_csv({events}, header = true,
        columns = {{'timestamp': 'TIMESTAMP', 'unit_id': 'VARCHAR', 'event': 'VARCHAR', 'value': 'DOUBLE'}})
    WHERE event IN ('purchase', 'request', 'error')
),
per_unit AS (
    SELECT e.unit_id,
        count(*) FILTER (WHERE e.event = 'purchase' AND e.timestamp >= u.t0) AS purchases,
        coalesce(sum(e.value) FILTER (WHERE e.event = 'purchase' AND e.timestamp >= u.t0), 0) AS revenue,
        coalesce(sum(e.value) FILTER (WHERE e.event = 'purchase' AND e.timestamp < u.t0), 0) AS revenue_pre,
        coalesce(sum(e.value) FILTER (WHERE e.event = 'request' AND e.timestamp >= u.t0), 0) AS latency_sum,
        count(*) FILTER (WHERE e.event = 'request' AND e.timestamp >= u.t0) AS requests,
        count(*) FILTER (WHERE e.event = 'error' AND e.timestamp >= u.t0) AS errors
    FROM events e
    JOIN units u ON e.unit_id = u.unit_id
    WHERE e.timestamp >= u.t0 - to_days({pre_period_days})
      AND e.timestamp < u.t0 + to_days({window_days})
    GROUP BY e.unit_id
),
unit_values AS (
    SELECT u.variant,
        CASE WHEN coalesce(p.purchases, 0) > 0 THEN 1.0 ELSE 0.0 END::DOUBLE AS conversion,
        coalesce(p.revenue, 0.0)::DOUBLE AS revenue,
        coalesce(p.revenue_pre, 0.0)::DOUBLE AS revenue_pre,
        coalesce(p.latency_sum, 0.0)::DOUBLE AS latency_sum,
        coalesce(p.requests, 0)::DOUBLE AS requests,
        coalesce(p.errors, 0)::DOUBLE AS errors
    FROM units u
    LEFT JOIN per_unit p ON u.unit_id = p.unit_id
),
cap AS (
    SELECT quantile_cont(revenue, {cap_quantile}) AS revenue_cap FROM unit_values
),
capped AS (
    SELECT v.*, least(v.revenue, cap.revenue_cap) AS revenue_capped, cap.revenue_cap
    FROM unit_values v CROSS JOIN cap
)
SELECT variant,
    count(*) AS units,
    any_value(revenue_cap) AS revenue_cap,
    sum(conversion) AS conversion_sum,
    sum(conversion * conversion) AS conversion_sum_squares,
    sum(revenue) AS revenue_sum,
    sum(revenue * revenue) AS revenue_sum_squares,
    sum(revenue_capped) AS revenue_capped_sum,
    sum(revenue_capped * revenue_capped) AS revenue_capped_sum_squares,
    sum(revenue_pre) AS revenue_pre_sum,
    sum(revenue_pre * revenue_pre) AS revenue_pre_sum_squares,
    sum(revenue * revenue_pre) AS revenue_x_pre_sum,
    sum(revenue_capped * revenue_pre) AS revenue_capped_x_pre_sum,
    sum(latency_sum) AS latency_numerator_sum,
    sum(latency_sum * latency_sum) AS latency_numerator_sum_squares,
    sum(requests) AS requests_sum,
    sum(requests * requests) AS requests_sum_squares,
    sum(latency_sum * requests) AS latency_x_requests_sum,
    sum(errors) AS errors_sum,
    sum(errors * errors) AS errors_sum_squares,
    sum(errors * requests) AS errors_x_requests_sum
FROM capped
GROUP BY variant
ORDER BY variant
