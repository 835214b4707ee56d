"""Reference coefficients for Tests/ModelsTests/Linear from statsmodels and scikit-learn.

Needs: numpy, statsmodels (Logit, GLM), scikit-learn (LogisticRegression).
Run from this folder: `python make_fixtures.py` (seeded; rewrites logistic_cases.json).

Unpenalised cases: statsmodels `Logit` (or `GLM(Binomial, freq_weights=w)` when weighted),
Newton with tight tolerances: params, bse, z, p-values, 95% Wald intervals, llf.
Penalised cases: scikit-learn `LogisticRegression(C=..., solver="newton-cholesky",
tol=1e-12)` with sample and class weights; the script checks that the gradient of
scikit-learn's objective at its answer is negligible (lbfgs is not used as the reference: on
features with mixed units it stops ~1e-3 away from the optimum).
"""
import json
import warnings

import numpy as np
import statsmodels.api as sm
from sklearn.linear_model import LogisticRegression

rng = np.random.default_rng(7331)


def features(n, p, scales=True):
    x = rng.normal(size=(n, p))
    if scales:
        # Mixed units and offsets, so internal standardisation has something to undo.
        x[:, 0] = x[:, 0] * 1000.0 + 50.0
        if p > 2:
            x[:, 2] = x[:, 2] * 0.01 - 3.0
    return x


def labels_for(x, beta, intercept):
    scaled = (x - x.mean(axis=0)) / x.std(axis=0)
    eta = intercept + scaled @ beta
    return (rng.random(len(eta)) < 1 / (1 + np.exp(-eta))).astype(float)


def unpenalised_case(name, n, p, weighted):
    x = features(n, p)
    y = labels_for(x, rng.normal(scale=0.8, size=p), -0.3)
    w = rng.uniform(0.2, 3.0, size=n) if weighted else None
    design = sm.add_constant(x)
    if weighted:
        result = sm.GLM(y, design, family=sm.families.Binomial(), freq_weights=w).fit(tol=1e-13, maxiter=200)
        z = result.tvalues
    else:
        result = sm.Logit(y, design).fit(method="newton", tol=1e-12, maxiter=200, disp=0)
        z = result.tvalues
    interval = result.conf_int(alpha=0.05)
    return {
        "name": name, "rows": x.tolist(), "labels": y.tolist(), "weights": None if w is None else w.tolist(),
        "penalty": "none", "inverseStrength": None, "classWeight": None,
        "expected": {
            "intercept": result.params[0], "coefficients": result.params[1:].tolist(),
            "standardErrors": result.bse.tolist(), "zStatistics": z.tolist(), "pValues": result.pvalues.tolist(),
            "lowerBounds": interval[:, 0].tolist(), "upperBounds": interval[:, 1].tolist(),
            "logLikelihood": result.llf,
        },
    }


def sklearn_fit(x, y, w, c, class_weight, solver):
    model = LogisticRegression(C=c, solver=solver, tol=1e-12, max_iter=10000, class_weight=class_weight)
    model.fit(x, y, sample_weight=w)
    return model.intercept_[0], model.coef_[0]


