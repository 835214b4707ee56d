/// What a bucketing rule says about one unit: its bucket and the variant it must be in.
public struct Assignment: Sendable, Equatable {
    /// The hash position in the scheme's own units: an integer 0...99 for sha256-mod100, a
    /// fraction in [0, 1) for GrowthBook and LaunchDarkly, 1...totalWeight for Unleash variants
    /// (or the rollout bucket 1...100 when the unit is outside the rollout), the shard for Eppo.
    public var bucket: Double
    /// Index into the scheme's variant names; `nil` when the unit is outside the experiment
    /// (GrowthBook coverage, Unleash rollout, Eppo shards beyond the weights).
    public var variantIndex: Int?

    public init(bucket: Double, variantIndex: Int?) {
        self.bucket = bucket
        self.variantIndex = variantIndex
    }
}
