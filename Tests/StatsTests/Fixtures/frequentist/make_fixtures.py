"""Reference values for the frequentist tests (Welch, two proportions, ratio metrics).

Needs: numpy, scipy, statsmodels, mpmath (the project venv: /work/venv/bin/python).
Run from this folder: `python make_fixtures.py` (seeded, re-runnable). Writes welch.json,
proportions.json, ratio.json.

Every expected number is computed with mpmath at 30 digits from the exact double inputs
(the same inputs the Swift tests read): means and variances from the sufficient statistics,
Welch-Satterthwaite degrees of freedom, Student-t tails through the regularised incomplete
beta function, t quantiles by Newton steps from scipy's. The peers are cross-checked on every case:
scipy `ttest_ind_from_stats(equal_var=False)` (p-values) and statsmodels
`proportions_ztest` (pooled z); the script stops if they disagree beyond 1e-7 relative (the peers round the means to doubles before subtracting, which costs up to ~t^2 * 1e-16 * |mean| / |difference| in a deep tail)
(for p-values above 1e-290, below that scipy underflows).
"""
import json
import math

import mpmath as mp
import numpy as np
from scipy import stats
from statsmodels.stats.proportion import proportions_ztest

mp.mp.dps = 30
rng = np.random.default_rng(20261121)
ALPHA = mp.mpf("0.05")


def t_sf(t, dof):
    """P(T > t) for Student t with dof degrees of freedom (dof = inf: normal)."""
    t = mp.mpf(t)
    if dof == mp.inf:
        return mp.ncdf(-t)
    if t < 0:
        return 1 - t_sf(-t, dof)
    # P(T > t) = 0.5 * I_x(dof/2, 1/2), x = dof/(dof+t^2): no cancellation in the far tail.
    x = dof / (dof + t * t)
    a, b = dof / 2, mp.mpf(1) / 2
    if x < mp.mpf(1) / 2:
        # DLMF 8.17.8, I_x(a,b) = x^a (1-x)^b / (a B(a,b)) 2F1(a+b, 1; a+1; x): converges
        # geometrically for small x, where mpmath's betainc may fail to converge.
        return mp.exp(a * mp.log(x) + b * mp.log1p(-x) - mp.log(a) - mp.log(mp.beta(a, b))) * mp.hyp2f1(a + b, 1, a + 1, x) / 2
    if dof > 1e4 and t > 8:
        # Huge dof and a far tail (e.g. dof 2e6, p ~ 1e-268): mpmath's hypergeometric route
        # spends ~10 s per call and then gives up; use the peer, scipy's t.sf (Boost), which
        # agrees with mpmath to ~1e-15 wherever both work (checked by hand at dof 30.2,
        # 1000.5, 1.9e6, 1.5e9 and t 15.6 to 35).
        return mp.mpf(stats.t.sf(float(t), float(dof)))
    return mp.betainc(a, b, 0, x, regularized=True) / 2


def t_pdf(t, dof):
    if dof == mp.inf:
        return mp.npdf(t)
    return mp.exp(mp.loggamma((dof + 1) / 2) - mp.loggamma(dof / 2) - mp.log(dof * mp.pi) / 2
                  - (dof + 1) / 2 * mp.log1p(t * t / dof))


QUANTILES = {}


def t_isf(p, dof):
    """The t with P(T > t) = p: scipy's value polished by two Newton steps in mpmath."""
    key = (p, dof)
    if key not in QUANTILES:
        t = mp.mpf(stats.t.isf(float(p), float(dof)) if dof != mp.inf else stats.norm.isf(float(p)))
        for _ in range(2):
            t = t + (t_sf(t, dof) - p) / t_pdf(t, dof)
        QUANTILES[key] = t
    return QUANTILES[key]


def inference(estimate, se, dof):
    """Two-sided and one-sided p-values and bounds for a t pivot."""
    stat = estimate / se
    q2 = t_isf(ALPHA / 2, dof)
    q1 = t_isf(ALPHA, dof)
    return {
        "estimate": float(estimate), "standardError": float(se), "statistic": float(stat),
        "pTwoSided": float(min(1, 2 * t_sf(abs(stat), dof))), "pGreater": float(t_sf(stat, dof)),
        "pLess": float(t_sf(-stat, dof)),
        "lower": float(estimate - q2 * se), "upper": float(estimate + q2 * se),
        "lowerGreater": float(estimate - q1 * se), "upperLess": float(estimate + q1 * se),
    }


def welch_dof(va, na, vb, nb):
    terms = (va * va / (na - 1) if va > 0 else 0) + (vb * vb / (nb - 1) if vb > 0 else 0)
    return (va + vb) ** 2 / terms


