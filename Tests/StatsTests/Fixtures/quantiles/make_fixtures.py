"""Reference values for quantiles (Tests/StatsTests/Quantiles).

Needs: numpy, scipy (the project's /work/venv). Run from this folder:
    python make_fixtures.py
Seeded. Writes
  numpy_quantiles.json  numpy.quantile(values, p) (default method "linear" = Hyndman-Fan
                        type 7) for random samples (ties, negatives, huge/tiny magnitudes,
                        n = 1) and probabilities including 0, 1, p50, p90, p99, p99.9.
  clustered.json        the delta-method "outer CI" of Deng, Knoblich & Lu (2018) for the
                        quantile of per-event values clustered by unit, written out here
                        independently with numpy (ratio-metric variance of the empirical CDF
                        at the quantile, mapped back through numpy.quantile).
"""
import json

import numpy as np
from scipy import stats

rng = np.random.default_rng(20261121)
PROBABILITIES = [0.0, 1.0, 0.5, 0.9, 0.99, 0.999, 0.25, 0.75, 0.01]

cases = []
for case in range(300):
    n = int(rng.choice([1, 2, 3, 4, 7, 10, 33, 100, 500]))
    kind = case % 5
    if kind == 0:
        values = rng.normal(0, 1, n)
    elif kind == 1:
        values = rng.lognormal(4, 1.5, n)  # latency-like
    elif kind == 2:
        values = rng.integers(-3, 4, n).astype(float)  # ties
    elif kind == 3:
        values = rng.normal(0, 1, n) * 10.0 ** rng.uniform(-200, 200)
    else:
        values = np.round(rng.exponential(100, n), 1)
    ps = PROBABILITIES + rng.uniform(0, 1, 3).tolist()
    cases.append({"values": values.tolist(), "probabilities": ps,
                  "quantiles": [float(np.quantile(values, p)) for p in ps]})
with open("numpy_quantiles.json", "w") as f:
    json.dump(cases, f)


def clustered(units, p, level):
    events = np.concatenate([np.asarray(u, float) for u in units])
    q = float(np.quantile(events, p))
    s = np.array([np.sum(np.asarray(u) <= q) for u in units], float)
    n = np.array([len(u) for u in units], float)
    k = len(units)
    ms, mn = s.mean(), n.mean()
    cov = np.cov(np.vstack([s, n]), ddof=1)
    var = (cov[0, 0] / mn**2 - 2 * ms * cov[0, 1] / mn**3 + ms**2 * cov[1, 1] / mn**4) / k
    sigma = np.sqrt(max(var, 0.0))
    z = stats.norm.isf((1 - level) / 2)
    pl, pu = max(0.0, p - z * sigma), min(1.0, p + z * sigma)
    lo, hi = float(np.quantile(events, pl)), float(np.quantile(events, pu))
    se = sigma * (hi - lo) / (pu - pl) if pu > pl else 0.0
    return {"quantile": q, "probabilityStandardError": float(sigma), "lower": lo, "upper": hi, "standardError": float(se)}


def draw_arm(units, shift):
    out = []
    for _ in range(units):
        unit_effect = rng.normal(0, 0.5)  # events of a unit move together
        count = int(rng.poisson(3))
        out.append(np.round(np.exp(4 + shift + unit_effect + rng.normal(0, 0.7, count)), 1).tolist())
    return out


clustered_cases = []
for case in range(220):
    units = int(rng.choice([2, 3, 5, 12, 30, 60, 150]))
    p = float(rng.choice([0.5, 0.9, 0.99, 0.1]))
    level = float(rng.choice([0.9, 0.95, 0.99]))
    treatment, control = draw_arm(units, 0.1), draw_arm(units + 3, 0.0)
    if sum(len(u) for u in treatment) == 0 or sum(len(u) for u in control) == 0:
        continue
    clustered_cases.append({"treatment": treatment, "control": control, "probability": p, "confidenceLevel": level,
                            "treatmentResult": clustered(treatment, p, level),
                            "controlResult": clustered(control, p, level)})
with open("clustered.json", "w") as f:
    json.dump(clustered_cases, f)
print(len(cases), "quantile cases,", len(clustered_cases), "clustered cases")
