#!/usr/bin/env python3
"""Independent reference for `workbench analyze` on the bundled example export.

Recomputes, with pandas and numpy only (no workbench code), what the analysis pipeline must
produce before any statistics: analysed units per variant, units excluded for being seen in
several variants, and each metric's per-variant value (conversion rate, capped revenue mean,
latency and error ratios of sums, p95 of request latency), overall and for the segment
country=US. Needs: pandas, numpy. Run from this folder:

    python make_fixtures.py   # writes example_reference.json
"""
import json
import pathlib

import numpy as np
import pandas as pd

root = pathlib.Path(__file__).resolve().parents[4]
example = root / "datasets" / "example"
DAY = pd.Timedelta(days=14)

exposures = pd.read_csv(example / "exposures.csv")
exposures["timestamp"] = pd.to_datetime(exposures["timestamp"], utc=True)
events = pd.read_csv(example / "events.csv.gz")
events["timestamp"] = pd.to_datetime(events["timestamp"], utc=True)
events["value"] = events["value"].fillna(1.0)

exposures = exposures.sort_values(["unit_id", "timestamp"], kind="mergesort")
first = exposures.groupby("unit_id").first()
several = exposures.groupby("unit_id")["variant"].nunique() > 1
excluded = int(several.sum())
units = first[~several.reindex(first.index)].copy()

merged = events.merge(units[["timestamp"]].rename(columns={"timestamp": "start"}), left_on="unit_id", right_index=True)
window = merged[(merged.timestamp >= merged.start) & (merged.timestamp < merged.start + DAY)]
pre = merged[(merged.timestamp < merged.start) & (merged.timestamp >= merged.start - DAY)]


def per_unit(frame, event, how):
    subset = frame[frame.event == event].groupby("unit_id")["value"]
    series = subset.sum() if how == "sum" else subset.count()
    return series.reindex(units.index, fill_value=0.0).astype(float)


units["converted"] = (per_unit(window, "purchase", "count") > 0).astype(float)
revenue = per_unit(window, "purchase", "sum")
cap = np.quantile(revenue.to_numpy(), 0.999)  # numpy default: type 7
units["revenue"] = np.minimum(revenue, cap)
pre_revenue = per_unit(pre, "purchase", "sum")
units["pre_revenue"] = np.minimum(pre_revenue, np.quantile(pre_revenue.to_numpy(), 0.999))
units["latency_sum"] = per_unit(window, "request", "sum")
units["requests"] = per_unit(window, "request", "count")
units["errors"] = per_unit(window, "error", "count")
requests = window[window.event == "request"]


def summarise(frame, request_values):
    result = {}
    for variant, group in frame.groupby("variant"):
        values = request_values[request_values.unit_id.isin(group.index)]["value"].to_numpy()
        result[variant] = {
            "units": int(len(group)),
            "conversion": float(group.converted.mean()),
            "revenue": float(group.revenue.mean()),
            "pre_revenue": float(group.pre_revenue.mean()),
            "latency": float(group.latency_sum.sum() / group.requests.sum()),
            "error_rate": float(group.errors.sum() / group.requests.sum()),
            "latency_p95": float(np.quantile(values, 0.95)),
        }
    return result


reference = {
    "excluded_several_variants": excluded,
    "revenue_cap": float(cap),
    "overall": summarise(units, requests),
    "country_US": summarise(units[units.country == "US"], requests),
}
(pathlib.Path(__file__).parent / "example_reference.json").write_text(json.dumps(reference, indent=2, sort_keys=True) + "\n")
print(json.dumps(reference, indent=2, sort_keys=True))
