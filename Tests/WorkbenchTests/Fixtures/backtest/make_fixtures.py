"""Reference values for the backtest tests (re-runnable: `python make_fixtures.py` here).

Needs: numpy, pandas, duckdb, scipy (all in /work/venv).

Writes
* exposures.csv, events.csv: a tiny seeded export with the awkward cases (repeat exposures,
  units in both variants, events before exposure / after the window / of unexposed units,
  an unused event name, equal timestamps);
* spec.yaml: the guardrail metrics and backtest section the Swift test replays;
* replay_statistics.json: per look, arm and metric the cumulative sufficient statistics
  (units, sum x, sum y, sum x^2, sum y^2, sum xy), computed independently in DuckDB SQL;
* clopper_pearson.json: exact binomial intervals from scipy.stats.binomtest.
"""
import json

import duckdb
import numpy as np
import pandas as pd
from scipy import stats

rng = np.random.default_rng(20261121)
DAY = 86_400
start = 1_767_571_200  # 2026-01-05T00:00:00Z
window_days = 3
units = [f"u{i:03d}" for i in range(120)]

exposures = []
for unit in units:
    variant = "on" if rng.random() < 0.5 else "off"
    first = start + int(rng.integers(0, 5 * DAY))
    exposures.append((first, unit, "exp-a", variant))
    for _ in range(int(rng.integers(0, 3))):  # repeat exposures, same variant, later
        exposures.append((first + int(rng.integers(1, 3 * DAY)), unit, "exp-a", variant))
# Two units seen in both variants (excluded), one unit of another experiment only.
exposures.append((start + 7200, "u000", "exp-a", "on" if exposures[0][3] == "off" else "off"))
exposures.append((start + 9000, "u001", "exp-a", "on" if [e for e in exposures if e[1] == "u001"][0][3] == "off" else "off"))
exposures.append((start + 100, "z999", "exp-b", "on"))
rng.shuffle(exposures)

first_exposure = {}
for time, unit, experiment, variant in exposures:
    if experiment == "exp-a":
        first_exposure[unit] = min(first_exposure.get(unit, 1 << 62), time)

events = []
for unit in units + ["z999", "ghost"]:
    base = first_exposure.get(unit, start + DAY)
    for _ in range(int(rng.poisson(8))):
        time = base + int(rng.integers(-DAY, (window_days + 1) * DAY))  # some before / after the window
        latency = round(float(rng.lognormal(5, 0.5)), 1)
        events.append((time, unit, "request", latency))
        if rng.random() < 0.15:
            events.append((time, unit, "error", ""))
    if rng.random() < 0.3:
        events.append((base + int(rng.integers(0, window_days * DAY)), unit, "purchase", round(float(rng.lognormal(3, 0.6)), 2)))
    if rng.random() < 0.5:
        events.append((base + int(rng.integers(0, window_days * DAY)), unit, "page_view", ""))
# Equal timestamps at a unit's first exposure (counts: the window is closed on the left).
events.append((first_exposure["u010"], "u010", "error", ""))
events.append((first_exposure["u010"], "u010", "request", 100.0))
rng.shuffle(events)


def iso(seconds):
    return pd.Timestamp(seconds, unit="s", tz="UTC").strftime("%Y-%m-%dT%H:%M:%SZ")


pd.DataFrame([(iso(t), u, e, v) for t, u, e, v in exposures], columns=["timestamp", "unit_id", "experiment", "variant"]).to_csv(
    "exposures.csv", index=False)
pd.DataFrame([(iso(t), u, e, v) for t, u, e, v in events], columns=["timestamp", "unit_id", "event", "value"]).to_csv(
    "events.csv", index=False)

