/// Weighted counts of a binary decision "predict positive when score >= threshold".
///
/// Matches scikit-learn `confusion_matrix(y, scores >= threshold, sample_weight=w)`
/// (its `[[TN, FP], [FN, TP]]` layout). Counts are weight sums; without weights they are
/// whole numbers stored as `Double`.
public struct ConfusionMatrix: Sendable, Equatable {
    /// The threshold used; a unit is predicted positive when its score is >= this value.
    public var threshold: Double
    /// Positives predicted positive.
    public var truePositives: Double
    /// Negatives predicted positive.
    public var falsePositives: Double
    /// Negatives predicted negative.
    public var trueNegatives: Double
    /// Positives predicted negative.
    public var falseNegatives: Double

    /// Creates a matrix from explicit counts.
    public init(threshold: Double, truePositives: Double, falsePositives: Double, trueNegatives: Double, falseNegatives: Double) {
        self.threshold = threshold
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.trueNegatives = trueNegatives
        self.falseNegatives = falseNegatives
    }

    /// Counts the four outcomes at `threshold`.
    ///
    /// - Parameters:
    ///   - labels: 0 or 1 per observation.
    ///   - scores: finite scores.
    ///   - threshold: predict positive when `score >= threshold` (may be +/- infinity).
    ///   - weights: optional sample weights (>= 0).
    ///
    /// Complexity: O(n).
    public init(labels: [Double], scores: [Double], threshold: Double, weights: [Double]? = nil) throws(MetricsError) {
        try ClassificationMetrics.validate(labels: labels, scores: scores, weights: weights)
        var truePositives = 0.0, falsePositives = 0.0, trueNegatives = 0.0, falseNegatives = 0.0
        for index in labels.indices {
            let weight = weights?[index] ?? 1
            switch (labels[index] == 1, scores[index] >= threshold) {
            case (true, true): truePositives += weight
            case (false, true): falsePositives += weight
            case (false, false): trueNegatives += weight
            case (true, false): falseNegatives += weight
            }
        }
        self.init(
            threshold: threshold, truePositives: truePositives, falsePositives: falsePositives,
            trueNegatives: trueNegatives, falseNegatives: falseNegatives)
    }

    /// Total weight of all observations.
    public var total: Double { truePositives + falsePositives + trueNegatives + falseNegatives }
    /// Share of weight predicted positive (the enabled share of a rollout), in [0, 1]; 0 when empty.
    public var predictedPositiveShare: Double { total > 0 ? (truePositives + falsePositives) / total : 0 }
    /// TP / (TP + FP); 0 when nothing is predicted positive (scikit-learn's `zero_division=0`).
    public var precision: Double { Self.ratio(truePositives, truePositives + falsePositives) }
    /// TP / (TP + FN), the true-positive rate; 0 when there are no positives.
    public var recall: Double { Self.ratio(truePositives, truePositives + falseNegatives) }
    /// FP / (FP + TN); 0 when there are no negatives.
    public var falsePositiveRate: Double { Self.ratio(falsePositives, falsePositives + trueNegatives) }
    /// TN / (TN + FP); 0 when there are no negatives.
    public var specificity: Double { Self.ratio(trueNegatives, trueNegatives + falsePositives) }
    /// (TP + TN) / total; 0 when empty.
    public var accuracy: Double { Self.ratio(truePositives + trueNegatives, total) }
    /// F1 = 2 TP / (2 TP + FP + FN), the harmonic mean of precision and recall; 0 when
    /// there are neither positives nor positive predictions (scikit-learn's `zero_division=0`).
    public var f1: Double { Self.ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives) }

    private static func ratio(_ numerator: Double, _ denominator: Double) -> Double {
        denominator > 0 ? numerator / denominator : 0
    }
}
