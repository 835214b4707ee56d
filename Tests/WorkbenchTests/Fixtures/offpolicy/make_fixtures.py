"""Reference values for the off-policy estimators (Tests/WorkbenchTests/OffPolicy).

Needs: numpy, scipy. Run from this folder: `python make_fixtures.py` (seeded; rewrites
logged_units.csv and reference.json).

An independent numpy implementation of docs/off-policy.md: propensities (estimated per
stratum, or known), the cross-fitted ridge least-squares outcome models on the standardised
design, IPS, SNIPS, DM, DR, Kish's effective sample size, support coverage, differences from
the all-control policy, and the seeded unit-level bootstrap (SplitMix64 draws, Lemire's
unbiased bounded integers, percentile intervals of type 7 = numpy's default 'linear');
and scipy's chi-square test of a constant share across strata (chi2_contingency without
Yates' correction).
"""
import json

import numpy as np
from scipy.stats import chi2_contingency

MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def next_index(self, bound):
        product = bound * self.next()
        if (product & MASK) < bound:
            threshold = ((1 << 64) - bound) % bound
            while (product & MASK) < threshold:
                product = bound * self.next()
        return product >> 64


def make_data(rng, n=400):
    strata = rng.integers(0, 4, n)
    share = np.array([0.1, 0.3, 0.5, 0.5])[strata]
    u = rng.random(n)
    arm = np.where(u < share, "treatment", np.where(u < share + 0.05, "other", "control"))
    x1 = rng.normal(size=n)
    x2 = rng.poisson(3, n).astype(float)
    x2[rng.random(n) < 0.1] = np.nan
    x3 = np.full(n, 7.0)
    score = 1 / (1 + np.exp(-(x1 + 0.2 * np.nan_to_num(x2, nan=3.0) - 0.6)))
    treated = arm == "treatment"
    effect = 0.5 * x1
    conversion = (rng.random(n) < 1 / (1 + np.exp(-(-1 + x1 + treated * effect)))).astype(float)
    revenue = np.round(np.exp(rng.normal(1 + 0.3 * x1 + treated * effect, 0.5)) * conversion, 2)
    requests = rng.poisson(4 + np.nan_to_num(x2, nan=3.0)).astype(float)
    errors = rng.binomial(requests.astype(int), 0.05 + 0.05 * treated).astype(float)
    folds = rng.integers(0, 5, n)
    return dict(arm=arm, score=score, stratum=strata, fold=folds, x1=x1, x2=x2, x3=x3,
                rewards=[conversion, revenue, errors, requests])


def design_matrix(d):
    n = len(d["arm"])
    columns = [np.ones(n)]
    for values in [d["x1"], d["x2"], d["x3"], d["score"]]:
        present = ~np.isnan(values)
        if present.sum() == 0:
            continue
        mean = values[present].sum() / present.sum()
        sd = np.sqrt(((values[present] - mean) ** 2).sum() / present.sum())
        if sd > 0:
            columns.append(np.where(present, (np.nan_to_num(values) - mean) / sd, 0.0))
        if present.sum() < n:
            columns.append((~present).astype(float))
    return np.column_stack(columns)


def outcome_predictions(d, X, m, ridge):
    n, p = X.shape
    Y = np.column_stack(d["rewards"])
    predictions = {}
    for arm in ["treatment", "control"]:
        out = np.full(Y.shape, np.nan)
        for fold in range(5):
            train = (d["fold"] != fold) & (d["arm"] == arm) & (m > 0)
            total = m[train].sum()
            if total <= 0:
                continue
            Xt, Yt, mt = X[train], Y[train], m[train]
            G = (Xt * mt[:, None]).T @ Xt
            c = (Xt * mt[:, None]).T @ Yt
            G[np.arange(1, p), np.arange(1, p)] += ridge * total
            beta = np.linalg.solve(G, c)
            rows = d["fold"] == fold
            out[rows] = X[rows] @ beta
        predictions[arm] = out
    return predictions


def propensities(d, m, known):
    n_strata = 4
    if known is not None:
        return np.full(n_strata, known[0]), np.full(n_strata, known[1])
    pt, pc = np.zeros(n_strata), np.zeros(n_strata)
    for s in range(n_strata):
        rows = (d["stratum"] == s) & (m > 0)
        total = m[rows].sum()
        if total > 0:
            pt[s] = m[rows & (d["arm"] == "treatment")].sum() / total
            pc[s] = m[rows & (d["arm"] == "control")].sum() / total
    return pt, pc


METRICS = [("conversion", 0, None), ("revenue", 1, None), ("error_rate", 2, 3)]
ESTIMATORS = ["ips", "snips", "dm", "dr"]