with open("spec.yaml", "w") as f:
    f.write("""experiment: exp-a
control: "off"
window_days: 3
metrics:
  - {name: error_rate, type: ratio, numerator: {event: error, aggregate: count},
     denominator: {event: request, aggregate: count}, direction: decrease, guardrail: {margin: 0.05}}
  - {name: latency, type: ratio, numerator: {event: request, aggregate: sum},
     denominator: {event: request, aggregate: count}, direction: decrease, guardrail: {margin: 0.02}}
  - {name: conversion, type: proportion, event: purchase, guardrail: {margin: 0.01, relative: false}}
  - {name: revenue, type: mean, event: purchase, aggregate: sum, guardrail: {margin: 0.1}}
  - {name: worst_latency, type: mean, event: request, aggregate: max, direction: decrease, guardrail: {margin: 0.1}}
  - {name: views, type: mean, event: page_view, aggregate: count}
backtest:
  interval: 1d
  rules:
    - {type: sequential}
""")

# --- Reference statistics in DuckDB SQL ------------------------------------------------------
con = duckdb.connect()
con.execute("SET threads = 1")  # a fixed summation order, so re-runs write identical bytes
con.execute("CREATE TABLE x AS SELECT epoch(CAST(timestamp AS TIMESTAMPTZ))::BIGINT AS t, unit_id, experiment, variant FROM read_csv('exposures.csv', all_varchar=true)")
con.execute("CREATE TABLE ev AS SELECT epoch(CAST(timestamp AS TIMESTAMPTZ))::BIGINT AS t, unit_id, event, COALESCE(TRY_CAST(NULLIF(value, '') AS DOUBLE), 1.0) AS value FROM read_csv('events.csv', all_varchar=true)")
con.execute("""CREATE TABLE u AS
    SELECT unit_id, min(t) AS first, arg_min(variant, t) AS variant, count(DISTINCT variant) AS variants
    FROM x WHERE experiment = 'exp-a' GROUP BY unit_id""")
con.execute("CREATE TABLE units AS SELECT unit_id, first, CASE variant WHEN 'off' THEN 0 ELSE 1 END AS arm FROM u WHERE variants = 1")
con.execute(f"""CREATE TABLE w AS SELECT ev.* , units.arm, units.first FROM ev JOIN units USING (unit_id)
    WHERE ev.t >= units.first AND ev.t < units.first + {window_days * DAY}""")
