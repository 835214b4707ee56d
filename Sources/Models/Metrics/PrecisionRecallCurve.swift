/// Precision and recall at every distinct score threshold, in scikit-learn's layout.
///
/// Matches `sklearn.metrics.precision_recall_curve(..., drop_intermediate=False)`:
/// `thresholds` are the distinct scores (of rows with positive weight) in increasing order;
/// `precision[k]` and `recall[k]` are the values when predicting positive for
/// `score >= thresholds[k]`; both arrays carry one final extra point, precision 1 and recall 0,
/// so they have `thresholds.count + 1` elements. Recall is non-increasing along the arrays.
public struct PrecisionRecallCurve: Sendable, Equatable {
    /// Distinct score thresholds, strictly increasing.
    public var thresholds: [Double]
    /// Precision = TP / (TP + FP) at each threshold, then 1. In [0, 1].
    public var precision: [Double]
    /// Recall = TP / all positives at each threshold, then 0. In [0, 1].
    public var recall: [Double]

    /// Creates a curve from explicit arrays (`precision.count == recall.count == thresholds.count + 1`).
    public init(thresholds: [Double], precision: [Double], recall: [Double]) {
        precondition(
            precision.count == thresholds.count + 1 && recall.count == thresholds.count + 1,
            "precision (\(precision.count)) and recall (\(recall.count)) need thresholds.count + 1 = \(thresholds.count + 1) points")
        self.thresholds = thresholds
        self.precision = precision
        self.recall = recall
    }
}

extension ClassificationMetrics {
    /// Precision-recall curve over every distinct score.
    ///
    /// - Throws: ``MetricsError/noPositiveLabels`` when no positive has weight (recall is
    ///   undefined; scikit-learn warns and sets recall to 1), or a validation error.
    ///
    /// Complexity: O(n log n). Matches scikit-learn `precision_recall_curve` with `sample_weight`.
    public static func precisionRecallCurve(
        labels: [Double], scores: [Double], weights: [Double]? = nil
    ) throws(MetricsError) -> PrecisionRecallCurve {
        try validate(labels: labels, scores: scores, weights: weights)
        let ranking = ScoreRanking(labels: labels, scores: scores, weights: weights)
        guard !ranking.thresholds.isEmpty else { throw .empty }
        let positives = ranking.positiveTotal
        guard positives > 0 else { throw .noPositiveLabels }
        let count = ranking.thresholds.count
        var precision = [Double](repeating: 1, count: count + 1)
        var recall = [Double](repeating: 0, count: count + 1)
        for k in 0..<count {
            let truePositives = ranking.truePositives[k]
            let predicted = truePositives + ranking.falsePositives[k]
            // Reverse into increasing-threshold order like scikit-learn.
            precision[count - 1 - k] = predicted > 0 ? truePositives / predicted : 0
            recall[count - 1 - k] = truePositives / positives
        }
        return PrecisionRecallCurve(thresholds: ranking.thresholds.reversed(), precision: precision, recall: recall)
    }

    /// Average precision: the step-function (non-interpolated) area under the
    /// precision-recall curve, `sum_k (R_k - R_{k-1}) * P_k` over decreasing thresholds.
    ///
    /// - Returns: AP in [0, 1]; its no-skill baseline is the positive share, not 0.5.
    /// - Throws: ``MetricsError/noPositiveLabels`` when no positive has weight.
    ///
    /// Complexity: O(n log n). Matches scikit-learn `average_precision_score` (with
    /// `sample_weight`) to ~1e-15; no trapezoidal interpolation, which would be optimistic.
    public static func averagePrecision(labels: [Double], scores: [Double], weights: [Double]? = nil) throws(MetricsError) -> Double {
        try validate(labels: labels, scores: scores, weights: weights)
        let ranking = ScoreRanking(labels: labels, scores: scores, weights: weights)
        guard !ranking.thresholds.isEmpty else { throw .empty }
        let positives = ranking.positiveTotal
        guard positives > 0 else { throw .noPositiveLabels }
        var sum = 0.0
        var previousRecall = 0.0
        for k in ranking.thresholds.indices {
            let truePositives = ranking.truePositives[k]
            let predicted = truePositives + ranking.falsePositives[k]
            let recall = truePositives / positives
            let precision = predicted > 0 ? truePositives / predicted : 0
            sum += (recall - previousRecall) * precision
            previousRecall = recall
        }
        return max(0, sum)
    }
}
