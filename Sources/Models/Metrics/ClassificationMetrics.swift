/// Binary-classification metrics: ranking (ROC AUC, average precision), probabilistic losses
/// (log loss, Brier score), calibration, confusion matrices and threshold selection.
///
/// Conventions shared by every metric in this namespace:
/// * `labels` are 0 (negative) or 1 (positive), one per observation.
/// * `scores` are any finite real numbers where higher means "more likely positive";
///   `probabilities` must additionally lie in [0, 1].
/// * `weights`, when given, are finite and >= 0, one per observation; `nil` means every
///   observation has weight 1. Weighted results equal scikit-learn's `sample_weight` results.
/// * A unit is predicted positive when `score >= threshold` (scikit-learn's
///   `precision_recall_curve` convention and the flag service's "enable when score >=
///   threshold" rule).
///
/// Every function validates its inputs in O(n) and throws ``MetricsError`` with a sentence
/// saying what to fix, rather than returning NaN.
public enum ClassificationMetrics {}

extension ClassificationMetrics {
    /// Checks lengths, labels, finiteness and weights; returns the total weight.
    static func validate(
        labels: [Double], scores: [Double], scoreName: String = "scores",
        requireProbabilities: Bool = false, weights: [Double]?
    ) throws(MetricsError) {
        guard scores.count == labels.count else {
            throw .lengthMismatch(name: scoreName, expected: labels.count, actual: scores.count)
        }
        guard !labels.isEmpty else { throw .empty }
        for (index, label) in labels.enumerated() where label != 0 && label != 1 {
            throw .invalidLabel(index: index, value: label)
        }
        for (index, score) in scores.enumerated() {
            if requireProbabilities {
                guard score >= 0 && score <= 1 else { throw .probabilityOutOfRange(index: index, value: score) }
            } else {
                guard score.isFinite else { throw .nonFiniteScore(index: index, value: score) }
            }
        }
        try validate(weights: weights, count: labels.count)
    }

    /// Checks that weights, if present, pair up with the observations and are finite and >= 0.
    static func validate(weights: [Double]?, count: Int) throws(MetricsError) {
        guard let weights else { return }
        guard weights.count == count else {
            throw .lengthMismatch(name: "weights", expected: count, actual: weights.count)
        }
        for (index, weight) in weights.enumerated() where !(weight >= 0 && weight.isFinite) {
            throw .invalidWeight(index: index, value: weight)
        }
    }
}