first_day = con.execute("SELECT min(first) FROM units").fetchone()[0] // DAY * DAY
last_end = con.execute(f"SELECT max(first) + {window_days * DAY} FROM units").fetchone()[0]
look_count = -(-(last_end - first_day) // DAY)
looks = []
for look in range(look_count):
    T = first_day + (look + 1) * DAY
    per_unit = con.execute(f"""
        SELECT units.arm,
          count(*) FILTER (WHERE w.event = 'error') AS errors,
          count(*) FILTER (WHERE w.event = 'request') AS requests,
          coalesce(sum(w.value) FILTER (WHERE w.event = 'request'), 0) AS latency_sum,
          count(*) FILTER (WHERE w.event = 'purchase') AS purchases,
          coalesce(sum(w.value) FILTER (WHERE w.event = 'purchase'), 0) AS revenue,
          greatest(0, coalesce(max(w.value) FILTER (WHERE w.event = 'request'), 0)) AS worst
        FROM units LEFT JOIN w ON w.unit_id = units.unit_id AND w.t < {T}
        WHERE units.first < {T} GROUP BY units.unit_id, units.arm""").df()
    metrics = {
        "error_rate": (per_unit.errors, per_unit.requests),
        "latency": (per_unit.latency_sum, per_unit.requests),
        "conversion": ((per_unit.purchases > 0).astype(float), 0 * per_unit.errors),
        "revenue": (per_unit.revenue, 0 * per_unit.errors),
        "worst_latency": (per_unit.worst, 0 * per_unit.errors),
    }
    entry = {"time_ms": T * 1000, "arms": []}
    for arm in (0, 1):
        mask = per_unit.arm == arm
        arm_stats = {"units": int(mask.sum())}
        for name, (x, y) in metrics.items():
            x = x[mask].astype(float); y = y[mask].astype(float)
            arm_stats[name] = [float(mask.sum()), float(x.sum()), float(y.sum()), float((x * x).sum()), float((y * y).sum()), float((x * y).sum())]
        entry["arms"].append(arm_stats)
    looks.append(entry)
excluded = con.execute("SELECT count(*) FROM u WHERE variants > 1").fetchone()[0]
with open("replay_statistics.json", "w") as f:
    json.dump({"start_ms": first_day * 1000, "interval_ms": DAY * 1000, "excluded_units": int(excluded),
               "fields": ["count", "sum_x", "sum_y", "sum_xx", "sum_yy", "sum_xy"], "looks": looks}, f, indent=1)

# --- Clopper-Pearson ---------------------------------------------------------------------------
cases = []
for k, n, level in [(0, 10, 0.95), (1, 10, 0.95), (5, 10, 0.95), (10, 10, 0.95), (3, 200, 0.95), (12, 200, 0.95),
                    (47, 1000, 0.95), (1, 1, 0.95), (0, 500, 0.99), (250, 500, 0.9), (7, 30, 0.8)]:
    ci = stats.binomtest(k, n).proportion_ci(confidence_level=level, method="exact")
    cases.append({"successes": k, "trials": n, "level": level, "lower": float(ci.low), "upper": float(ci.high)})
with open("clopper_pearson.json", "w") as f:
    json.dump(cases, f, indent=1)
print(f"{len(exposures)} exposure rows, {len(events)} event rows, {look_count} looks, {excluded} excluded")

# --- Sequential rule inputs and their confidence sequence / mSPRT values ---------------------
# Means metrics given as sufficient statistics; relative lift over |control mean| with the
# delta-method SE (gbstats), GrowthBook's asymptotic CS (tuning N*), and the mSPRT p-value for
# H0: lift = null with normal mixing variance tau^2 (Johari et al. 2017).
def sequential_case(nc, sc, ssc, nt, st, sst, alpha, tuning, tau, null):
    mc, mt = sc / nc, st / nt
    vc = (ssc - sc * sc / nc) / (nc - 1)
    vt = (sst - st * st / nt) / (nt - 1)
    estimate = (mt - mc) / abs(mc)
    variance = vt / (nt * mc ** 2) + vc * mt ** 2 / (nc * mc ** 4)
    n = nc + nt
    rho2 = (-2 * np.log(alpha) + np.log(-2 * np.log(alpha) + 1)) / tuning
    s2 = variance * n
    half = np.sqrt(s2) * np.sqrt(2 * (n * rho2 + 1) / (n * n * rho2) * np.log(np.sqrt(n * rho2 + 1) / alpha))
    t2 = tau * tau
    log_lr = -0.5 * np.log((variance + t2) / variance) + t2 * (estimate - null) ** 2 / (2 * variance * (variance + t2))
    return {"control": [nc, sc, ssc], "treatment": [nt, st, sst], "alpha": alpha, "tuning": tuning, "tau": tau, "null": null,
            "estimate": float(estimate), "cs_lower": float(estimate - half), "cs_upper": float(estimate + half),
            "msprt_p": float(min(1.0, np.exp(-log_lr)))}


sequential = [
    sequential_case(4000, 800.0, 800.0, 4000, 920.0, 920.0, 0.05, 5000, 0.1, 0.05),   # 0/1 data, +15%
    sequential_case(2500, 500.0, 500.0, 2600, 560.0, 560.0, 0.05, 5000, 0.1, 0.0),    # +7.7%, marginal
    sequential_case(10000, 15000.0, 40000.0, 10000, 15900.0, 44000.0, 0.1, 2000, 0.05, 0.02),
]
with open("sequential_cases.json", "w") as f:
    json.dump(sequential, f, indent=1)
