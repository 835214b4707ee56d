/// The estimated value of one policy: its metrics under every estimator, with diagnostics.
public struct PolicyEvaluation: Sendable, Equatable, Codable {
    /// What kind of policy this is.
    public enum Kind: String, Sendable, Equatable, Codable {
        /// Treatment when the score is >= `threshold`, else control.
        case threshold
        /// Control for every unit.
        case allControl = "all_control"
        /// Treatment for every unit.
        case allTreatment = "all_treatment"
        /// What the rollout did (the log itself).
        case logged
    }

    /// One metric under one estimator.
    public struct MetricEstimate: Sendable, Equatable, Codable {
        /// The metric's name (from the spec).
        public var metric: String
        /// The estimator.
        public var estimator: OffPolicyEstimator
        /// The policy's value of the metric.
        public var value: EstimateInterval
        /// The value minus the all-control policy's value under the same estimator, with the
        /// interval of the paired difference (same bootstrap replicates); `nil` for the logged
        /// policy.
        public var differenceFromAllControl: EstimateInterval?

        enum CodingKeys: String, CodingKey {
            case metric, estimator, value
            case differenceFromAllControl = "difference_from_all_control"
        }
    }

    /// A readable name, e.g. `score >= 0.3`.
    public var name: String
    /// Threshold, baseline or logged.
    public var kind: Kind
    /// The score threshold (for `threshold` policies).
    public var threshold: Double?
    /// Share of units the policy gives treatment, in [0, 1].
    public var treatedShare: Double
    /// Share of units whose target arm had a positive logging propensity (1 = full support).
    public var supportCoverage: Double
    /// Units whose target arm had logging propensity 0.
    public var unsupportedUnits: Int
    /// Kish's effective sample size of the importance weights, `(sum w)^2 / sum w^2`.
    public var effectiveSampleSize: Double
    /// `effectiveSampleSize / units`.
    public var effectiveSampleShare: Double
    /// Every metric under every estimator.
    public var estimates: [MetricEstimate]

    enum CodingKeys: String, CodingKey {
        case name, kind, threshold, estimates
        case treatedShare = "treated_share"
        case supportCoverage = "support_coverage"
        case unsupportedUnits = "unsupported_units"
        case effectiveSampleSize = "effective_sample_size"
        case effectiveSampleShare = "effective_sample_share"
    }

    /// The estimate of `metric` under `estimator`, if computed.
    public func estimate(_ metric: String, _ estimator: OffPolicyEstimator) -> MetricEstimate? {
        estimates.first { $0.metric == metric && $0.estimator == estimator }
    }
}
