/// An experiment analysis spec: which experiment, which metrics, which safeguards.
///
/// Read from YAML (`docs/spec-format.md`) by `ExperimentSpec.parse(yaml:file:)`, which rejects
/// unknown keys, missing fields and impossible values with the key and its line.
public struct ExperimentSpec: Sendable, Equatable {
    /// The experiment key as it appears in the exposures' `experiment` column.
    public var experiment: String
    /// The control variant's name.
    public var control: String
    /// Metric window after each unit's first exposure, in days (> 0). Default 14.
    public var windowDays: Double = 14
    /// Covariate window before first exposure for CUPED, in days (>= 0). Default 14.
    public var prePeriodDays: Double = 14
    /// Significance level in (0, 0.5]. Default 0.05.
    public var alpha: Double = 0.05
    /// Multiple-testing correction over the family of success-metric comparisons.
    public var correction: Correction = .holm
    /// Always-valid intervals, when set.
    public var sequential: SequentialSettings?
    /// Bayesian chance to win and risk, when set.
    public var bayesian: BayesianSettings?
    /// Attribute columns to break results down by.
    public var dimensions: [String] = []
    /// Planned allocation weights per variant (normalised); `nil` means equal weights over
    /// the variants seen.
    public var weights: [String: Double]?
    public var metrics: [MetricSpec]
    /// Guardrail backtest settings (`workbench backtest`, docs/backtest.md), when set.
    public var backtest: BacktestSettings?

    public init(experiment: String, control: String, metrics: [MetricSpec]) {
        self.experiment = experiment
        self.control = control
        self.metrics = metrics
    }

    /// The multiple-testing correction.
    public enum Correction: String, Sendable, Equatable, CaseIterable {
        case none, bonferroni, holm, bh, by
    }

    /// Settings of the always-valid confidence sequence.
    public struct SequentialSettings: Sendable, Equatable {
        /// N*, the number of units the sequence is tuned for (> 0).
        public var tuning: Double
    }

    /// The prior of the Bayesian analysis on the relative effect.
    public struct BayesianSettings: Sendable, Equatable {
        public var priorMean: Double
        /// Prior standard deviation (> 0); `nil` means a flat prior.
        public var priorStandardDeviation: Double?
    }
}

/// One metric of an experiment spec.
public struct MetricSpec: Sendable, Equatable {
    /// How the metric is built from events.
    public enum Kind: Sendable, Equatable {
        /// Share of units with at least one `event` in the window.
        case proportion(event: String)
        /// Mean per unit of an aggregate of `event` in the window (units without events count 0).
        case mean(EventAggregate)
        /// Ratio of two per-unit aggregates' sums (delta method).
        case ratio(numerator: EventAggregate, denominator: EventAggregate)
        /// A quantile of per-event values (e.g. p95 latency), units clustered.
        case quantile(event: String, probability: Double)

        public var typeName: String {
            switch self {
            case .proportion: return "proportion"
            case .mean: return "mean"
            case .ratio: return "ratio"
            case .quantile: return "quantile"
            }
        }
    }

    /// An aggregate of one event's values per unit.
    public struct EventAggregate: Sendable, Equatable, Hashable {
        public enum Function: String, Sendable, Equatable, Hashable, CaseIterable {
            /// Sum of values (empty values count 1).
            case sum
            /// Number of events.
            case count
            /// Largest value (0 when there is none).
            case max
        }

        public var event: String
        public var function: Function

        public init(event: String, function: Function) {
            self.event = event
            self.function = function
        }
    }

    /// Winsorisation of per-unit values at an upper bound.
    public enum Cap: Sendable, Equatable {
        /// Cap at this quantile (in (0, 1)) of the pooled per-unit values of analysed units.
        case quantile(Double)
        /// Cap at a fixed value.
        case value(Double)
    }

    /// A guardrail: the metric must be shown not worse than the margin.
    public struct Guardrail: Sendable, Equatable {
        /// The margin (> 0): a fraction of control when `relative`, else metric units.
        public var margin: Double
        public var relative: Bool
    }

    public var name: String
    public var kind: Kind
    /// `true` when higher is better (`direction: increase`, the default).
    public var increaseIsGood: Bool = true
    public var cuped = false
    public var cap: Cap?
    public var guardrail: Guardrail?

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }
}
