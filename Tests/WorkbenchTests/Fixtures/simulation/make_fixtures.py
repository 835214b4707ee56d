"""Reference values for the rollout simulation tests (Tests/WorkbenchTests/Simulation).

Needs: Python 3 with numpy, scipy, statsmodels (the project venv /work/venv/bin/python).
Re-run from this folder: `python make_fixtures.py`; deterministic (no randomness).

Writes:
* buckets.json: rollout buckets of the reference flag service,
  int(sha256("{unit}:{flag}")[:8], 16) % 100, for generator-style unit ids and two flag keys,
  plus the published check values.
* clopper_pearson.json: statsmodels proportion_confint(method="beta") at alpha 0.05.
* quantiles.json: numpy.percentile (linear) of a small sample at 10, 50, 90.
"""
import hashlib
import json

import numpy as np
from statsmodels.stats.proportion import proportion_confint


def bucket(unit, flag):
    return int(hashlib.sha256(f"{unit}:{flag}".encode()).hexdigest()[:8], 16) % 100


units = [f"u{index:07d}" for index in range(300)]
buckets = {
    "check_values": [
        {"unit": "u1", "flag": "feature_a", "bucket": 56},
        {"unit": "257597", "flag": "item_355908", "bucket": 98},
        {"unit": "user_123", "flag": "checkout_upsell", "bucket": 64},
    ],
    "flags": {flag: {"units": units, "buckets": [bucket(u, flag) for u in units]} for flag in ["checkout-v2", "rollout-42"]},
}
for check in buckets["check_values"]:
    assert bucket(check["unit"], check["flag"]) == check["bucket"], check

cases = []
for successes, trials in [(0, 20), (1, 20), (5, 100), (3, 200), (50, 100), (200, 200), (7, 1000), (13, 57)]:
    low, high = proportion_confint(successes, trials, alpha=0.05, method="beta")
    cases.append({"successes": successes, "trials": trials, "lower": float(low), "upper": float(high)})

sample = [96.0, 30.0, 36.0, 102.0, 90.0, 96.0, 108.0, 30.0, 66.0, 72.0, 84.0]
quantiles = {
    "sample": sample,
    "mean": float(np.mean(sample)),
    "p10": float(np.percentile(sample, 10)),
    "median": float(np.percentile(sample, 50)),
    "p90": float(np.percentile(sample, 90)),
}

for name, value in [("buckets.json", buckets), ("clopper_pearson.json", {"confidence": 0.95, "cases": cases}),
                    ("quantiles.json", quantiles)]:
    with open(name, "w") as handle:
        json.dump(value, handle, indent=1, sort_keys=True)
        handle.write("\n")