def statistics(d, X, m, known, thresholds, ridge):
    """Returns {policy: {"treated_share", "coverage", "ess", metric: {estimator: value}}}."""
    pt_s, pc_s = propensities(d, m, known)
    pt, pc = pt_s[d["stratum"]], pc_s[d["stratum"]]
    mu = outcome_predictions(d, X, m, ridge)
    with np.errstate(divide="ignore", invalid="ignore"):
        wt = np.where(d["arm"] == "treatment", 1 / pt, 0.0)
        wc = np.where(d["arm"] == "control", 1 / pc, 0.0)
    policies = [("score >= %r" % t, d["score"] >= t) for t in thresholds]
    policies += [("all control", np.zeros(len(m), bool)), ("all treatment", np.ones(len(m), bool))]
    units = m.sum()
    result = {}
    for name, treat in policies:
        w = np.where(treat, wt, wc)
        unsupported = (m * np.where(treat, pt <= 0, pc <= 0)).sum()
        entry = {"treated_share": (m * treat).sum() / units, "coverage": 1 - unsupported / units,
                 "ess": (m * w).sum() ** 2 / (m * w * w).sum()}
        for metric, num, den in METRICS:
            values = {}
            for estimator in ESTIMATORS:
                def variable(v):
                    y = d["rewards"][v]
                    mu_pol = np.where(treat, mu["treatment"][:, v], mu["control"][:, v])
                    if estimator == "ips":
                        return (m * w * y).sum() / units
                    if estimator == "snips":
                        return (m * w * y).sum() / (m * w).sum()
                    if estimator == "dm":
                        return (m * mu_pol).sum() / units
                    return (m * (mu_pol + np.where(w == 0, 0.0, w * (y - mu_pol)))).sum() / units
                if estimator != "dm" and unsupported > 0:
                    values[estimator] = np.nan
                    continue
                value = variable(num)
                if den is not None:
                    bottom = variable(den)
                    value = value / bottom if bottom != 0 else np.nan
                values[estimator] = value
            entry[metric] = values
        result[name] = entry
    logged = {}
    for metric, num, den in METRICS:
        value = (m * d["rewards"][num]).sum() / units
        if den is not None:
            value = value / ((m * d["rewards"][den]).sum() / units)
        logged[metric] = value
    result["logged"] = logged
    return result


def interval(values, level):
    defined = np.sort(np.array([v for v in values if np.isfinite(v)]))
    if len(defined) < 0.9 * len(values):
        return None
    return {"lower": float(np.quantile(defined, (1 - level) / 2)), "upper": float(np.quantile(defined, (1 + level) / 2)),
            "standard_error": float(np.std(defined, ddof=1)), "used": int(len(defined))}


def scenario(d, known, thresholds, replicates, seed, level, ridge):
    X = design_matrix(d)
    n = len(d["arm"])
    point = statistics(d, X, np.ones(n), known, thresholds, ridge)
    generator = SplitMix64(seed)
    draws = []
    for _ in range(replicates):
        m = np.zeros(n)
        for _ in range(n):
            m[generator.next_index(n)] += 1
        draws.append(statistics(d, X, m, known, thresholds, ridge))
    policies = {}
    for name, entry in point.items():
        if name == "logged":
            policies[name] = {metric: {"estimate": value, "interval": interval([r[name][metric] for r in draws], level)}
                              for metric, value in entry.items()}
            continue
        out = {k: entry[k] for k in ["treated_share", "coverage", "ess"]}
        for metric, _, _ in METRICS:
            out[metric] = {}
            for estimator in ESTIMATORS:
                value = entry[metric][estimator]
                difference = value - point["all control"][metric][estimator]
                out[metric][estimator] = {
                    "estimate": value,
                    "interval": interval([r[name][metric][estimator] for r in draws], level),
                    "difference": difference,
                    "difference_interval": interval(
                        [r[name][metric][estimator] - r["all control"][metric][estimator] for r in draws], level),
                }
        policies[name] = out
    return {"known": known, "design_columns": X.shape[1], "policies": policies}


def main():
    rng = np.random.default_rng(20261121)
    d = make_data(rng)
    with open("logged_units.csv", "w") as f:
        f.write("arm,score,stratum,fold,x1,x2,x3,conversion,revenue,errors,requests\n")
        for i in range(len(d["arm"])):
            row = [d["arm"][i], repr(float(d["score"][i])), str(int(d["stratum"][i])), str(int(d["fold"][i]))]
            row += ["" if np.isnan(d[c][i]) else repr(float(d[c][i])) for c in ["x1", "x2", "x3"]]
            row += [repr(float(r[i])) for r in d["rewards"]]
            f.write(",".join(row) + "\n")
    thresholds = [0.3, 0.5, 0.7]
    settings = {"thresholds": thresholds, "replicates": 60, "seed": 7, "level": 0.9, "ridge": 1e-6}
    reference = {"settings": settings,
                 "estimated": scenario(d, None, thresholds, 60, 7, 0.9, 1e-6),
                 "known": scenario(d, (0.35, 0.6), thresholds, 60, 7, 0.9, 1e-6)}
    homogeneity = []
    for counts in [[[120, 30, 5], [80, 60, 10], [50, 50, 0]], [[500, 500], [480, 520], [510, 490], [530, 470]]]:
        statistic, p_value, dof, _ = chi2_contingency(np.array(counts), correction=False)
        homogeneity.append({"counts": counts, "chi_square": float(statistic), "degrees_of_freedom": int(dof),
                            "p_value": float(p_value)})
    reference["homogeneity"] = homogeneity
    with open("reference.json", "w") as f:
        json.dump(reference, f, indent=1, sort_keys=True, allow_nan=True)


if __name__ == "__main__":
    main()