def penalised_case(name, n, p, c, weighted, class_weight, positive_rate_shift=0.0, x=None, y=None):
    if x is None:
        x = features(n, p)
        y = labels_for(x, rng.normal(scale=0.8, size=p), -0.3 + positive_rate_shift)
    w = rng.uniform(0.2, 3.0, size=len(y)) if weighted else None
    intercept, coef = sklearn_fit(x, y, w, c, class_weight, "newton-cholesky")
    # Optimality check of the peer: gradient of 0.5||beta||^2 + C sum_i w_i cw_i logloss_i.
    total_weight = np.ones(len(y)) if w is None else w.copy()
    if class_weight == "balanced":
        positives = total_weight[y == 1].sum()
        negatives = total_weight[y == 0].sum()
        total_weight *= np.where(y == 1, (positives + negatives) / (2 * positives), (positives + negatives) / (2 * negatives))
    elif class_weight is not None:
        total_weight *= np.where(y == 1, class_weight[1], class_weight[0])
    mu = 1 / (1 + np.exp(-(intercept + x @ coef)))
    residual = total_weight * (mu - y)
    gradient = np.concatenate([[c * residual.sum()], coef + c * (x.T @ residual) ])
    # Relative to the scale of each term: per unit of (standardised) feature.
    scaled = np.abs(gradient) * np.concatenate([[1.0], x.std(axis=0)]) / (c * total_weight.sum())
    disagreement = float(scaled.max())
    assert disagreement < 1e-9, (name, disagreement)
    cw = None
    if class_weight == "balanced":
        cw = "balanced"
    elif class_weight is not None:
        cw = {"negative": class_weight[0], "positive": class_weight[1]}
    return {
        "name": name, "rows": x.tolist(), "labels": y.tolist(), "weights": None if w is None else w.tolist(),
        "penalty": "l2", "inverseStrength": c, "classWeight": cw,
        "expected": {"intercept": intercept, "coefficients": coef.tolist(), "peerScaledGradient": disagreement},
    }


def separable_data(n, p):
    x = rng.normal(size=(n, p))
    score = x @ np.array([1.5, -1.0, 0.5][:p])
    keep = np.abs(score) > 0.3  # a margin, so the separation is complete and clear
    return x[keep], (score[keep] > 0).astype(float)


def quasi_separable_data(n):
    x = rng.normal(size=(n, 3))
    x[:, 2] = (rng.random(n) < 0.1).astype(float)  # rare binary flag
    y = (rng.random(n) < 1 / (1 + np.exp(-(0.5 * x[:, 0] - 0.5 * x[:, 1])))).astype(float)
    y[x[:, 2] == 1] = 1.0  # the flag always means positive: quasi-complete separation
    return x, y


cases = [
    unpenalised_case("unpenalised", 400, 5, weighted=False),
    unpenalised_case("unpenalisedWide", 300, 10, weighted=False),
    unpenalised_case("unpenalisedWeighted", 300, 4, weighted=True),
    penalised_case("ridgeDefaultC", 350, 8, 1.0, weighted=False, class_weight=None),
    penalised_case("ridgeWeightedBalanced", 300, 6, 0.5, weighted=True, class_weight="balanced", positive_rate_shift=-1.8),
    penalised_case("ridgeExplicitClassWeights", 250, 3, 10.0, weighted=False, class_weight={0: 1.0, 1: 3.0}),
    penalised_case("ridgeStrong", 300, 5, 0.01, weighted=True, class_weight=None),
]

x, y = separable_data(260, 3)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    try:
        sm.Logit(y, sm.add_constant(x)).fit(method="newton", maxiter=100, disp=0)
        statsmodels_flags = any("separation" in str(item.message).lower() for item in caught)
    except Exception as error:  # older statsmodels raise PerfectSeparationError
        statsmodels_flags = "separation" in str(error).lower()
assert statsmodels_flags
separable = penalised_case("separableRidge", 0, 3, 1.0, weighted=False, class_weight=None, x=x, y=y)
separable["expected"]["statsmodelsFlagsSeparation"] = statsmodels_flags
cases.append(separable)

x, y = quasi_separable_data(300)
cases.append({"name": "quasiSeparable", "rows": x.tolist(), "labels": y.tolist(), "weights": None,
              "penalty": "none", "inverseStrength": None, "classWeight": None, "expected": {}})


def to_builtin(value):
    if isinstance(value, dict):
        return {k: to_builtin(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_builtin(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


with open("logistic_cases.json", "w") as handle:
    json.dump(to_builtin(cases), handle)
for case in cases:
    print(case["name"], len(case["labels"]), case["expected"].get("peerScaledGradient"))
