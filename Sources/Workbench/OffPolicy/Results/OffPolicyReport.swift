/// `offpolicy.json`: what was evaluated (model, experiment, cutoff, propensities) and the
/// evaluation itself. Format `workbench-offpolicy/1`, documented in `docs/off-policy.md`.
public struct OffPolicyReport: Sendable, Equatable, Codable {
    /// The format identifier this code writes.
    public static let currentFormat = "workbench-offpolicy/1"

    /// The target model.
    public struct ModelSummary: Sendable, Equatable, Codable {
        /// Registry name.
        public var name: String
        /// Registry version.
        public var version: Int
        /// `gbdt` or `logistic`.
        public var modelType: String
        /// SHA-256 of `model.json` (from the verified manifest).
        public var modelSHA256: String
        /// Input features in model order.
        public var features: [String]
        /// `count_<event>` features no unit had before the cutoff (0 for everyone).
        public var absentCounts: [String]

        enum CodingKeys: String, CodingKey {
            case name, version, features
            case modelType = "model_type"
            case modelSHA256 = "model_sha256"
            case absentCounts = "absent_counts"
        }
    }

    /// A spec metric that is not evaluated, and why.
    public struct SkippedMetric: Sendable, Equatable, Codable {
        /// The spec metric's name.
        public var name: String
        /// Why it has no off-policy estimate.
        public var reason: String
    }

    /// `workbench-offpolicy/1`.
    public var format: String
    /// The target model.
    public var model: ModelSummary
    /// The experiment key.
    public var experiment: String
    /// The control variant (the policy's "disabled").
    public var control: String
    /// The treatment variant (the policy's "enabled").
    public var treatment: String
    /// Features use events strictly before this time (ISO-8601 UTC).
    public var cutoff: String
    /// Where the cutoff came from: `earliest exposure` or `--cutoff`.
    public var cutoffSource: String
    /// Analysed units whose first exposure is before the cutoff (their features may see
    /// post-exposure events); 0 with the default cutoff.
    public var unitsExposedBeforeCutoff: Int
    /// Units exposed to more than one variant (excluded).
    public var unitsExcludedSeveralVariants: Int
    /// Analysed units with no event before the cutoff (scored on the default features).
    public var unitsWithoutHistory: Int
    /// How the propensities were obtained, as a sentence.
    public var propensityMethod: String
    /// The test of a constant treatment share across enrolment days.
    public var propensityHomogeneity: PropensityHomogeneity
    /// The metric the policy is chosen for.
    public var valueMetric: String
    /// Spec metrics without an off-policy estimate (quantile metrics).
    public var skippedMetrics: [SkippedMetric]
    /// The estimates and diagnostics.
    public var evaluation: OffPolicyEvaluation

    enum CodingKeys: String, CodingKey {
        case format, model, experiment, control, treatment, cutoff, evaluation
        case cutoffSource = "cutoff_source"
        case unitsExposedBeforeCutoff = "units_exposed_before_cutoff"
        case unitsExcludedSeveralVariants = "units_excluded_several_variants"
        case unitsWithoutHistory = "units_without_history"
        case propensityMethod = "propensity_method"
        case propensityHomogeneity = "propensity_homogeneity"
        case valueMetric = "value_metric"
        case skippedMetrics = "skipped_metrics"
    }
}
