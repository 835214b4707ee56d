"""Reference values for always-valid inference (confidence sequences and mSPRT).

Needs: numpy, mpmath (the project venv: /work/venv/bin/python).
Run from this folder: `python make_fixtures.py` (seeded, re-runnable). Writes sequential.json.

* GrowthBook's asymptotic confidence sequence, written exactly as in stats-vectors.md item 4
  (N, rho, s2 form; gbstats `SequentialTwoSidedTTest`), p-value from inverting it.
* mSPRT (Johari, Pekelis & Walsh 2017; Optimizely, Statsig): likelihood ratio
  Lambda = sqrt(V/(V+tau2)) exp(tau2 d^2 / (2 V (V+tau2))), p = min(1, 1/Lambda); interval =
  {theta0 : Lambda(theta0) < 1/alpha}, found here by mpmath root finding on Lambda (not by
  the closed form the Swift code uses).
mpmath at 50 digits; p-values down to ~1e-300 (below the double range they are stored as 0).
"""
import json

import mpmath as mp
import numpy as np

mp.mp.dps = 50
rng = np.random.default_rng(11)


def growthbook(estimate, se, total, tuning, alpha):
    estimate, se, total, tuning, alpha = map(mp.mpf, (estimate, se, total, tuning, alpha))
    rho = mp.sqrt((-2 * mp.log(alpha) + mp.log(-2 * mp.log(alpha) + 1)) / tuning)
    s2 = se ** 2 * total
    nr2 = total * rho ** 2
    half = mp.sqrt(s2) * mp.sqrt(2 * (nr2 + 1) / (total ** 2 * rho ** 2) * mp.log(mp.sqrt(nr2 + 1) / alpha))
    p = min(1, mp.sqrt(nr2 + 1) * mp.exp(-estimate ** 2 * total ** 2 * rho ** 2 / (2 * s2 * (nr2 + 1))))
    return {"lower": float(estimate - half), "upper": float(estimate + half), "pValue": float(p)}


def msprt(estimate, se, tau2, null, alpha):
    estimate, se, tau2, null, alpha = map(mp.mpf, (estimate, se, tau2, null, alpha))
    V = se ** 2

    def log_lambda(theta0):
        d = estimate - theta0
        return mp.log(mp.sqrt(V / (V + tau2))) + tau2 * d * d / (2 * V * (V + tau2))

    p = min(1, mp.exp(-log_lambda(null)))
    # Boundary where log Lambda = log(1/alpha), searched outward from the estimate.
    f = lambda h: log_lambda(estimate + h) - mp.log(1 / alpha)
    hi = se
    while f(hi) < 0:
        hi *= 2
    half = mp.findroot(f, (hi / 2 if f(hi / 2) < 0 else mp.mpf(0), hi), solver="anderson")
    return {"lower": float(estimate - half), "upper": float(estimate + half), "pValue": float(p)}


cases = []
for index in range(320):
    se = float(10 ** rng.uniform(-4, 1))
    z = float(rng.choice([rng.normal(0, 2), rng.normal(0, 10), rng.uniform(25, 40) * rng.choice([-1, 1])], p=[.6, .3, .1]))
    estimate = z * se
    total = float(rng.choice([10, 100, 1000, 10**4, 10**6, 10**8]))
    tuning = float(rng.choice([100, 1000, 5000, 10**5]))
    level = float(rng.choice([0.9, 0.95, 0.99]))
    tau2 = float(se ** 2 * 10 ** rng.uniform(-3, 3))
    null = float(rng.choice([0.0, rng.normal(0, 2) * se]))
    cases.append({
        "estimate": estimate, "standardError": se, "totalUnits": total, "tuningUnits": tuning,
        "confidenceLevel": level, "mixingVariance": tau2, "nullValue": null,
        "confidenceSequence": growthbook(estimate, se, total, tuning, 1 - mp.mpf(level)),
        "mixtureSPRT": msprt(estimate, se, tau2, null, 1 - mp.mpf(level)),
    })
with open("sequential.json", "w") as handle:
    json.dump(cases, handle, separators=(",", ":"))
print("written", len(cases))
