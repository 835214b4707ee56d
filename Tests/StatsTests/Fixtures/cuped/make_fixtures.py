"""Reference values for CUPED (means and ratio metrics).

Needs: numpy, scipy, statsmodels, mpmath (the project venv: /work/venv/bin/python).
Run from this folder: `python make_fixtures.py` (seeded, re-runnable). Writes cuped.json and
cuped_ratio.json.

Independent of the Swift code path: the data are raw per-unit rows generated here.
* theta and the absolute effect come from statsmodels OLS `y ~ 1 + treatment + x`
  (the covariate coefficient is the pooled within-arm slope; the treatment coefficient is
  the CUPED difference), cross-checked against the closed form.
* Standard errors come from the per-unit adjusted values y - theta x (numpy, ddof 1).
* The relative variance is g' S g with S the per-arm covariance matrix of (y, x) from the
  raw rows divided by n and g the gradient of ((mB - theta xB) - (mA - theta xA)) / |mA|
  taken by mpmath numerical differentiation (so the algebra is not shared with Swift).
* Ratio metrics: per-unit linearisation (N - r D)/mean(D), (P - c Q)/mean(Q) of the raw rows.
Tails and quantiles with mpmath as in ../frequentist/make_fixtures.py.
"""
import json

import mpmath as mp
import numpy as np
import statsmodels.api as sm
from scipy import stats

mp.mp.dps = 50
rng = np.random.default_rng(7)
ALPHA = mp.mpf("0.05")


def t_sf(t, dof):
    t = mp.mpf(t)
    if t < 0:
        return 1 - t_sf(-t, dof)
    x = t * t / (dof + t * t)
    return mp.betainc(dof / 2, mp.mpf(1) / 2, 0, 1 - x, regularized=True) / 2


def t_isf(p, dof):
    return mp.findroot(lambda t: t_sf(t, dof) - p, mp.mpf(stats.t.isf(float(p), float(dof))))


def inference(estimate, se, dof):
    stat = estimate / se
    q2 = t_isf(ALPHA / 2, dof)
    return {"estimate": float(estimate), "standardError": float(se), "pTwoSided": float(min(1, 2 * t_sf(abs(stat), dof))),
            "lower": float(estimate - q2 * se), "upper": float(estimate + q2 * se)}


def analyse(yA, xA, yB, xB, theta):
    """CUPED comparison from per-unit metric y and covariate x (numpy arrays), mpmath output."""
    out = {"theta": float(theta)}
    th = mp.mpf(theta)
    zA, zB = yA - theta * xA, yB - theta * xB
    nA, nB = len(yA), len(yB)
    vA, vB = mp.mpf(zA.var(ddof=1)) / nA, mp.mpf(zB.var(ddof=1)) / nB
    dof = (vA + vB) ** 2 / ((vA ** 2 / (nA - 1) if vA > 0 else 0) + (vB ** 2 / (nB - 1) if vB > 0 else 0))
    mA, xbarA, mB, xbarB = (mp.mpf(float(v.mean())) for v in (yA, xA, yB, xB))
    diff = (mB - th * xbarB) - (mA - th * xbarA)
    out["degreesOfFreedom"] = float(dof)
    out["absolute"] = inference(diff, mp.sqrt(vA + vB), dof)
    def relative(a, xa, b, xb):
        return ((b - th * xb) - (a - th * xa)) / abs(a)
    point = [mA, xbarA, mB, xbarB]
    gradient = [mp.diff(lambda v, k=k: relative(*[v if j == k else point[j] for j in range(4)]), point[k]) for k in range(4)]
    covA = np.cov(np.vstack([yA, xA]), ddof=1) / nA
    covB = np.cov(np.vstack([yB, xB]), ddof=1) / nB
    S = mp.zeros(4, 4)
    for i in range(2):
        for j in range(2):
            S[i, j] = covA[i, j]
            S[2 + i, 2 + j] = covB[i, j]
    g = mp.matrix(gradient)
    variance = (g.T * S * g)[0]
    out["relative"] = inference(relative(*point), mp.sqrt(variance), dof)
    return out


