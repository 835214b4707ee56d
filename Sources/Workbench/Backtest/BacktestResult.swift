/// Everything `workbench backtest` reports, written as `backtest.json` (docs/backtest.md).
///
/// Times are ISO-8601 UTC strings, durations hours; rates are fractions. Deterministic for a
/// given export, spec and seed (no timings inside).
public struct BacktestResult: Sendable, Codable, Equatable {
    /// Bumped when a field changes meaning or disappears.
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int = BacktestResult.currentSchemaVersion
    public var experiment: String
    public var control: String
    public var treatment: String
    public var data: DataSummary
    public var settings: Settings
    public var metrics: [Metric]
    public var rules: [RuleResult]
    /// The real history per look.
    public var timeline: [TimelineLook]
    /// Caveats a reader must know (e.g. a horizon that cuts windows short).
    public var notes: [String]

    public struct DataSummary: Sendable, Codable, Equatable {
        public var controlUnits: Int
        public var treatmentUnits: Int
        /// Units of other variants (not replayed).
        public var otherVariantUnits: Int
        /// Units exposed to more than one variant (excluded).
        public var excludedUnits: Int
        /// Guardrail events inside their unit's window.
        public var events: Int
        public var windowDays: Double
    }

    public struct Settings: Sendable, Codable, Equatable {
        public var start: String
        public var intervalHours: Double
        public var looks: Int
        public var horizonHours: Double
        public var rollbackLatencyHours: Double
        /// Regression onset (absolute time).
        public var onset: String
        public var onsetHoursAfterStart: Double
        public var alpha: Double
        public var replicates: Int
        public var powerReplicates: Int
        public var seed: UInt64
        public var regressionSizes: [Double]
    }

    public struct Metric: Sendable, Codable, Equatable {
        public var name: String
        public var shape: String
        public var direction: String
        public var margin: Double
        public var marginScale: String
    }

    /// A count of alarms among replicates with its Clopper-Pearson 95% interval.
    public struct Rate: Sendable, Codable, Equatable {
        public var alarms: Int
        public var replicates: Int
        public var rate: Double
        public var lower: Double
        public var upper: Double

        public init(alarms: Int, replicates: Int) {
            self.alarms = alarms
            self.replicates = replicates
            rate = replicates > 0 ? Double(alarms) / Double(replicates) : 0
            (lower, upper) = replicates > 0 ? ClopperPearson.interval(successes: alarms, trials: replicates) : (0, 1)
        }
    }

    public struct RuleResult: Sendable, Codable, Equatable {
        public var name: String
        public var type: String
        /// The rule's parameters in words.
        public var parameters: String
        public var realHistory: RealHistory
        public var falseAlarms: FalseAlarms
        public var power: [PowerCurve]
    }

    public struct RealHistory: Sendable, Codable, Equatable {
        /// First alarm (look index and time), nil without one.
        public var alarmLook: Int?
        public var alarmTime: String?
        public var alarmReason: String?
        /// Alarm time minus onset, hours (negative: before the onset); nil without alarm.
        public var detectionDelayHours: Double?
        /// When the rollback takes effect (alarm + latency), nil without alarm.
        public var rollbackTime: String?
        /// Treatment units that entered before the rollback (all of them without an alarm).
        public var treatmentUnitsExposed: Int
        /// Harm per metric up to the first look at or after the rollback (or the horizon).
        public var excessHarm: [ExcessHarm]
        /// The time the harm is measured at.
        public var harmMeasuredAt: String
        /// Per look: pass / marginal / fail and whether it alarmed.
        public var verdicts: [LookVerdict]
    }

    public struct ExcessHarm: Sendable, Codable, Equatable {
        public var metric: String
        /// harm sign x (treatment total - control rate x treatment base): e.g. extra errors;
        /// negative means the treatment did better.
        public var excess: Double
        /// What `excess` counts.
        public var unit: String
    }

    public struct LookVerdict: Sendable, Codable, Equatable {
        public var look: Int
        public var judgement: String
        public var alarm: Bool
        public var metricAlarms: [Bool]
    }

    public struct FalseAlarms: Sendable, Codable, Equatable {
        /// Any guardrail metric alarmed at any look.
        public var familyWise: Rate
        public var perMetric: [MetricRate]
    }

    public struct MetricRate: Sendable, Codable, Equatable {
        public var metric: String
        public var rate: Rate
    }

    public struct PowerCurve: Sendable, Codable, Equatable {
        public var regression: String
        public var points: [PowerPoint]
        /// Size detected in 80% of replicates (linear interpolation), nil when not reached.
        public var sizeDetected80: Double?
        /// How `sizeDetected80` was found: interpolated, at or below smallest size, not reached.
        public var sizeDetected80Note: String
    }

    public struct PowerPoint: Sendable, Codable, Equatable {
        public var size: Double
        /// Replicates whose first alarm came after the onset.
        public var detection: Rate
        /// Replicates whose first alarm came before the onset (a false alarm first).
        public var alarmsBeforeOnset: Int
        /// Mean onset-to-alarm time over detecting replicates, hours.
        public var meanDelayHours: Double?
        /// Mean pseudo-treatment units entered before rollback over detecting replicates.
        public var meanTreatmentUnitsExposed: Double?
    }

    public struct TimelineLook: Sendable, Codable, Equatable {
        public var look: Int
        public var time: String
        public var controlUnits: Int
        public var treatmentUnits: Int
        /// Per metric (spec order): control and treatment values (nil without data).
        public var controlValues: [Double?]
        public var treatmentValues: [Double?]
    }
}