def fieller(numerator, denominator, vn, vd, cov, dof, sign):
    """Two-sided Fieller interval for sign * numerator / denominator, or None if unbounded."""
    q = t_isf(ALPHA / 2, dof)
    a = denominator ** 2 - q * q * vd
    if a <= 0:
        return None
    b = -2 * (numerator * denominator - q * q * cov)
    c = numerator ** 2 - q * q * vn
    disc = b * b - 4 * a * c
    roots = sorted([(-b - mp.sqrt(disc)) / (2 * a), (-b + mp.sqrt(disc)) / (2 * a)])
    lo, hi = (roots[0], roots[1]) if sign > 0 else (-roots[1], -roots[0])
    return [float(lo), float(hi)]


def compare(ma, va_unit, na, mb, vb_unit, nb):
    """All reference numbers for one comparison from per-arm moments (mpmath)."""
    va, vb = va_unit / na, vb_unit / nb
    if va + vb == 0:
        return {"undefined": "zeroVarianceInBothArms"}
    dof = welch_dof(va, na, vb, nb)
    diff = mb - ma
    out = {"degreesOfFreedom": float(dof), "absolute": inference(diff, mp.sqrt(va + vb), dof)}
    if ma == 0:
        out["relative"] = {"undefined": "zeroControlMean"}
        return out
    sign = 1 if ma > 0 else -1
    rel = diff / abs(ma)
    gradient = -sign * mb / ma ** 2  # = -1/|ma| - diff sign/ma^2, exactly 0 when mb = 0
    rel_var = vb / ma ** 2 + gradient ** 2 * va
    if rel_var == 0:
        # Treatment mean 0 without variance (e.g. 0 conversions): the delta method is degenerate.
        out["relative"] = {"undefined": "degenerateRelativeVariance"}
        return out
    out["relative"] = inference(rel, mp.sqrt(rel_var), dof)
    out["relative"]["fieller"] = fieller(diff, ma, va + vb, va, -va, dof, sign)
    q2 = t_isf(ALPHA / 2, dof)
    se_abs = mp.sqrt(va + vb)
    out["relative"]["scaledAbsolute"] = [float((diff - q2 * se_abs) / abs(ma)), float((diff + q2 * se_abs) / abs(ma))]
    return out


def check(label, mine, peer):
    if mine > 1e-290 and not math.isclose(mine, peer, rel_tol=1e-7, abs_tol=1e-300):
        raise SystemExit(f"{label}: mpmath {mine} vs peer {peer}")


def pick_count():
    return int(rng.choice([2, 3, 5, 10, 30, 100, 1000, 10**4, 10**6, 10**9], p=[.1, .05, .05, .1, .1, .15, .15, .1, .15, .05]))


def welch_cases(total=320):
    global rng
    rng = np.random.default_rng(1)  # one stream per file, so files can be rebuilt alone
    cases = []
    for index in range(total):
        na, nb = pick_count(), pick_count()
        kind = index % 8
        ma = float(rng.normal(0, 10)) if kind != 7 else 0.0
        sda = float(abs(rng.normal(0, 1)) * 10 ** rng.uniform(-2, 1))
        mb = ma + float(rng.normal(0, 1) * sda * (40 / math.sqrt(min(na, nb)) if kind == 3 else 2 / math.sqrt(min(na, nb))))
        sdb = float(sda * 10 ** rng.uniform(-1, 1))
        if kind == 5:
            sda = 0.0  # zero variance in one arm
        if kind == 6:
            sdb = 0.0
        if index == 1:
            sda = sdb = 0.0  # zero variance in both arms
        if kind == 3:
            na = nb = 10**6  # p-values far below 1e-200
            mb = ma + float(rng.choice([-1, 1]) * rng.uniform(31, 37) * sda * math.sqrt(2 / na)) if sda > 0 else mb
        sa, ssa = na * ma, (na - 1) * sda ** 2 + na * ma ** 2
        sb, ssb = nb * mb, (nb - 1) * sdb ** 2 + nb * mb ** 2
        case = {"control": [na, sa, ssa], "treatment": [nb, sb, ssb]}
        # Moments exactly as the sufficient statistics (doubles) imply them.
        nA, SA, SSA, nB, SB, SSB = map(mp.mpf, (na, sa, ssa, nb, sb, ssb))
        mA, mB = SA / nA, SB / nB
        vA = max(0, (SSA - SA * SA / nA) / (nA - 1))
        vB = max(0, (SSB - SB * SB / nB) / (nB - 1))
        case["expected"] = compare(mA, vA, nA, mB, vB, nB)
        if "absolute" in case["expected"]:
            peer = stats.ttest_ind_from_stats(float(mB), math.sqrt(float(vB)), nb, float(mA), math.sqrt(float(vA)), na, equal_var=False)
            check(f"welch case {index}", case["expected"]["absolute"]["pTwoSided"], float(peer.pvalue))
        cases.append(case)
    return cases


