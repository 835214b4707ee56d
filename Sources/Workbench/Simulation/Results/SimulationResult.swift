/// Everything `workbench simulate --policy` found, as written to `DIR/simulation.json`.
///
/// Layout `workbench-simulation/1`, documented field by field in `docs/simulate.md`. Times are
/// hours from the rollout start; rates are fractions in [0, 1]; intervals are 95 %
/// Clopper-Pearson.
public struct SimulationResult: Sendable, Equatable, Codable {
    /// Identifies the layout; bumped when a field changes meaning.
    public var format = "workbench-simulation/1"
    public var experiment: String
    public var control: String
    public var treatment: String
    /// The flag key hashed into rollout buckets.
    public var flagKey: String
    /// The bucketing hash (`sha256-mod100` by default).
    public var hash: String
    /// The replay semantics in one paragraph (sticky buckets, entry times, arms).
    public var semantics: String
    public var history: HistorySummary
    public var settings: Settings
    public var guardrailMetrics: [GuardrailMetric]
    public var policies: [PolicyResult]
    /// One row per policy, in plan order, with dominance marked.
    public var frontier: [FrontierRow]

    /// The replayed history.
    public struct HistorySummary: Sendable, Equatable, Codable {
        public var units: Int
        public var treatmentUnits: Int
        public var controlUnits: Int
        /// Share of units the history treated.
        public var treatmentShare: Double
        public var eventsKept: Int
        /// Metric window after each unit's first exposure (the spec's `window_days`).
        public var windowDays: Double
        /// Rollout start and the last look, ISO-8601 UTC.
        public var start: String
        public var end: String
        public var lookEveryHours: Double
        public var looks: Int
    }

    /// Run settings.
    public struct Settings: Sendable, Equatable, Codable {
        public var replicates: Int
        public var seed: UInt64
        public var rollbackLatencyHours: Double
        public var regressions: [Regression]
    }

    /// An injected regression.
    public struct Regression: Sendable, Equatable, Codable {
        public var label: String
        public var metric: String
        public var change: Double
        public var onsetHours: Double
        /// What its harm counts, e.g. `extra error events`.
        public var harmUnit: String
    }

    /// A watched guardrail metric.
    public struct GuardrailMetric: Sendable, Equatable, Codable {
        public var name: String
        /// `increase` or `decrease` (the good direction).
        public var direction: String
        public var margin: Double
        public var relativeMargin: Bool
    }
}

/// One policy's results.
public struct PolicyResult: Sendable, Equatable, Codable {
    public var name: String
    public var stages: [Double]
    public var dwellHours: [Double]
    public var minimumExposures: [Int]
    public var rule: String
    public var ruleParameters: String
    /// Looks with fewer units in either arm are not judged.
    public var minimumUnitsPerArm: Int
    public var advanceRequiresNonInferiority: Bool
    /// Per stage before the last: whether the history can support it.
    public var support: [StageSupport]
    /// The policy replayed on the real history (real buckets, real arms).
    public var realHistory: ReplayOutcome
    /// A/A replicates: no true effect, so every stop is a false stop.
    public var good: GoodScenarioSummary
    /// One summary per injected regression.
    public var bad: [BadScenarioSummary]
}

/// Whether the history holds enough exposure for one stage.
public struct StageSupport: Sendable, Equatable, Codable {
    public var percentage: Double
    /// Units (any historical arm) whose real rollout bucket is below the stage.
    public var unitsInHistory: Int
    /// Of those, units with an observed treated outcome (historical treatment).
    public var observedTreatedUnits: Int
    /// observedTreatedUnits / unitsInHistory.
    public var observedShare: Double
    public var minimumExposures: Int
    /// Earliest hours at which this stage can end (sum of dwell times up to it).
    public var earliestEndHours: Double
    public var supported: Bool
    /// Why not, one sentence each (empty when supported).
    public var reasons: [String]
}

/// Outcomes on good (A/A) scenarios.
public struct GoodScenarioSummary: Sendable, Equatable, Codable {
    public var replicates: Int
    public var fullRollouts: Int
    public var falseStops: Int
    /// Neither stopped nor fully rolled out when the history ended.
    public var censored: Int
    /// Over the replicates that reached full rollout; `nil` when none did.
    public var hoursToFullRollout: Distribution?
    public var falseStopRate: Double
    public var falseStopInterval: [Double]
}

/// Outcomes on one bad scenario (an injected regression).
public struct BadScenarioSummary: Sendable, Equatable, Codable {
    public var regression: String
    public var replicates: Int
    public var stops: Int
    public var detectionRate: Double
    public var detectionInterval: [Double]
    /// Replicates that reached full rollout with the regression.
    public var missed: Int
    /// Over the stopped replicates.
    public var hoursToStop: Distribution?
    /// Units exposed to the bad treatment before the rollback (or the end of the history).
    public var exposedUnits: Distribution
    /// Harm done to all exposed units (see `harmUnit`): expected extra events, extra value or lost events.
    public var harm: Distribution
    public var harmUnit: String
}

/// Summary of a sample of replicate values.
public struct Distribution: Sendable, Equatable, Codable {
    public var count: Int
    public var mean: Double
    public var median: Double
    public var p10: Double
    public var p90: Double
    public var minimum: Double
    public var maximum: Double
}

/// One policy on the frontier.
public struct FrontierRow: Sendable, Equatable, Codable {
    public var policy: String
    /// Median hours to full rollout on good scenarios; `nil` (worst) when none completed.
    public var medianHoursToFullRollout: Double?
    public var falseStopRate: Double
    /// Mean units exposed to the bad treatment, averaged over the regressions; `nil` without regressions.
    public var meanExposedUnitsOnBad: Double?
    /// Whether another policy is at least as good on all three and better on one.
    public var dominated: Bool
    public var dominatedBy: [String]
}
