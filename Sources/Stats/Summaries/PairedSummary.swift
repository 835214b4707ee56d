/// Sufficient statistics of a pair of per-unit values (x, y) in one arm.
///
/// Serves ratio metrics (x = numerator, y = denominator, analysed with the delta method) and
/// CUPED (x = metric in the analysis window, y = the pre-period covariate). Like
/// `SampleSummary`, it is additive across partitions.
public struct PairedSummary: Sendable, Hashable, Codable {
    /// Number of units, n >= 0.
    public var count: Double
    /// Sum of x over units.
    public var sumX: Double
    /// Sum of y over units.
    public var sumY: Double
    /// Sum of x squared.
    public var sumXX: Double
    /// Sum of y squared.
    public var sumYY: Double
    /// Sum of the products x * y (the cross-product term).
    public var sumXY: Double

    /// Creates a summary from its six sufficient statistics.
    public init(count: Double, sumX: Double, sumY: Double, sumXX: Double, sumYY: Double, sumXY: Double) {
        self.count = count
        self.sumX = sumX
        self.sumY = sumY
        self.sumXX = sumXX
        self.sumYY = sumYY
        self.sumXY = sumXY
    }

    /// The empty summary (no units).
    public static let empty = PairedSummary(count: 0, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0)

    /// Adds one unit's pair. O(1).
    public mutating func add(x: Double, y: Double) {
        count += 1
        sumX += x
        sumY += y
        sumXX += x * x
        sumYY += y * y
        sumXY += x * y
    }

    /// The summary of x alone.
    public var x: SampleSummary { SampleSummary(count: count, sum: sumX, sumOfSquares: sumXX) }
    /// The summary of y alone.
    public var y: SampleSummary { SampleSummary(count: count, sum: sumY, sumOfSquares: sumYY) }

    /// The unbiased sample covariance of x and y (divisor n - 1), or `nil` when n < 2.
    public var covariance: Double? {
        guard count >= 2 else { return nil }
        return (sumXY - sumX * sumY / count) / (count - 1)
    }

    /// Adds two summaries field by field (merging partitions).
    public static func + (lhs: PairedSummary, rhs: PairedSummary) -> PairedSummary {
        PairedSummary(
            count: lhs.count + rhs.count, sumX: lhs.sumX + rhs.sumX, sumY: lhs.sumY + rhs.sumY,
            sumXX: lhs.sumXX + rhs.sumXX, sumYY: lhs.sumYY + rhs.sumYY, sumXY: lhs.sumXY + rhs.sumXY)
    }
}
