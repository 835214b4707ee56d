/// The contents of truth.json: what the generator put into the data, so later capabilities
/// (A/B analysis, SRM checks, CUPED, guardrails) can be tested for recovering it.
///
/// Expectations are exact population values implied by the parameters (closed forms in
/// ``BehaviourModel`` and ``LatencyDistribution``); `realized` holds what this run wrote.
/// Metric expectations are per assigned unit over the metric window
/// [first exposure, first exposure + window days) and are unaffected by SRM losses and by
/// units in both variants, because both remove units at random.
public struct GroundTruth: Sendable, Codable, Equatable {
    /// Identifies this file's layout; bumped when fields change meaning.
    public var format = "workbench-generator-truth/1"
    /// The seed of every draw.
    public var seed: UInt64
    /// How random streams are derived from the seed (see docs/generator.md).
    public var randomGenerator =
        "xoshiro256** seeded by SplitMix64; one stream per (seed, unit, day), substream 0 = unit attributes"
    /// Experiment key, as in exposures.csv.
    public var experiment: String
    /// Control variant name (the first variant).
    public var control: String
    /// All variant names, control first.
    public var variants: [String]
    /// Planned allocation, normalised to sum to 1.
    public var plannedWeights: [Double]
    /// The sample-ratio-mismatch setting.
    public var srm: SampleRatioMismatch
    /// Probability that a unit is also exposed once to another variant.
    public var bothVariantsFraction: Double
    /// Enrolment, window and data boundaries.
    public var timeline: Timeline
    /// Expected metric values per variant (index 0 = control).
    public var variantMetrics: [VariantMetrics]
    /// True effects of each non-control variant relative to control.
    public var effects: [Effect]
    /// Every generator parameter, so the export can be regenerated.
    public var parameters: GeneratorParameters
    /// What this run wrote (counts and sizes).
    public var realized: ExportSummary

    /// The sample-ratio-mismatch setting and the allocation it produces in the exposure log.
    public struct SampleRatioMismatch: Sendable, Codable, Equatable {
        /// Probability that a non-control unit is missing from exposures.csv.
        public var dropFraction: Double
        /// Expected share of logged units per variant: w_v (1 - drop_v) / sum.
        public var expectedObservedWeights: [Double]
    }

    /// The time layout of the export (all UTC).
    public struct Timeline: Sendable, Codable, Equatable {
        /// First instant a unit can be first exposed.
        public var enrolmentStart: String
        /// Exclusive end of enrolment: first exposures are before this instant.
        public var enrolmentEnd: String
        /// Metric window after each unit's first exposure, in days.
        public var windowDays: Int
        /// Covariate window before each unit's first exposure, in days.
        public var prePeriodDays: Int
        /// First instant events can have (enrolment start - pre-period).
        public var dataStart: String
        /// Exclusive end of the data (enrolment end + window).
        public var dataEnd: String
    }

    /// Expected values for units of one variant over the metric window.
    public struct VariantMetrics: Sendable, Codable, Equatable {
        /// The variant's name.
        public var variant: String
        /// Share of units with at least one purchase.
        public var conversionRate: Double
        /// Purchases per unit.
        public var purchasesPerUnit: Double
        /// Mean value of one purchase.
        public var revenuePerPurchase: Double
        /// Revenue per unit (uncapped).
        public var revenuePerUnit: Double
        /// Requests per unit (same in every variant).
        public var requestsPerUnit: Double
        /// Page views per unit (same in every variant).
        public var pageViewsPerUnit: Double
        /// Expected latency per request in ms (the ratio metric sum(latency) / count(requests)).
        public var meanLatencyMilliseconds: Double
        /// 95th percentile of request latency in ms (the pooled distribution of requests).
        public var latencyP95Milliseconds: Double
        /// Errors per request.
        public var errorRate: Double
    }

    /// One variant's true effect versus control.
    public struct Effect: Sendable, Codable, Equatable {
        /// The treatment variant.
        public var variant: String
        /// The control it is compared with.
        public var control: String
        /// Relative lift of the conversion rate (treatment / control - 1).
        public var conversionRelativeLift: Double
        /// Relative lift of revenue per unit.
        public var revenuePerUnitRelativeLift: Double
        /// Relative lift of purchases per unit (how the conversion lift is produced).
        public var purchasesPerUnitRelativeLift: Double
        /// Relative lift of revenue per purchase (what is left of the revenue lift).
        public var revenuePerPurchaseRelativeLift: Double
        /// Treatment / control mean latency per request (also every latency quantile).
        public var latencyMultiplier: Double
        /// Treatment / control error rate per request.
        public var errorRateMultiplier: Double
    }
}
