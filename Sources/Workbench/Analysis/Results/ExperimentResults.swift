import Stats

/// The results of analysing one experiment: the public `results.json` contract.
///
/// Schema `workbench-results/1`, documented in docs/results-schema.md. The keys named in the
/// analysis issue (`schema_version`, `experiment`, `control`, `units`, `excluded`,
/// `srm.p_value`, `metrics[].name/type/variants/comparisons`, `decision.ship/reasons`) are a
/// public contract: they are only ever added to, never renamed or removed, within a major
/// schema version. Numbers that are undefined (an interval's open side, a lift over a zero
/// baseline) are `null`, with the reason in `notes`; JSON never carries NaN or infinity.
public struct ExperimentResults: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = "workbench-results/1"

    public var schemaVersion = ExperimentResults.currentSchemaVersion
    public var experiment: String
    public var control: String
    /// Analysed units per variant (after exclusions).
    public var units: [String: Int]
    /// Excluded units by reason (e.g. `"exposed to several variants"`).
    public var excluded: [String: Int]
    public var srm: SampleRatioCheck
    public var metrics: [MetricResult]
    public var decision: Decision
    /// Settings the numbers depend on.
    public var settings: Settings
    /// Daily exposures and cumulative lifts, for the charts.
    public var timeline: Timeline?
    /// What was read and what was dropped (absent when analysing warehouse aggregates).
    public var dataQuality: DataQualityReport?
    /// `workbench <version>`.
    public var generatedBy: String

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", experiment, control, units, excluded, srm, metrics, decision, settings
        case timeline, dataQuality = "data_quality", generatedBy = "generated_by"
    }

    public init(experiment: String, control: String, units: [String: Int], excluded: [String: Int], srm: SampleRatioCheck,
                metrics: [MetricResult], decision: Decision, settings: Settings, timeline: Timeline?, dataQuality: DataQualityReport?,
                generatedBy: String) {
        self.experiment = experiment
        self.control = control
        self.units = units
        self.excluded = excluded
        self.srm = srm
        self.metrics = metrics
        self.decision = decision
        self.settings = settings
        self.timeline = timeline
        self.dataQuality = dataQuality
        self.generatedBy = generatedBy
    }

    /// The sample-ratio-mismatch check against the planned weights.
    public struct SampleRatioCheck: Codable, Sendable, Equatable {
        /// Chi-square goodness-of-fit p-value; `null` when undefined (see `note`).
        public var pValue: Double?
        public var chiSquare: Double?
        /// Planned weights per variant (normalised).
        public var plannedWeights: [String: Double]
        /// Whether p < `threshold` (a mismatch: results should not be trusted).
        public var mismatch: Bool
        public var threshold: Double
        public var note: String?

        enum CodingKeys: String, CodingKey {
            case pValue = "p_value", chiSquare = "chi_square", plannedWeights = "planned_weights", mismatch, threshold, note
        }

        /// `p_value` is a contract key: always present, `null` when undefined.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(pValue, forKey: .pValue)
            try container.encode(chiSquare, forKey: .chiSquare)
            try container.encode(plannedWeights, forKey: .plannedWeights)
            try container.encode(mismatch, forKey: .mismatch)
            try container.encode(threshold, forKey: .threshold)
            try container.encodeIfPresent(note, forKey: .note)
        }

        public init(pValue: Double?, chiSquare: Double?, plannedWeights: [String: Double], mismatch: Bool, threshold: Double, note: String?) {
            self.pValue = pValue
            self.chiSquare = chiSquare
            self.plannedWeights = plannedWeights
            self.mismatch = mismatch
            self.threshold = threshold
            self.note = note
        }
    }

    /// One metric: per-variant summaries and comparisons against control.
    public struct MetricResult: Codable, Sendable, Equatable {
        public var name: String
        /// `proportion`, `mean`, `ratio` or `quantile`.
        public var type: String
        /// `increase` or `decrease`: which way is good.
        public var direction: String
        /// `success` or `guardrail`.
        public var role: String
        public var variants: [VariantSummary]
        public var comparisons: [Comparison]

        public init(name: String, type: String, direction: String, role: String, variants: [VariantSummary], comparisons: [Comparison]) {
            self.name = name
            self.type = type
            self.direction = direction
            self.role = role
            self.variants = variants
            self.comparisons = comparisons
        }
    }

    /// A variant's value of a metric (overall, not per segment).
    public struct VariantSummary: Codable, Sendable, Equatable {
        public var variant: String
        public var units: Int
        /// The metric's value: conversion rate, mean per unit, ratio of sums, or the quantile.
        public var mean: Double?
        /// Standard error of `mean` (delta method for ratios; unit-clustered for quantiles).
        public var standardError: Double?

        enum CodingKeys: String, CodingKey { case variant, units, mean, standardError = "standard_error" }

        /// `mean` is a contract key: always present, `null` when undefined.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(variant, forKey: .variant)
            try container.encode(units, forKey: .units)
            try container.encode(mean, forKey: .mean)
            try container.encode(standardError, forKey: .standardError)
        }

        public init(variant: String, units: Int, mean: Double?, standardError: Double?) {
            self.variant = variant
            self.units = units
            self.mean = mean
            self.standardError = standardError
        }
    }

    /// A segment: one value of one dimension.
    public struct Segment: Codable, Sendable, Equatable, Hashable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// A treatment variant against control, overall (`dimension == nil`) or in a segment.
    public struct Comparison: Codable, Sendable, Equatable {
        public var variant: String
        public var dimension: Segment?
        public var units: Int?
        public var controlUnits: Int?
        public var absoluteLift: Double?
        public var absoluteCILow: Double?
        public var absoluteCIHigh: Double?
        public var relativeLift: Double?
        /// Relative-lift interval (fraction of |control|).
        public var ciLow: Double?
        public var ciHigh: Double?
        public var pValue: Double?
        /// After the spec's multiple-testing correction over its family (see `settings`).
        public var adjustedPValue: Double?
        /// Relative-lift interval adjusted consistently with `adjustedPValue`.
        public var adjustedCILow: Double?
        public var adjustedCIHigh: Double?
        public var cupedApplied: Bool
        public var sequentialCILow: Double?
        public var sequentialCIHigh: Double?
        public var sequentialPValue: Double?
        public var chanceToWin: Double?
        /// Expected loss of shipping the treatment (relative scale), when Bayesian is enabled.
        public var risk: Double?
        public var riskControl: Double?
        public var guardrail: GuardrailOutcome?
        /// Why a number is null, CUPED fallbacks and the like.
        public var notes: [String]

        enum CodingKeys: String, CodingKey {
            case variant, dimension, units, controlUnits = "control_units"
            case absoluteLift = "absolute_lift", absoluteCILow = "absolute_ci_low", absoluteCIHigh = "absolute_ci_high"
            case relativeLift = "relative_lift", ciLow = "ci_low", ciHigh = "ci_high", pValue = "p_value"
            case adjustedPValue = "adjusted_p_value", adjustedCILow = "adjusted_ci_low", adjustedCIHigh = "adjusted_ci_high"
            case cupedApplied = "cuped_applied", sequentialCILow = "sequential_ci_low", sequentialCIHigh = "sequential_ci_high"
            case sequentialPValue = "sequential_p_value", chanceToWin = "chance_to_win", risk, riskControl = "risk_control"
            case guardrail, notes
        }

        public init(variant: String, dimension: Segment?) {
            self.variant = variant
            self.dimension = dimension
            cupedApplied = false
            notes = []
        }

        /// Encodes `dimension` as an explicit `null` for the overall comparison (the contract
        /// says "null, or {name, value}").
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(variant, forKey: .variant)
            if let dimension { try container.encode(dimension, forKey: .dimension) } else { try container.encodeNil(forKey: .dimension) }
            try container.encodeIfPresent(units, forKey: .units)
            try container.encodeIfPresent(controlUnits, forKey: .controlUnits)
            try container.encode(absoluteLift, forKey: .absoluteLift)
            try container.encodeIfPresent(absoluteCILow, forKey: .absoluteCILow)
            try container.encodeIfPresent(absoluteCIHigh, forKey: .absoluteCIHigh)
            try container.encode(relativeLift, forKey: .relativeLift)
            try container.encode(ciLow, forKey: .ciLow)
            try container.encode(ciHigh, forKey: .ciHigh)
            try container.encode(pValue, forKey: .pValue)
            try container.encode(adjustedPValue, forKey: .adjustedPValue)
            try container.encodeIfPresent(adjustedCILow, forKey: .adjustedCILow)
            try container.encodeIfPresent(adjustedCIHigh, forKey: .adjustedCIHigh)
            try container.encode(cupedApplied, forKey: .cupedApplied)
            try container.encodeIfPresent(sequentialCILow, forKey: .sequentialCILow)
            try container.encodeIfPresent(sequentialCIHigh, forKey: .sequentialCIHigh)
            try container.encodeIfPresent(sequentialPValue, forKey: .sequentialPValue)
            try container.encodeIfPresent(chanceToWin, forKey: .chanceToWin)
            try container.encodeIfPresent(risk, forKey: .risk)
            try container.encodeIfPresent(riskControl, forKey: .riskControl)
            try container.encodeIfPresent(guardrail, forKey: .guardrail)
            try container.encode(notes, forKey: .notes)
        }
    }

    /// A guardrail's non-inferiority verdict.
    public struct GuardrailOutcome: Codable, Sendable, Equatable {
        /// The margin, as a fraction of control (relative) or in metric units (absolute).
        public var margin: Double
        public var relative: Bool
        /// p-value of "the metric is worse than the margin".
        public var pValue: Double?
        /// Whether non-inferiority is shown at the guardrail's alpha.
        public var nonInferior: Bool

        enum CodingKeys: String, CodingKey { case margin, relative, pValue = "p_value", nonInferior = "non_inferior" }

        public init(margin: Double, relative: Bool, pValue: Double?, nonInferior: Bool) {
            self.margin = margin
            self.relative = relative
            self.pValue = pValue
            self.nonInferior = nonInferior
        }
    }

    /// The ship decision and every reason behind it.
    public struct Decision: Codable, Sendable, Equatable {
        public var ship: Bool
        public var reasons: [String]

        public init(ship: Bool, reasons: [String]) {
            self.ship = ship
            self.reasons = reasons
        }
    }

    /// The settings that produced these numbers.
    public struct Settings: Codable, Sendable, Equatable {
        public var alpha: Double
        /// `none`, `bonferroni`, `holm`, `bh` or `by`.
        public var correction: String
        /// What the correction's family is, in words.
        public var correctionFamily: String
        public var windowDays: Double
        public var prePeriodDays: Double
        public var sequentialTuning: Double?
        public var bayesianPriorMean: Double?
        public var bayesianPriorStandardDeviation: Double?

        enum CodingKeys: String, CodingKey {
            case alpha, correction, correctionFamily = "correction_family", windowDays = "window_days"
            case prePeriodDays = "pre_period_days", sequentialTuning = "sequential_tuning"
            case bayesianPriorMean = "bayesian_prior_mean", bayesianPriorStandardDeviation = "bayesian_prior_sd"
        }

        public init(alpha: Double, correction: String, correctionFamily: String, windowDays: Double, prePeriodDays: Double,
                    sequentialTuning: Double?, bayesianPriorMean: Double?, bayesianPriorStandardDeviation: Double?) {
            self.alpha = alpha
            self.correction = correction
            self.correctionFamily = correctionFamily
            self.windowDays = windowDays
            self.prePeriodDays = prePeriodDays
            self.sequentialTuning = sequentialTuning
            self.bayesianPriorMean = bayesianPriorMean
            self.bayesianPriorStandardDeviation = bayesianPriorStandardDeviation
        }
    }

    /// Day-by-day figures for the charts.
    public struct Timeline: Codable, Sendable, Equatable {
        /// UTC days, `YYYY-MM-DD`, in order.
        public var days: [String]
        /// New units per variant per day (by first exposure).
        public var exposuresPerDay: [String: [Int]]
        /// Per metric and treatment variant: the relative lift of units enrolled up to each
        /// day, with its always-valid (or fixed-horizon when sequential is off) interval.
        public var cumulativeLift: [CumulativeLift]

        enum CodingKeys: String, CodingKey { case days, exposuresPerDay = "exposures_per_day", cumulativeLift = "cumulative_lift" }

        public init(days: [String], exposuresPerDay: [String: [Int]], cumulativeLift: [CumulativeLift]) {
            self.days = days
            self.exposuresPerDay = exposuresPerDay
            self.cumulativeLift = cumulativeLift
        }
    }

    /// One metric's cumulative relative lift for one variant, one value per timeline day.
    public struct CumulativeLift: Codable, Sendable, Equatable {
        public var metric: String
        public var variant: String
        public var lift: [Double?]
        public var low: [Double?]
        public var high: [Double?]
        /// `sequential` (always-valid) or `fixed` (fixed-horizon, not valid for peeking).
        public var interval: String

        public init(metric: String, variant: String, lift: [Double?], low: [Double?], high: [Double?], interval: String) {
            self.metric = metric
            self.variant = variant
            self.lift = lift
            self.low = low
            self.high = high
            self.interval = interval
        }
    }
}
