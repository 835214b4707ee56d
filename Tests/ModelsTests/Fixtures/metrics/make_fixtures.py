"""Reference values for Tests/ModelsTests/Metrics from scikit-learn.

Needs: numpy, scikit-learn (>= 1.5, for log_loss's eps = float64 machine epsilon clipping).
Run from this folder: `python make_fixtures.py` (seeded; rewrites metrics_cases.json).
"""
import json

import numpy as np
from sklearn.calibration import calibration_curve
from sklearn.metrics import (
    average_precision_score,
    brier_score_loss,
    confusion_matrix,
    log_loss,
    precision_recall_curve,
    roc_auc_score,
)

rng = np.random.default_rng(20261121)


def make_case(name, n, ties, weighted, extreme_probabilities):
    labels = (rng.random(n) < 0.35).astype(float)
    scores = rng.normal(size=n) + 1.2 * labels
    if ties:
        scores = np.round(scores, 1)  # many tied scores, including tied positive/negative pairs
    probabilities = 1.0 / (1.0 + np.exp(-(scores - 0.4)))
    if extreme_probabilities:
        probabilities[:4] = [0.0, 1.0, 0.0, 1.0]  # exercises log-loss clipping
        probabilities[4:8] = [0.2, 0.4, 0.6, 0.8]  # values exactly on uniform 5-bin edges
    weights = None
    if weighted:
        weights = rng.exponential(size=n)
        weights[10:15] = 0.0  # zero-weight rows must be ignored by the ranking metrics
    case = {
        "name": name,
        "labels": labels.tolist(),
        "scores": scores.tolist(),
        "probabilities": probabilities.tolist(),
        "weights": None if weights is None else weights.tolist(),
    }
    expected = {}
    expected["rocAUC"] = roc_auc_score(labels, scores, sample_weight=weights)
    expected["averagePrecision"] = average_precision_score(labels, scores, sample_weight=weights)
    precision, recall, thresholds = precision_recall_curve(labels, scores, sample_weight=weights)
    expected["precisionRecallCurve"] = {
        "precision": precision.tolist(), "recall": recall.tolist(), "thresholds": thresholds.tolist()}
    expected["logLoss"] = log_loss(labels, probabilities, sample_weight=weights)
    expected["brierScore"] = brier_score_loss(labels, probabilities, sample_weight=weights)

    # Confusion matrices at a few fixed thresholds (predict positive when score >= t).
    matrices = []
    for threshold in [-0.5, 0.0, 0.3, 1.0]:
        tn, fp, fn, tp = confusion_matrix(
            labels, (scores >= threshold).astype(float), labels=[0.0, 1.0], sample_weight=weights).ravel()
        matrices.append({"threshold": threshold, "truePositives": tp, "falsePositives": fp,
                         "trueNegatives": tn, "falseNegatives": fn})
    expected["confusionMatrices"] = matrices

    # F1-maximising threshold: argmax of F1 over precision_recall_curve's thresholds; among
    # ties the highest threshold (the last maximal index, since thresholds increase).
    with np.errstate(invalid="ignore", divide="ignore"):
        f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0.0)[:-1]
    best = np.flatnonzero(f1 == f1.max())[-1]
    expected["maximumF1"] = {"threshold": thresholds[best], "f1": f1[best]}

    # Rollout shares: the lowest observed score whose weighted share with score >= it does
    # not exceed the target (computed directly with numpy, no tie splitting).
    w = np.ones(n) if weights is None else weights
    distinct = np.unique(scores)[::-1]
    rollouts = []
    for share in [0.0, 0.05, 0.2, 0.5, 1.0]:
        chosen = np.nextafter(distinct[0], np.inf)
        for t in distinct:
            if w[scores >= t].sum() / w.sum() <= share * (1 + 1e-12):
                chosen = t
            else:
                break
        rollouts.append({"share": share, "threshold": chosen,
                         "enabledShare": w[scores >= chosen].sum() / w.sum()})
    expected["rollouts"] = rollouts

    # Calibration curves (unweighted: scikit-learn's calibration_curve has no weights).
    curves = []
    for strategy in ["uniform", "quantile"]:
        for n_bins in [5, 10]:
            prob_true, prob_pred = calibration_curve(labels, probabilities, n_bins=n_bins, strategy=strategy)
            # ECE from the same bins: counts via the same searchsorted rule scikit-learn uses.
            if strategy == "uniform":
                edges = np.linspace(0.0, 1.0, n_bins + 1)
            else:
                edges = np.percentile(probabilities, np.linspace(0, 1, n_bins + 1) * 100)
            counts = np.bincount(np.searchsorted(edges[1:-1], probabilities), minlength=n_bins)
            counts = counts[counts > 0]
            ece = float(np.sum(counts * np.abs(prob_true - prob_pred)) / counts.sum())
            curves.append({"strategy": strategy, "binCount": n_bins, "fractionPositive": prob_true.tolist(),
                           "meanPredicted": prob_pred.tolist(), "counts": counts.tolist(),
                           "expectedCalibrationError": ece})
    expected["calibrationCurves"] = curves
    case["expected"] = expected
    return case


def to_builtin(value):
    if isinstance(value, dict):
        return {k: to_builtin(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_builtin(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


cases = [
    make_case("continuous", 300, ties=False, weighted=False, extreme_probabilities=False),
    make_case("tiedWeighted", 400, ties=True, weighted=True, extreme_probabilities=True),
    make_case("tiedUnweighted", 250, ties=True, weighted=False, extreme_probabilities=True),
]
with open("metrics_cases.json", "w") as handle:
    json.dump(to_builtin(cases), handle)
print("wrote metrics_cases.json")
