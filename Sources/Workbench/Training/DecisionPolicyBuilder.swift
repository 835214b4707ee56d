import Models

/// Chooses the decision policy's thresholds on validation scores (see `DecisionPolicy`).
enum DecisionPolicyBuilder {
    /// Builds the policy. O(n log n).
    ///
    /// The abstain band: with `r` the share of validation scores below the F1 threshold, the
    /// band runs from the validation score at rank share `r - abstainShare/2` to the one at
    /// `r + abstainShare/2` (clamped to the data), half-open `[lower, upper)`.
    static func build(
        scores: [Double], labels: [Double], weights: [Double]?, configuration: TrainingConfiguration
    ) throws(MetricsError) -> DecisionPolicy {
        func operating(_ selection: ThresholdSelection, rolloutPercent: Double?) -> DecisionPolicy.Operating {
            let matrix = selection.confusionMatrix ?? ConfusionMatrix(threshold: selection.threshold, truePositives: 0, falsePositives: 0, trueNegatives: 0, falseNegatives: 0)
            return .init(
                threshold: selection.threshold, rolloutPercent: rolloutPercent, enabledShare: selection.enabledShare,
                precision: matrix.precision, recall: matrix.recall, f1: matrix.f1, truePositives: matrix.truePositives,
                falsePositives: matrix.falsePositives, trueNegatives: matrix.trueNegatives, falseNegatives: matrix.falseNegatives)
        }
        let fixed = operating(
            try ClassificationMetrics.selectThreshold(.fixed(configuration.fixedThreshold), scores: scores, labels: labels, weights: weights),
            rolloutPercent: nil)
        var rollout: [DecisionPolicy.Operating] = []
        for percent in configuration.rolloutPercents.sorted() {
            let selection = try ClassificationMetrics.selectThreshold(.rolloutShare(percent / 100), scores: scores, labels: labels, weights: weights)
            rollout.append(operating(selection, rolloutPercent: percent))
        }
        let bestF1 = operating(
            try ClassificationMetrics.selectThreshold(.maximumF1, scores: scores, labels: labels, weights: weights), rolloutPercent: nil)

        let sorted = scores.sorted()
        let count = sorted.count
        let below = Double(sorted.prefix { $0 < bestF1.threshold }.count) / Double(count)
        let half = configuration.abstainShare / 2
        let lowerIndex = min(count - 1, max(0, Int((Double(count) * (below - half)).rounded(.down))))
        let upperIndex = max(0, Int((Double(count) * (below + half)).rounded(.up)))
        let lower = configuration.abstainShare > 0 ? sorted[lowerIndex] : bestF1.threshold
        let upper = configuration.abstainShare > 0 ? (upperIndex < count ? sorted[upperIndex] : sorted[count - 1].nextUp) : bestF1.threshold
        let inside = Double(sorted.filter { $0 >= lower && $0 < upper }.count) / Double(count)
        let band = DecisionPolicy.AbstainBand(
            lower: lower, upper: upper, validationShare: inside,
            method: "validation scores within \(configuration.abstainShare * 50)% of units (by rank) on either side of the maximize_f1 threshold")
        return DecisionPolicy(fixed: fixed, matchRollout: rollout, maximizeF1: bestF1, abstainBand: band)
    }
}
