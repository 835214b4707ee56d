/// The result of an assignment audit: per experiment, how many units the bucketing rule agrees with.
///
/// Encoded as the contract of `audit.json` (snake_case keys); `markdown` renders `audit.md`.
public struct AuditReport: Sendable, Codable, Equatable {
    /// The `BucketingHash` raw value, e.g. `sha256-mod100`.
    public var scheme: String
    /// The variant names the rule assigns, in order.
    public var variants: [String]
    /// The relative weights of `variants`.
    public var weights: [Double]
    /// Further parameters that shaped the rule (seed, salt, coverage, rollout, shards), as text.
    public var parameters: [String: String]
    /// Exposure rows delivered by the reader (duplicates included).
    public var exposureRows: Int
    /// One entry per experiment, sorted by name.
    public var experiments: [ExperimentAudit]

    enum CodingKeys: String, CodingKey {
        case scheme, variants, weights, parameters, experiments
        case exposureRows = "exposure_rows"
    }
}

/// One experiment's audit: agreement counts and the first disagreements.
public struct ExperimentAudit: Sendable, Codable, Equatable {
    public var experiment: String
    /// Units with exactly one logged variant that is a known variant name: agreeing + disagreeing.
    public var unitsChecked: Int
    public var agreeing: Int
    public var disagreeing: Int
    /// `disagreeing / unitsChecked`; 0 when no unit was checked.
    public var disagreementRate: Double
    /// Units whose logged variant is not one of the scheme's variant names (not checked).
    public var unknownVariantUnits: Int
    /// The logged names that are not known variants, sorted.
    public var unknownVariantNames: [String]
    /// Units logged in more than one variant of this experiment (not checked; see `inspect`).
    public var severalVariantUnits: Int
    /// The first disagreements in file order, at most the audit's `maximumExamples`.
    public var examples: [Disagreement]

    enum CodingKeys: String, CodingKey {
        case experiment, agreeing, disagreeing, examples
        case unitsChecked = "units_checked"
        case disagreementRate = "disagreement_rate"
        case unknownVariantUnits = "unknown_variant_units"
        case unknownVariantNames = "unknown_variant_names"
        case severalVariantUnits = "several_variant_units"
    }
}

/// One unit whose logged variant is not the one the hash assigns.
public struct Disagreement: Sendable, Codable, Equatable {
    public var unit: String
    public var loggedVariant: String
    /// The variant the rule assigns; `nil` when the rule puts the unit outside the experiment
    /// (GrowthBook coverage, Unleash rollout, Eppo shards beyond the weights).
    public var expectedVariant: String?
    /// The unit's bucket in the scheme's own units (see `Assignment.bucket`).
    public var bucket: Double

    public init(unit: String, loggedVariant: String, expectedVariant: String?, bucket: Double) {
        self.unit = unit
        self.loggedVariant = loggedVariant
        self.expectedVariant = expectedVariant
        self.bucket = bucket
    }

    enum CodingKeys: String, CodingKey {
        case unit, bucket
        case loggedVariant = "logged_variant"
        case expectedVariant = "expected_variant"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(unit, forKey: .unit)
        try container.encode(loggedVariant, forKey: .loggedVariant)
        // Always present (null when outside the experiment) so readers need no key check.
        try container.encode(expectedVariant, forKey: .expectedVariant)
        try container.encode(bucket, forKey: .bucket)
    }
}
