/// The estimates and diagnostics of one off-policy evaluation (library level: no file or model
/// names; `OffPolicyReport` adds those).
public struct OffPolicyEvaluation: Sendable, Equatable, Codable {
    /// The requested threshold policies, then all control, all treatment and the logged policy.
    public var policies: [PolicyEvaluation]
    /// The sweep's threshold policies, ascending threshold (empty without a sweep).
    public var sweep: [PolicyEvaluation]
    /// The metrics, in order.
    public var metrics: [OffPolicyMetric]
    /// Logged arm counts per score decile.
    public var deciles: [SupportDecile]
    /// The propensities used, per stratum.
    public var propensityStrata: [PropensityStratum]
    /// `known` or `estimated`.
    public var propensitySource: String
    /// Units by logged arm.
    public var units: Int
    /// Logged treatment units.
    public var treatmentUnits: Int
    /// Logged control units.
    public var controlUnits: Int
    /// Units of other variants (weight 0 under every policy, counted in every mean).
    public var otherUnits: Int
    /// The outcome models' design columns (intercept first) and cross-fitting folds.
    public var outcomeModelColumns: [String]
    /// Cross-fitting folds K.
    public var folds: Int
    /// Bootstrap replicates B (0: no intervals).
    public var replicates: Int
    /// Seed of the bootstrap's `SplitMix64`.
    public var seed: UInt64
    /// Level of the percentile intervals.
    public var confidenceLevel: Double
    /// Sentences a reader must see (thin support, small effective sample, lost support).
    public var warnings: [String]

    enum CodingKeys: String, CodingKey {
        case policies, sweep, metrics, deciles, units, folds, replicates, seed, warnings
        case propensityStrata = "propensity_strata"
        case propensitySource = "propensity_source"
        case treatmentUnits = "treatment_units"
        case controlUnits = "control_units"
        case otherUnits = "other_units"
        case outcomeModelColumns = "outcome_model_columns"
        case confidenceLevel = "confidence_level"
    }

    /// The policy with this kind (and threshold, for threshold policies).
    public func policy(_ kind: PolicyEvaluation.Kind, threshold: Double? = nil) -> PolicyEvaluation? {
        policies.first { $0.kind == kind && (threshold == nil || $0.threshold == threshold) }
    }
}
