/// The optional `backtest:` section of an experiment spec: how `workbench backtest` replays
/// the experiment's guardrail metrics (docs/backtest.md).
///
/// Durations are milliseconds. Parsed strictly by `BacktestSettings.parse(_:reader:spec:)`:
/// unknown keys and impossible values are rejected with the key and its line.
public struct BacktestSettings: Sendable, Equatable {
    /// The treatment variant; nil = the only non-control variant.
    public var treatment: String?
    /// Time between looks (> 0). Required.
    public var interval: Int64
    /// Time covered by the looks from `start`; nil = up to the end of the last unit's window.
    public var horizon: Int64?
    /// Start of the first look interval (ms since the epoch); nil = the earliest exposure
    /// floored to a multiple of `interval` (UTC midnight for daily looks).
    public var start: Int64?
    /// Time from an alarm to the rollback taking effect (>= 0). Default 0.
    public var rollbackLatency: Int64 = 0
    /// Onset of injected regressions, and of the real history's regression for detection
    /// delays, after `start` (>= 0). Default 0.
    public var onset: Int64 = 0
    /// A/A replicates (>= 1). Default 200.
    public var replicates: Int = 200
    /// Replicates per injected regression size (>= 1). Default: `replicates`.
    public var powerReplicates: Int?
    /// Seed of the A/A salts and injected randomness. Default 1.
    public var seed: UInt64 = 1
    /// Relative regression sizes d to inject (each > 0), ascending. Default 0.05, 0.1, 0.2, 0.5.
    public var regressionSizes: [Double] = [0.05, 0.1, 0.2, 0.5]
    /// Regressions to inject (one power curve each). Default none.
    public var regressions: [Regression] = []
    /// The rules to compare (names unique). Required, non-empty.
    public var rules: [Rule]

    public init(interval: Int64, rules: [Rule]) {
        self.interval = interval
        self.rules = rules
    }

    /// One injected regression kind.
    public struct Regression: Sendable, Equatable {
        public enum Kind: String, Sendable, Equatable, CaseIterable {
            /// Values of `event` times (1 + d).
            case latency
            /// Extra `event`s on `per` events so the per-`per` rate is times (1 + d).
            case errors
            /// `event`s dropped with probability d (needs d <= 1).
            case conversions
        }

        public var name: String
        public var kind: Kind
        public var event: String
        /// The trigger event for `errors` (e.g. `request`); nil otherwise.
        public var per: String?

        public init(name: String, kind: Kind, event: String, per: String? = nil) {
            self.name = name
            self.kind = kind
            self.event = event
            self.per = per
        }
    }

    /// One rollback rule with its parameters (defaults in docs/backtest.md).
    public struct Rule: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            case sequential(tuning: Double)
            case msprt(tau: Double)
            case naive
            case canary(passScore: Double, marginalScore: Double, critical: [String], tolerance: Double, maximumUnits: Int)
            case thresholdRatio(bound: Double)
            case thresholdValue(bounds: [String: Double])
        }

        public enum Threshold: String, Sendable, Equatable, CaseIterable {
            case margin, zero
        }

        public var name: String
        public var kind: Kind
        /// Overrides the spec's alpha for this rule.
        public var alpha: Double?
        /// Harm threshold of the interval rules (sequential, msprt, naive). Default margin.
        public var threshold: Threshold = .margin
        /// Threshold counter: breaches needed. Default 3.
        public var looks: Int = 3
        /// Threshold counter: count consecutive breaches (true) or all (false). Default false.
        public var consecutive = false
        /// Fewest units per arm before the rule judges (default 100; canary 10 per metric).
        public var minimumUnits: Int?

        public init(name: String, kind: Kind) {
            self.name = name
            self.kind = kind
        }
    }
}
