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
