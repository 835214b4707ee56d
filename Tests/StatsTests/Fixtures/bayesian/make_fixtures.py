"""Reference values for the Bayesian models.

Needs: numpy, mpmath (the project venv: /work/venv/bin/python).
Run from this folder: `python make_fixtures.py` (seeded, re-runnable). Writes gaussian.json
and beta_binomial.json.

* Gaussian effect model (gbstats): conjugate normal update in mpmath; chance to win
  = Phi(mu/sigma); the two risks E[max(d, 0)] and E[max(-d, 0)] by mpmath numerical
  integration against the posterior density (not the closed form the Swift code uses).
* Beta-binomial: P(p_B > p_A) by Evan Miller's exact finite sum ("Formulas for Bayesian A/B
  testing") in mpmath, with integer posterior parameters; the control's expected loss
  E[max(p_B - p_A, 0)] = m_B P(B+ > A) - m_A P(B > A+) with B+ = Beta(a_B + 1, b_B) and
  A+ = Beta(a_A + 1, b_A), each term by the same exact sum.
"""
import json

import mpmath as mp
import numpy as np

mp.mp.dps = 40
rng = np.random.default_rng(5)


def gaussian_cases(total=300):
    cases = []
    for index in range(total):
        se = float(10 ** rng.uniform(-3, 0))
        estimate = float(rng.normal(0, 3) * se)
        level = float(rng.choice([0.8, 0.9, 0.95, 0.99]))
        prior = None
        if index % 2 == 1:
            prior = [float(rng.normal(0, 0.2)), float(10 ** rng.uniform(-4, 0))]
        m, v = mp.mpf(estimate), mp.mpf(se) ** 2
        if prior:
            precision = 1 / v + 1 / mp.mpf(prior[1])
            v = 1 / precision
            m = v * (mp.mpf(estimate) / mp.mpf(se) ** 2 + mp.mpf(prior[0]) / mp.mpf(prior[1]))
        s = mp.sqrt(v)
        z = mp.sqrt(2) * mp.erfinv(mp.mpf(level))
        density = lambda d: mp.npdf(d, m, s)
        risk_control = mp.quad(lambda d: d * density(d), [0, m + 40 * s if m + 40 * s > 0 else 0, mp.inf]) if True else 0
        risk_treatment = mp.quad(lambda d: -d * density(d), [-mp.inf, min(0, m - 40 * s), 0])
        cases.append({
            "estimate": estimate, "standardError": se, "credibleLevel": level, "prior": prior,
            "posteriorMean": float(m), "posteriorStandardDeviation": float(s),
            "credibleLower": float(m - z * s), "credibleUpper": float(m + z * s),
            "chanceToWin": float(mp.ncdf(m / s)), "riskControl": float(risk_control), "riskTreatment": float(risk_treatment),
        })
    return cases


def chance_b_beats_a(aA, bA, aB, bB):
    """P(p_B > p_A) for integer aB (Evan Miller)."""
    total = mp.mpf(0)
    log_beta_a = mp.log(mp.beta(aA, bA))
    for i in range(int(aB)):
        total += mp.exp(mp.log(mp.beta(aA + i, bA + bB)) - mp.log(bB + i) - mp.log(mp.beta(1 + i, bB)) - log_beta_a)
    return total


def beta_cases(total=200):
    cases = []
    for index in range(total):
        n_a, n_b = [int(rng.choice([1, 5, 20, 100, 1000, 5000])) for _ in range(2)]
        p = rng.uniform(0.01, 0.6)
        s_a = int(rng.binomial(n_a, p))
        s_b = int(rng.binomial(n_b, min(1, p * rng.uniform(0.7, 1.4))))
        if index % 10 == 0:
            s_a, s_b = 0, 0  # no successes at all
        if index % 10 == 1:
            s_a, s_b = n_a, n_b  # all successes
        prior = [1, 1] if index % 3 else [int(rng.integers(1, 5)), int(rng.integers(1, 10))]
        aA, bA = prior[0] + s_a, prior[1] + n_a - s_a
        aB, bB = prior[0] + s_b, prior[1] + n_b - s_b
        chance = chance_b_beats_a(aA, bA, aB, bB)
        mA, mB = mp.mpf(aA) / (aA + bA), mp.mpf(aB) / (aB + bB)
        risk_control = mB * chance_b_beats_a(aA, bA, aB + 1, bB) - mA * (1 - chance_b_beats_a(aB, bB, aA + 1, bA))
        cases.append({
            "control": [s_a, n_a], "treatment": [s_b, n_b], "prior": prior,
            "chanceToWin": float(chance), "riskControl": float(risk_control),
            "riskTreatment": float(risk_control - (mB - mA)),
        })
    return cases


with open("gaussian.json", "w") as handle:
    json.dump(gaussian_cases(), handle, separators=(",", ":"))
with open("beta_binomial.json", "w") as handle:
    json.dump(beta_cases(), handle, separators=(",", ":"))
print("written")
