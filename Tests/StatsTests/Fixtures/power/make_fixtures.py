"""Reference values for power and sample size (Tests/StatsTests/Power).

Needs: numpy, scipy, statsmodels (the project's /work/venv). Run from this folder:
    python make_fixtures.py
Seeded. Writes power.json with
  noncentralT   scipy.stats.nct cdf and sf at random (t, df, nc), including df up to 1e6;
  power         statsmodels NormalIndPower / TTestIndPower .power(effect_size = effect/sigma,
                nobs1, alpha, ratio, alternative in {two-sided, larger});
  sampleSize    .solve_power(nobs1=None, ...) -> real nobs1 (only cases where statsmodels
                converged: the power at its solution equals the target to 1e-9);
  effect        .solve_power(effect_size=None, ...) -> |effect size| * sigma (statsmodels may
                return the negative root of a two-sided power curve).
Equal variances in both arms (statsmodels' model): variance sigma^2 per unit and arm.
"""
import json
import warnings

import numpy as np
from scipy import stats
from statsmodels.stats.power import NormalIndPower, TTestIndPower

warnings.simplefilter("ignore")
rng = np.random.default_rng(20261121)
SOLVERS = {"normal": NormalIndPower(), "studentT": TTestIndPower()}
ALTERNATIVES = {"two-sided": "two-sided", "one-sided": "larger"}

noncentral = []
case = 0
while len(noncentral) < 300:
    case += 1
    df = float(rng.choice([1.5, 3, 8, 20, 75, 400, 5000, 1e5, 1e6]))
    nc = float(rng.uniform(-8, 12)) if case % 10 else 0.0
    t = float(rng.uniform(-6, 14))
    if not (np.isfinite(stats.nct.cdf(t, df, nc)) and np.isfinite(stats.nct.sf(t, df, nc))):
        continue  # scipy's nct returns NaN far in the tail (about 5% of draws); skip those
    noncentral.append({"t": t, "df": df, "nc": nc,
                       "cdf": float(stats.nct.cdf(t, df, nc)), "sf": float(stats.nct.sf(t, df, nc))})


def design():
    variance = float(10 ** rng.uniform(-2, 4))
    alpha = float(rng.choice([0.001, 0.01, 0.05, 0.1, 0.2]))
    ratio = float(rng.choice([1, 1, 0.25, 0.5, 2, 3.7]))
    test = ["normal", "studentT"][int(rng.integers(2))]
    alternative = ["two-sided", "one-sided"][int(rng.integers(2))]
    return variance, alpha, ratio, test, alternative


power_cases = []
for case in range(300):
    variance, alpha, ratio, test, alternative = design()
    nobs1 = float(rng.choice([3, 5, 10, 40, 200, 1000, 20000, 250000]))
    effect = float(rng.uniform(0.01, 1.5)) * np.sqrt(variance) * 4 / np.sqrt(nobs1)
    p = SOLVERS[test].power(effect_size=effect / np.sqrt(variance), nobs1=nobs1, alpha=alpha, ratio=ratio,
                            alternative=ALTERNATIVES[alternative])
    power_cases.append({"variance": variance, "alpha": alpha, "ratio": ratio, "test": test, "alternative": alternative,
                        "effect": effect, "controlCount": nobs1, "power": float(p)})

size_cases = []
while len(size_cases) < 300:
    variance, alpha, ratio, test, alternative = design()
    power = float(rng.choice([0.5, 0.8, 0.85, 0.9, 0.95, 0.99]))
    if power <= alpha:
        continue
    effect = float(10 ** rng.uniform(-2.5, 0.3)) * np.sqrt(variance)
    solver = SOLVERS[test]
    kwargs = dict(effect_size=effect / np.sqrt(variance), alpha=alpha, ratio=ratio, alternative=ALTERNATIVES[alternative])
    try:
        n = float(np.asarray(solver.solve_power(nobs1=None, power=power, **kwargs)).item())
    except Exception:
        continue
    if not np.isfinite(n) or n < 2 or abs(solver.power(nobs1=n, **kwargs) - power) > 1e-9:
        continue
    size_cases.append({"variance": variance, "alpha": alpha, "ratio": ratio, "test": test, "alternative": alternative,
                       "effect": effect, "targetPower": power, "controlCount": n})

effect_cases = []
while len(effect_cases) < 250:
    variance, alpha, ratio, test, alternative = design()
    power = float(rng.choice([0.5, 0.8, 0.9, 0.95]))
    if power <= alpha:
        continue
    nobs1 = float(rng.choice([4, 10, 30, 100, 1000, 50000]))
    solver = SOLVERS[test]
    kwargs = dict(nobs1=nobs1, alpha=alpha, ratio=ratio, alternative=ALTERNATIVES[alternative])
    try:
        es = float(np.asarray(solver.solve_power(effect_size=None, power=power, **kwargs)).item())
    except Exception:
        continue
    if not np.isfinite(es) or abs(solver.power(effect_size=es, **kwargs) - power) > 1e-9:
        continue
    effect_cases.append({"variance": variance, "alpha": alpha, "ratio": ratio, "test": test, "alternative": alternative,
                         "controlCount": nobs1, "targetPower": power, "effect": abs(es) * np.sqrt(variance)})

vector = TTestIndPower().solve_power(effect_size=0.3 / 10, alpha=0.05, power=0.85, ratio=1)
with open("power.json", "w") as f:
    json.dump({"noncentralT": noncentral, "power": power_cases, "sampleSize": size_cases, "effect": effect_cases,
               "publishedVector": {"ttestNobs1": float(vector)}}, f)
print(len(noncentral), len(power_cases), len(size_cases), len(effect_cases), "vector nobs1", vector)