def proportion_cases(total=320):
    global rng
    rng = np.random.default_rng(2)  # one stream per file, so files can be rebuilt alone
    cases = []
    for index in range(total):
        na, nb = max(2, pick_count() if pick_count() < 10**9 else 10**7), max(2, pick_count() if pick_count() < 10**9 else 10**7)
        kind = index % 6
        pa = float(rng.uniform(0.001, 0.999)) if kind < 4 else float(rng.choice([0.0, 1.0]))
        pb = min(1.0, max(0.0, pa + float(rng.normal(0, 2 / math.sqrt(min(na, nb))))))
        if kind == 3 and min(na, nb) >= 1000:
            pb = min(1.0, max(0.0, pa + float(rng.choice([-1, 1]) * 0.3)))
        if index == 5:
            pb = pa  # 0 or 1 in both arms
        xa, xb = round(pa * na), round(pb * nb)
        case = {"control": [xa, na], "treatment": [xb, nb]}
        A, NA, B, NB = map(mp.mpf, (xa, na, xb, nb))
        mA, mB = A / NA, B / NB
        case["unpooled"] = compare(mA, mA * (1 - mA), NA, mB, mB * (1 - mB), NB)
        pooled = (A + B) / (NA + NB)
        if 0 < pooled < 1:
            z = (mB - mA) / mp.sqrt(pooled * (1 - pooled) * (1 / NA + 1 / NB))
            se = mp.sqrt(mA * (1 - mA) / NA + mB * (1 - mB) / NB)
            zq = t_isf(ALPHA / 2, mp.inf)
            case["pooled"] = {"statistic": float(z), "pTwoSided": float(min(1, 2 * mp.ncdf(-abs(z)))),
                              "pGreater": float(mp.ncdf(-z)), "pLess": float(mp.ncdf(z)),
                              "lower": float(mB - mA - zq * se), "upper": float(mB - mA + zq * se)}
            zs, peer = proportions_ztest([xb, xa], [nb, na], alternative="two-sided")
            check(f"pooled z case {index}", case["pooled"]["pTwoSided"], float(peer))
        else:
            case["pooled"] = {"undefined": "zeroVarianceInBothArms"}
        if "absolute" in case["unpooled"]:
            peer = stats.ttest_ind_from_stats(float(mB), math.sqrt(float(mB * (1 - mB))), nb, float(mA), math.sqrt(float(mA * (1 - mA))), na, equal_var=False)
            check(f"unpooled case {index}", case["unpooled"]["absolute"]["pTwoSided"], float(peer.pvalue))
        cases.append(case)
    return cases


def ratio_cases(total=200):
    global rng
    rng = np.random.default_rng(3)  # one stream per file, so files can be rebuilt alone
    """Raw per-unit (numerator, denominator) data; the reference linearises the raw data."""
    cases = []
    for index in range(total):
        na, nb = [int(rng.choice([2, 3, 10, 50, 200, 2000])) for _ in range(2)]
        scale = 10 ** rng.uniform(-1, 2)
        arms = []
        for n, lift in ((na, 0.0), (nb, float(rng.normal(0, 0.2)))):
            den = rng.poisson(3, n).astype(float) + 1
            num = den * scale * (1 + lift) * rng.gamma(2, 0.5, n)
            if index % 10 == 9:
                num = den * scale  # ratio constant per unit: zero linearised variance
            arms.append((num, den))
        case = {}
        moments = []
        for name, (num, den) in zip(("control", "treatment"), arms):
            case[name] = [len(num), float(num.sum()), float(den.sum()), float((num * num).sum()), float((den * den).sum()), float((num * den).sum())]
            ratio = mp.fsum(map(mp.mpf, num)) / mp.fsum(map(mp.mpf, den))
            mean_den = mp.fsum(map(mp.mpf, den)) / len(den)
            linear = [(mp.mpf(x) - ratio * mp.mpf(y)) / mean_den for x, y in zip(num, den)]
            mean_linear = mp.fsum(linear) / len(linear)
            var = mp.fsum((v - mean_linear) ** 2 for v in linear) / (len(linear) - 1)
            moments.append((ratio, var, mp.mpf(len(num))))
        (ra, va, na_), (rb, vb, nb_) = moments
        # The constant-ratio cases have a true linearised variance of 0; the sums leave
        # rounding noise, so the tests check those only for "no crash, small SE".
        case["exactlyZeroVariance"] = index % 10 == 9
        case["expected"] = compare(ra, va, na_, rb, vb, nb_)
        cases.append(case)
    return cases


import sys

for name, maker in (("welch", welch_cases), ("proportions", proportion_cases), ("ratio", ratio_cases)):
    if len(sys.argv) > 1 and name not in sys.argv[1:]:
        continue  # `python make_fixtures.py welch` regenerates one file
    with open(f"{name}.json", "w") as handle:
        json.dump(maker(), handle, indent=None, separators=(",", ":"))
    print(name, "written")
