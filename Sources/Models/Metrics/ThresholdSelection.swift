/// The threshold a ``ThresholdRule`` chose, with what it does on the data it was chosen on.
public struct ThresholdSelection: Sendable, Equatable {
    /// The rule that produced this selection.
    public var rule: ThresholdRule
    /// Enable a unit when its score is >= this value.
    public var threshold: Double
    /// Weighted share of units whose score is >= `threshold`, in [0, 1].
    public var enabledShare: Double
    /// The confusion matrix at `threshold`, when labels were given.
    public var confusionMatrix: ConfusionMatrix?
}

extension ClassificationMetrics {
    /// Chooses a score threshold by `rule` and reports its enabled share (and confusion
    /// matrix when `labels` are given).
    ///
    /// - Parameters:
    ///   - rule: see ``ThresholdRule``.
    ///   - scores: finite scores, higher meaning "enable".
    ///   - labels: 0/1 labels, required for ``ThresholdRule/maximumF1`` and optional otherwise.
    ///   - weights: optional sample weights (>= 0); shares and counts are weighted.
    /// - Throws: ``MetricsError/invalidParameter(name:value:allowed:)`` for a share outside
    ///   [0, 1] or a `maximumF1` request without labels; ``MetricsError/noPositiveLabels``
    ///   for `maximumF1` without positives; validation errors.
    ///
    /// Complexity: O(n log n) for `rolloutShare` and `maximumF1` (one sort), O(n) for `fixed`.
    /// The F1 search matches the argmax of F1 over scikit-learn's `precision_recall_curve`.
    public static func selectThreshold(
        _ rule: ThresholdRule, scores: [Double], labels: [Double]? = nil, weights: [Double]? = nil
    ) throws(MetricsError) -> ThresholdSelection {
        // Rollout selection needs no labels; stand in all-negative labels for validation and ranking.
        let rankingLabels = labels ?? [Double](repeating: 0, count: scores.count)
        try validate(labels: rankingLabels, scores: scores, weights: weights)
        let threshold: Double
        switch rule {
        case let .fixed(value):
            guard !value.isNaN else { throw .invalidParameter(name: "threshold", value: value, allowed: "a number (not NaN)") }
            threshold = value
        case let .rolloutShare(share):
            guard share >= 0 && share <= 1 else {
                throw .invalidParameter(name: "rolloutShare", value: share, allowed: "a share between 0 and 1")
            }
            let ranking = ScoreRanking(labels: rankingLabels, scores: scores, weights: weights)
            let total = ranking.positiveTotal + ranking.negativeTotal
            guard total > 0, let top = ranking.thresholds.first else { throw .empty }
            var chosen = top.nextUp
            for k in ranking.thresholds.indices {
                let enabled = (ranking.truePositives[k] + ranking.falsePositives[k]) / total
                // A tiny slack absorbs rounding in cumulative weight sums (e.g. 0.3 of 10 units).
                if enabled <= share * (1 + 1e-12) { chosen = ranking.thresholds[k] } else { break }
            }
            threshold = chosen
        case .maximumF1:
            guard labels != nil else {
                throw .invalidParameter(name: "labels", value: .nan, allowed: "labels when the rule is maximumF1")
            }
            let ranking = ScoreRanking(labels: rankingLabels, scores: scores, weights: weights)
            let positives = ranking.positiveTotal
            guard positives > 0 else { throw .noPositiveLabels }
            var bestScore = -1.0
            var bestThreshold = ranking.thresholds[0]
            for k in ranking.thresholds.indices {
                let truePositives = ranking.truePositives[k]
                let f1 = 2 * truePositives / (truePositives + ranking.falsePositives[k] + positives)
                // Strict '>' keeps the highest threshold among ties (thresholds are descending).
                if f1 > bestScore {
                    bestScore = f1
                    bestThreshold = ranking.thresholds[k]
                }
            }
            threshold = bestThreshold
        }
        var enabled = 0.0
        var total = 0.0
        for index in scores.indices {
            let weight = weights?[index] ?? 1
            total += weight
            if scores[index] >= threshold { enabled += weight }
        }
        let matrix: ConfusionMatrix? =
            if let labels { try ConfusionMatrix(labels: labels, scores: scores, threshold: threshold, weights: weights) } else { nil }
        return ThresholdSelection(rule: rule, threshold: threshold, enabledShare: total > 0 ? enabled / total : 0, confusionMatrix: matrix)
    }
}
