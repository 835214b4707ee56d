/// Weighted true- and false-positive totals at every distinct score threshold.
///
/// The shared core of ROC AUC, average precision, the precision-recall curve and F1
/// threshold search, equivalent to scikit-learn's `confusion_matrix_at_thresholds`:
/// observations with zero weight are dropped, the rest are sorted by descending score, and
/// entry `k` holds the totals for "predict positive when score >= thresholds[k]".
/// Ties are handled by grouping equal scores into one threshold, which is what gives ROC AUC
/// its half-credit for tied positive/negative pairs.
///
/// Complexity: O(n log n) time (one sort), O(n) memory.
struct ScoreRanking: Sendable {
    /// Distinct scores, strictly decreasing.
    var thresholds: [Double] = []
    /// Cumulative weight of positives with score >= `thresholds[k]`.
    var truePositives: [Double] = []
    /// Cumulative weight of negatives with score >= `thresholds[k]`.
    var falsePositives: [Double] = []

    /// Total positive weight.
    var positiveTotal: Double { truePositives.last ?? 0 }
    /// Total negative weight.
    var negativeTotal: Double { falsePositives.last ?? 0 }

    /// Builds the ranking from inputs already checked by `ClassificationMetrics.validate`.
    init(labels: [Double], scores: [Double], weights: [Double]?) {
        var order = Array(0..<labels.count)
        if let weights { order.removeAll { weights[$0] == 0 } }
        order.sort { scores[$0] > scores[$1] }
        thresholds.reserveCapacity(order.count)
        truePositives.reserveCapacity(order.count)
        falsePositives.reserveCapacity(order.count)
        var positives = 0.0
        var negatives = 0.0
        for (position, index) in order.enumerated() {
            let weight = weights?[index] ?? 1
            if labels[index] == 1 { positives += weight } else { negatives += weight }
            // Close a threshold group at the last member of each run of equal scores.
            let isLastOfGroup = position + 1 == order.count || scores[order[position + 1]] != scores[index]
            if isLastOfGroup {
                thresholds.append(scores[index])
                truePositives.append(positives)
                falsePositives.append(negatives)
            }
        }
    }
}
