/// Sufficient statistics of one sample (one arm of an experiment, for one metric).
///
/// Holds `count`, `sum` and `sumOfSquares` of per-unit values, so that the same statistics
/// code serves a raw export read here and aggregates computed inside a warehouse. Summaries are
/// additive: merging two partitions is adding their fields (`+`), which is exact in the sense
/// that matters (the order of merging changes results only at the level of rounding).
///
/// `count` is a `Double` so that warehouse aggregates (which arrive as numbers) and weighted
/// data fit without conversion; it is a number of units.
public struct SampleSummary: Sendable, Hashable, Codable {
    /// Number of units, n >= 0.
    public var count: Double
    /// Sum of the per-unit values.
    public var sum: Double
    /// Sum of the squared per-unit values.
    public var sumOfSquares: Double

    /// Creates a summary from its three sufficient statistics.
    public init(count: Double, sum: Double, sumOfSquares: Double) {
        self.count = count
        self.sum = sum
        self.sumOfSquares = sumOfSquares
    }

    /// The empty summary (no units).
    public static let empty = SampleSummary(count: 0, sum: 0, sumOfSquares: 0)

    /// Creates a summary of `values`. O(n).
    public init<Values: Sequence>(_ values: Values) where Values.Element == Double {
        var summary = SampleSummary.empty
        for value in values { summary.add(value) }
        self = summary
    }

    /// Adds one unit's value. O(1).
    public mutating func add(_ value: Double) {
        count += 1
        sum += value
        sumOfSquares += value * value
    }

    /// The sample mean, or `nil` when there are no units.
    public var mean: Double? { count > 0 ? sum / count : nil }

    /// The unbiased sample variance (divisor n - 1), or `nil` when n < 2.
    ///
    /// Computed as `(SS - S^2/n) / (n - 1)`, clamped at 0: the clamp removes the tiny negative
    /// values that cancellation produces for constant data.
    public var variance: Double? {
        guard count >= 2 else { return nil }
        return max(0, (sumOfSquares - sum * sum / count) / (count - 1))
    }

    /// Adds two summaries field by field (merging partitions).
    public static func + (lhs: SampleSummary, rhs: SampleSummary) -> SampleSummary {
        SampleSummary(
            count: lhs.count + rhs.count,
            sum: lhs.sum + rhs.sum,
            sumOfSquares: lhs.sumOfSquares + rhs.sumOfSquares)
    }
}
