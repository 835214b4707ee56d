import Foundation

extension ClassificationMetrics {
    /// Probabilities are clipped to [eps, 1 - eps] with eps = `Double.ulpOfOne` (2.22e-16)
    /// before taking logs, exactly as scikit-learn >= 1.5 `log_loss` does for float64 input,
    /// so a confident wrong prediction costs at most -log(2.22e-16) = 36.04 nats, not infinity.
    public static let logLossClippingEpsilon = Double.ulpOfOne

    /// Mean negative log-likelihood (cross-entropy) of binary labels under `probabilities`,
    /// in nats per (weighted) observation.
    ///
    /// `-sum_i w_i [y_i log p_i + (1 - y_i) log(1 - p_i)] / sum_i w_i`, with p clipped to
    /// [``logLossClippingEpsilon``, 1 - ``logLossClippingEpsilon``].
    ///
    /// - Parameters:
    ///   - probabilities: predicted P(label = 1), each in [0, 1].
    ///   - weights: optional sample weights (>= 0, positive total).
    /// - Returns: a value in [0, 36.05]; 0 is perfect, log 2 = 0.693 is a coin flip.
    ///
    /// Complexity: O(n). Matches scikit-learn `log_loss` (with `sample_weight`) to ~1e-15.
    public static func logLoss(labels: [Double], probabilities: [Double], weights: [Double]? = nil) throws(MetricsError) -> Double {
        try validate(labels: labels, scores: probabilities, scoreName: "probabilities", requireProbabilities: true, weights: weights)
        let epsilon = logLossClippingEpsilon
        var total = 0.0
        var weightTotal = 0.0
        for index in labels.indices {
            let probability = min(max(probabilities[index], epsilon), 1 - epsilon)
            let weight = weights?[index] ?? 1
            let loss = labels[index] == 1 ? -log(probability) : -log(1 - probability)
            total += weight * loss
            weightTotal += weight
        }
        guard weightTotal > 0 else { throw .empty }
        return total / weightTotal
    }

    /// Brier score: the (weighted) mean squared difference between probability and label.
    ///
    /// `sum_i w_i (p_i - y_i)^2 / sum_i w_i`, in [0, 1]; 0.25 for always predicting 0.5.
    ///
    /// Complexity: O(n). Matches scikit-learn `brier_score_loss` for binary labels (whose
    /// `scale_by_half="auto"` gives this same value) with `sample_weight`.
    public static func brierScore(labels: [Double], probabilities: [Double], weights: [Double]? = nil) throws(MetricsError) -> Double {
        try validate(labels: labels, scores: probabilities, scoreName: "probabilities", requireProbabilities: true, weights: weights)
        var total = 0.0
        var weightTotal = 0.0
        for index in labels.indices {
            let weight = weights?[index] ?? 1
            let difference = probabilities[index] - labels[index]
            total += weight * difference * difference
            weightTotal += weight
        }
        guard weightTotal > 0 else { throw .empty }
        return total / weightTotal
    }
}
