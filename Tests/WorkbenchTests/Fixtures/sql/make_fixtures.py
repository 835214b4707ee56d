"""Edge-case export and its expected warehouse aggregates, computed independently with pandas.

Needs: numpy, pandas. Run from this folder: `python make_fixtures.py` (seeded, re-runnable).
Writes exposures.csv, events.csv, spec.yaml and expected_aggregates.csv (the rows of
docs/aggregates-format.md for the two experiments of spec.yaml).

Edge cases placed by hand on top of random units: a unit whose earliest exposure comes later
in the file (its attributes at that exposure count), units exposed to both variants (excluded),
events exactly at first exposure (in the window), at first + window (out), at
first - pre_period (in the pre-period) and one second earlier (out), empty values (count 1 in
sums), negative values under a max aggregate (the max is floored at 0), an empty dimension value,
units without events, and a second experiment sharing units.
"""
import numpy as np
import pandas as pd

rng = np.random.default_rng(20261121)
DAY = pd.Timedelta(days=1)
START = pd.Timestamp("2026-03-01T00:00:00Z")
WINDOW, PRE = 2 * DAY, 1 * DAY

exposures, events = [], []


def ts(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


for i in range(60):
    unit = f"u{i:03d}"
    variant = "a" if rng.random() < 0.5 else "b"
    first = START + pd.Timedelta(seconds=int(rng.integers(0, 3 * 86400)))
    country = ["DE", "US", "FR", ""][int(rng.integers(0, 4))]
    exposures.append((first, unit, "edge", variant, country))
    if rng.random() < 0.3:  # repeat exposure later, same variant, other attributes
        exposures.append((first + pd.Timedelta(hours=3), unit, "edge", variant, "JP"))
    if rng.random() < 0.5:
        exposures.append((first + pd.Timedelta(minutes=5), unit, "other", "x" if i % 2 else "y", country))
    for _ in range(int(rng.integers(0, 6))):
        offset = pd.Timedelta(seconds=int(rng.integers(-2 * 86400, 3 * 86400)))
        kind = ["buy", "load", "visit", "noise"][int(rng.integers(0, 4))]
        value = "" if rng.random() < 0.15 else f"{rng.normal(20, 15):.3f}"
        events.append((first + offset, unit, kind, value))

# Hand-placed cases.
edge_first = START + pd.Timedelta(hours=30)
exposures.append((edge_first + pd.Timedelta(hours=1), "late", "edge", "a", "US"))
exposures.append((edge_first, "late", "edge", "a", "FR"))  # earlier, read later: FR counts
exposures.append((edge_first, "both", "edge", "a", "DE"))
exposures.append((edge_first + pd.Timedelta(hours=2), "both", "edge", "b", "DE"))
exposures.append((edge_first, "both2", "edge", "b", "US"))
exposures.append((edge_first - pd.Timedelta(hours=2), "both2", "edge", "a", "US"))
events += [
    (edge_first, "late", "buy", "10"),  # at first exposure: in the window
    (edge_first + WINDOW, "late", "buy", "1000"),  # at the window's end: out
    (edge_first - PRE, "late", "buy", "7"),  # at the pre-period's start: in
    (edge_first - PRE - pd.Timedelta(seconds=1), "late", "buy", "500"),  # out
    (edge_first + pd.Timedelta(hours=1), "late", "load", "-5"),  # negative under max
    (edge_first + pd.Timedelta(hours=2), "late", "load", "-2"),
    (edge_first + pd.Timedelta(hours=3), "late", "visit", ""),
    (edge_first + pd.Timedelta(hours=1), "both", "buy", "99"),
    (edge_first + pd.Timedelta(milliseconds=1), "late", "buy", ""),  # empty value: 1
]

exp = pd.DataFrame(exposures, columns=["timestamp", "unit_id", "experiment", "variant", "country"])
ev = pd.DataFrame(events, columns=["timestamp", "unit_id", "event", "value"])
out_exp = exp.copy()
out_exp["timestamp"] = out_exp["timestamp"].map(ts)
out_exp.to_csv("exposures.csv", index=False)
out_ev = ev.sort_values("timestamp", kind="stable").copy()
out_ev["timestamp"] = out_ev["timestamp"].map(ts)
out_ev.to_csv("events.csv", index=False)

SPEC = """experiment: edge
control: a
window_days: 2
pre_period_days: 1
dimensions: [country]
metrics:
  - {name: converted, type: proportion, event: buy}
  - {name: spend, type: mean, event: buy, aggregate: sum, cuped: true, cap: {quantile: 0.8}}
  - {name: spend_capped, type: mean, event: buy, aggregate: sum, cap: {value: 30}}
  - {name: peak, type: mean, event: load, aggregate: max}
  - {name: load_per_visit, type: ratio, numerator: {event: load, aggregate: sum},
     denominator: {event: visit, aggregate: count}, cuped: true}
---
experiment: other
control: x
window_days: 1
pre_period_days: 0
metrics:
  - {name: converted, type: proportion, event: buy}
  - {name: loads, type: mean, event: load, aggregate: count, cuped: true}
"""
open("spec.yaml", "w").write(SPEC)

ev["value"] = pd.to_numeric(ev["value"]).fillna(1.0)
rows = []


def aggregates(experiment, control, window, pre, dimensions, metrics):
    e = exp[exp.experiment == experiment].copy()
    e["order"] = range(len(e))
    several = e.groupby("unit_id").variant.nunique() > 1
    # Earliest exposure; no ties on time among a unit's rows here.
    first = e.sort_values(["timestamp", "order"]).groupby("unit_id").head(1).set_index("unit_id")
    if several.any():
        rows.append(dict(experiment=experiment, metric="_excluded", dimension="exposed to several variants",
                         units=int(several.sum())))
    units = first[~several.reindex(first.index).values].copy()
    units["day"] = units.timestamp.dt.strftime("%Y-%m-%d")
    for (variant, day), group in units.groupby(["variant", "day"]):
        rows.append(dict(experiment=experiment, variant=variant, metric="_units", day=day, units=len(group)))
    joined = ev.merge(units[["timestamp"]].rename(columns={"timestamp": "first"}), left_on="unit_id", right_index=True)
    in_window = (joined.timestamp >= joined["first"]) & (joined.timestamp < joined["first"] + window)
    in_pre = (joined.timestamp < joined["first"]) & (joined.timestamp >= joined["first"] - pre)

    def per_unit(event, function, period):
        mask = (joined.event == event) & (in_window if period == "window" else in_pre)
        grouped = joined[mask].groupby("unit_id").value
        if function == "count":
            values = grouped.size().astype(float)
        elif function == "sum":
            values = grouped.sum()
        else:
            values = grouped.max().clip(lower=0)
        return values.reindex(units.index).fillna(0.0)

    for name, variables, cap in metrics:
        columns = []
        for event, function, period, proportion in variables:
            raw = per_unit(event, function, period)
            value = (raw > 0).astype(float) if proportion else raw
            if cap is not None and cap[0] == "quantile":
                value = value.clip(upper=np.quantile(raw.values, cap[1], method="linear"))
            elif cap is not None:
                value = value.clip(upper=cap[1])
            columns.append(value)
        frame = units[["variant", "day"] + dimensions].copy()
        k = len(columns)
        for i, c in enumerate(columns):
            frame[f"v{i}"] = c
        for i in range(k):
            for j in range(i, k):
                frame[f"p{i}{j}"] = frame[f"v{i}"] * frame[f"v{j}"]

        def emit(group, **keys):
            row = dict(experiment=experiment, metric=name, units=len(group), **keys)
            for i in range(k):
                row[f"sum_v{i}"] = group[f"v{i}"].sum()
                for j in range(i, k):
                    row[f"sum_v{i}_v{j}"] = group[f"p{i}{j}"].sum()
            rows.append(row)

        for (variant, day), group in frame.groupby(["variant", "day"]):
            emit(group, variant=variant, day=day)
        for dimension in dimensions:
            present = frame[frame[dimension].fillna("") != ""]
            for (variant, value), group in present.groupby(["variant", dimension]):
                emit(group, variant=variant, dimension=dimension, dimension_value=value)


aggregates("edge", "a", WINDOW, PRE, ["country"], [
    ("converted", [("buy", "count", "window", True)], None),
    ("spend", [("buy", "sum", "window", False), ("buy", "sum", "pre", False)], ("quantile", 0.8)),
    ("spend_capped", [("buy", "sum", "window", False)], ("value", 30.0)),
    ("peak", [("load", "max", "window", False)], None),
    ("load_per_visit", [("load", "sum", "window", False), ("visit", "count", "window", False),
                        ("load", "sum", "pre", False), ("visit", "count", "pre", False)], None),
])
# pre_period_days: 0 turns CUPED off (no pre-period variable), as in the raw path.
aggregates("other", "x", 1 * DAY, 0 * DAY, [], [
    ("converted", [("buy", "count", "window", True)], None),
    ("loads", [("load", "count", "window", False)], None),
])

columns = ["experiment", "variant", "metric", "dimension", "dimension_value", "day", "units"] + \
    [f"sum_v{i}" for i in range(4)] + [f"sum_v{i}_v{j}" for i in range(4) for j in range(i, 4)]
result = pd.DataFrame(rows).reindex(columns=columns)
result.to_csv("expected_aggregates.csv", index=False, float_format="%.17g")
print(f"{len(exp)} exposures, {len(ev)} events, {len(result)} aggregate rows")
