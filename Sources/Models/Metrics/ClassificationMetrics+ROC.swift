extension ClassificationMetrics {
    /// Area under the ROC curve: the (weighted) probability that a random positive scores
    /// higher than a random negative, counting ties as one half.
    ///
    /// - Parameters:
    ///   - labels: 0 or 1 per observation.
    ///   - scores: finite scores, higher meaning more likely positive (probabilities or margins).
    ///   - weights: optional sample weights (>= 0); zero-weight rows are ignored.
    /// - Returns: AUC in [0, 1]; 0.5 for uninformative scores.
    /// - Throws: ``MetricsError/singleClass(presentLabel:)`` when either class has no weight
    ///   (AUC is undefined), or a validation error.
    ///
    /// Complexity: O(n log n). Accuracy: trapezoidal sum over distinct thresholds in double
    /// precision; matches scikit-learn `roc_auc_score` (with `sample_weight`) to ~1e-15.
    public static func rocAUC(labels: [Double], scores: [Double], weights: [Double]? = nil) throws(MetricsError) -> Double {
        try validate(labels: labels, scores: scores, weights: weights)
        let ranking = ScoreRanking(labels: labels, scores: scores, weights: weights)
        let positives = ranking.positiveTotal
        let negatives = ranking.negativeTotal
        guard !ranking.thresholds.isEmpty else { throw .empty }
        guard positives > 0 else { throw .singleClass(presentLabel: 0) }
        guard negatives > 0 else { throw .singleClass(presentLabel: 1) }
        // Trapezoids between consecutive (FP, TP) points starting from (0, 0); a tie group
        // moves diagonally, which is exactly the one-half credit for tied pairs.
        var area = 0.0
        var previousTruePositives = 0.0
        var previousFalsePositives = 0.0
        for k in ranking.thresholds.indices {
            let truePositives = ranking.truePositives[k]
            let falsePositives = ranking.falsePositives[k]
            area += (falsePositives - previousFalsePositives) * (truePositives + previousTruePositives) * 0.5
            previousTruePositives = truePositives
            previousFalsePositives = falsePositives
        }
        return area / (positives * negatives)
    }
}