def mean_cases(total=260):
    cases = []
    for index in range(total):
        nA, nB = [int(rng.choice([2, 3, 5, 20, 100, 1000, 5000])) for _ in range(2)]
        slope, corr = rng.uniform(-2, 3), rng.uniform(0, 0.99)
        base = rng.normal(0, 5)
        arms = []
        for n, effect in ((nA, 0.0), (nB, rng.normal(0, 1))):
            x = rng.normal(base, 2, n)
            y = base + effect + slope * (corr * (x - base) + np.sqrt(1 - corr ** 2) * rng.normal(0, 2, n))
            if index % 13 == 12:
                x = np.full(n, 3.0)  # covariate without variance: fallback to unadjusted
            arms.append((y, x))
        (yA, xA), (yB, xB) = arms
        case = {"control": [nA, yA.sum(), xA.sum(), (yA * yA).sum(), (xA * xA).sum(), (yA * xA).sum()],
                "treatment": [nB, yB.sum(), xB.sum(), (yB * yB).sum(), (xB * xB).sum(), (yB * xB).sum()]}
        if index % 13 == 12:
            case["fallback"] = True
            case["expected"] = analyse(yA, xA, yB, xB, 0.0)
        else:
            y = np.concatenate([yA, yB])
            design = np.column_stack([np.ones(nA + nB), np.r_[np.zeros(nA), np.ones(nB)], np.concatenate([xA, xB])])
            fit = sm.OLS(y, design).fit()
            theta = float(fit.params[2])
            closed = ((np.cov(yA, xA)[0, 1] * (nA - 1) + np.cov(yB, xB)[0, 1] * (nB - 1)) /
                      (xA.var(ddof=1) * (nA - 1) + xB.var(ddof=1) * (nB - 1))) if min(nA, nB) > 1 else theta
            assert abs(closed - theta) <= 1e-8 * max(1, abs(theta)), (closed, theta)
            case["fallback"] = False
            case["expected"] = analyse(yA, xA, yB, xB, theta)
            # The OLS treatment coefficient is the CUPED absolute effect.
            assert abs(float(fit.params[1]) - case["expected"]["absolute"]["estimate"]) <= 1e-8 * max(1, abs(fit.params[1]))
        cases.append(case)
    return cases


def ratio_cases(total=120):
    cases = []
    for index in range(total):
        nA, nB = [int(rng.choice([3, 10, 100, 1000])) for _ in range(2)]
        scale = 10 ** rng.uniform(-1, 1)
        raw, linear = [], []
        for n, lift in ((nA, 0.0), (nB, rng.normal(0, 0.1))):
            habit = rng.gamma(2, 1, n)
            Q = rng.poisson(2 + 3 * habit).astype(float) + 1
            P = Q * scale * habit * rng.gamma(5, 0.2, n)
            D = rng.poisson(2 + 3 * habit).astype(float) + 1
            N = D * scale * (1 + lift) * habit * rng.gamma(5, 0.2, n)
            raw.append((N, D, P, Q))
            r, c = N.mean() / D.mean(), P.mean() / Q.mean()
            linear.append((r, c, (N - r * D) / D.mean(), (P - c * Q) / Q.mean()))
        (rA, cA, lA, kA), (rB, cB, lB, kB) = linear
        theta = ((np.cov(lA, kA)[0, 1] * (nA - 1) + np.cov(lB, kB)[0, 1] * (nB - 1)) /
                 (kA.var(ddof=1) * (nA - 1) + kB.var(ddof=1) * (nB - 1)))
        # The linearised values have mean 0; shift them to the arm's ratio so the same
        # analysis (means of y and x) applies.
        case = {}
        for name, (N, D, P, Q) in zip(("control", "treatment"), raw):
            values = np.vstack([N, D, P, Q])
            case[name] = {"count": len(N), "sums": values.sum(axis=1).tolist(), "crossProducts": (values @ values.T).ravel().tolist()}
        case["expected"] = analyse(lA + rA, kA + cA, lB + rB, kB + cB, theta)
        cases.append(case)
    return cases


with open("cuped.json", "w") as handle:
    json.dump(mean_cases(), handle, separators=(",", ":"))
with open("cuped_ratio.json", "w") as handle:
    json.dump(ratio_cases(), handle, separators=(",", ":"))
print("written")
