/// A bootstrap percentile interval.
public struct BootstrapInterval: Sendable, Hashable, Codable {
    /// The statistic on the original data.
    public var estimate: Double
    /// Lower end: the type-7 quantile of the replicates at (1 - level) / 2.
    public var lower: Double
    /// Upper end: the type-7 quantile of the replicates at (1 + level) / 2.
    public var upper: Double
    /// Standard deviation of the replicates (divisor B - 1): the bootstrap standard error.
    public var standardError: Double
    /// The confidence level.
    public var confidenceLevel: Double
    /// Number of replicates B.
    public var replicates: Int
    /// The seed of the `SplitMix64` generator; the same inputs and seed give the same interval.
    public var seed: UInt64
}
