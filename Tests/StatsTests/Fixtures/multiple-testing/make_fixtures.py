"""Reference values for the multiple-testing corrections (Tests/StatsTests/MultipleTesting).

Needs: numpy, scipy, statsmodels (the project's /work/venv). Run from this folder:
    python make_fixtures.py
Seeded; writes multipletests.json (statsmodels `multipletests`) and
adjusted_intervals.json (z and t comparisons: scipy p-values, statsmodels adjusted p-values,
scipy normal / t quantiles for the Bonferroni intervals).
"""
import json

import numpy as np
from scipy import stats
from statsmodels.stats.multitest import multipletests

METHODS = ["bonferroni", "holm", "fdr_bh", "fdr_by"]
rng = np.random.default_rng(20261121)


def draw_family(case):
    m = int(rng.choice([1, 2, 3, 5, 8, 13, 20, 40, 100], p=[.1, .1, .1, .15, .15, .15, .1, .1, .05])) if case >= 12 else [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12][case]
    kind = case % 6
    if kind == 0:
        p = rng.uniform(size=m)
    elif kind == 1:  # mostly small p-values (many true effects)
        p = rng.beta(0.2, 4.0, size=m)
    elif kind == 2:  # ties and exact ends
        p = rng.choice([0.0, 1e-300, 0.001, 0.01, 0.04, 0.05, 0.5, 1.0], size=m)
    elif kind == 3:  # extreme tiny values
        p = 10.0 ** rng.uniform(-300, -1, size=m)
    elif kind == 4:  # near 1
        p = 1 - 10.0 ** rng.uniform(-12, -1, size=m)
    else:  # rounded (ties)
        p = np.round(rng.uniform(size=m), 2)
    return p


cases = []
for case in range(300):
    p = draw_family(case)
    entry = {"p": p.tolist()}
    for method in METHODS:
        entry[method] = multipletests(p, alpha=0.05, method=method)[1].tolist()
    cases.append(entry)
with open("multipletests.json", "w") as f:
    json.dump(cases, f)

intervals = []
for case in range(200):
    m = int(rng.choice([1, 2, 4, 8, 16, 30]))
    alpha = float(rng.choice([0.01, 0.05, 0.1, 0.2]))
    se = rng.uniform(0.05, 3.0, size=m)
    z = rng.normal(0, 1, size=m) * rng.choice([0.5, 1, 3, 6])
    est = z * se
    if case % 2:  # t statistics (e.g. Welch) with their own degrees of freedom
        df = rng.choice([2.0, 5.5, 12.0, 40.0, 300.0, 5000.0], size=m)
        reference = stats.t(df)
    else:
        df = None
        reference = stats.norm()
    p = 2 * reference.sf(np.abs(est / se))
    entry = {"alpha": alpha, "estimates": est.tolist(), "standardErrors": se.tolist(), "p": p.tolist(),
             "degreesOfFreedom": None if df is None else df.tolist()}
    for method in METHODS:
        q = multipletests(p, alpha=alpha, method=method)[1]
        entry[method] = q.tolist()
    # Bonferroni intervals: the textbook interval at level 1 - alpha/m.
    half = reference.isf(alpha / m / 2) * se
    entry["bonferroniLower"] = (est - half).tolist()
    entry["bonferroniUpper"] = (est + half).tolist()
    intervals.append(entry)
with open("adjusted_intervals.json", "w") as f:
    json.dump(intervals, f)
print("wrote", len(cases), "families and", len(intervals), "interval families")
