/// One non-empty bin of a calibration curve.
public struct CalibrationBin: Sendable, Equatable {
    /// 0-based position of the bin among all `binCount` bins (empty bins are skipped).
    public var index: Int
    /// Lower edge; the bin holds probabilities p with lowerEdge < p <= upperEdge (the first
    /// bin also includes its lower edge).
    public var lowerEdge: Double
    /// Upper edge of the bin.
    public var upperEdge: Double
    /// Number of observations in the bin.
    public var count: Int
    /// Mean predicted probability in the bin (x axis of a reliability diagram).
    public var meanPredicted: Double
    /// Observed share of positives in the bin (y axis).
    public var fractionPositive: Double
}
