/// How ``CalibrationCurve`` places its bin edges on [0, 1].
public enum CalibrationBinning: String, Sendable, Codable, CaseIterable {
    /// `binCount` equal-width bins: edges `0, 1/k, 2/k, ..., 1`. Good for reading a
    /// reliability diagram; sparse bins are noisy when probabilities cluster.
    case uniform
    /// Edges at the `0, 1/k, ..., 1` quantiles of the predicted probabilities (numpy
    /// `percentile`, linear interpolation), so bins hold about equally many observations.
    /// Tied probabilities can make edges coincide, leaving fewer non-empty bins.
    case quantile
}
