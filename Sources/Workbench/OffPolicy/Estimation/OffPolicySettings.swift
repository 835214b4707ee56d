/// How an off-policy evaluation is run.
public struct OffPolicySettings: Sendable, Equatable {
    /// Thresholds of the target policies "treatment when score >= t" (finite).
    public var thresholds: [Double]
    /// Extra thresholds evaluated as a sweep (reported separately).
    public var sweepThresholds: [Double] = []
    /// Where the logging propensities come from.
    public var propensity: PropensitySpecification = .estimatedPerStratum
    /// Cross-fitting folds K of the outcome models, >= 2. Default 5.
    public var foldCount = 5
    /// Bootstrap replicates B: 0 (no intervals) or >= 50. Default 500.
    public var replicates = 500
    /// Seed of the `SplitMix64` generator that draws the bootstrap units. Default 0.
    public var seed: UInt64 = 0
    /// Confidence level of the intervals, in (0, 1). Default 0.95.
    public var confidenceLevel = 0.95
    /// Ridge penalty of the outcome models, relative to the sum of weights (>= 0). Default 1e-6.
    public var ridge = 1e-6
    /// A score decile with fewer units of either arm is flagged. Default 30.
    public var minimumArmUnitsPerDecile = 30

    /// Creates settings with the defaults.
    public init(thresholds: [Double]) {
        self.thresholds = thresholds
    }
}
