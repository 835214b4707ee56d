"""Reference values for the SRM check.

Needs: numpy, scipy, mpmath (the project venv: /work/venv/bin/python).
Run from this folder: `python make_fixtures.py` (seeded, re-runnable). Writes srm.json.

Expected p-values: `scipy.stats.chisquare(observed, expected)` over the arms with positive
weight only (zero-weight arms dropped, expected = total x renormalised weight), cross-checked
with mpmath's regularised upper incomplete gamma Q(k/2, x/2) at 40 digits, which is stored
(scipy's chi2.sf loses relative accuracy below ~1e-300; mpmath does not).
"""
import json

import mpmath as mp
import numpy as np
from scipy import stats

mp.mp.dps = 40
rng = np.random.default_rng(3)
cases = []
for index in range(300):
    arms = int(rng.integers(2, 7))
    weights = rng.dirichlet(np.ones(arms))
    weights = np.round(weights, int(rng.choice([2, 3, 6])))
    if index % 5 == 0:
        weights[rng.integers(0, arms)] = 0  # a zero-weight arm, to be dropped
    total = int(rng.choice([10, 100, 10**4, 10**6, 10**8]))
    skew = rng.choice([0, 0.002, 0.05, 0.3])
    probabilities = weights * (1 + skew * rng.normal(0, 1, arms))
    probabilities = np.clip(probabilities, 0, None)
    if probabilities.sum() == 0:
        probabilities = np.ones(arms)
    observed = rng.multinomial(total, probabilities / probabilities.sum()).astype(float)
    if index % 5 == 0 and index % 2 == 0:
        observed[weights == 0] += 3  # units leaking into a zero-weight arm
    kept = weights > 0
    case = {"observed": observed.tolist(), "weights": weights.tolist()}
    if kept.sum() < 2 or observed[kept].sum() == 0:
        case["undefined"] = True
    else:
        expected = observed[kept].sum() * weights[kept] / weights[kept].sum()
        statistic, p_scipy = stats.chisquare(observed[kept], expected)
        dof = int(kept.sum()) - 1
        x = mp.fsum((mp.mpf(o) - mp.mpf(e)) ** 2 / mp.mpf(e) for o, e in zip(observed[kept], expected))
        p = mp.gammainc(mp.mpf(dof) / 2, x / 2, mp.inf, regularized=True)
        if p > 1e-290:
            assert abs(float(p) - p_scipy) <= 1e-9 * float(p), (float(p), p_scipy)
        case.update({"statistic": float(x), "degreesOfFreedom": dof, "pValue": float(p), "droppedUnits": float(observed[~kept].sum())})
    cases.append(case)
with open("srm.json", "w") as handle:
    json.dump(cases, handle, separators=(",", ":"))
print("written", len(cases))
