/// A rollback rule: consumes a replay's looks in order and says, per look, whether to alarm.
///
/// Rules are values; a rule that needs memory across looks (threshold counter) keeps it in
/// its own stored properties, so use a fresh copy per replay (`var rule = prototype`).
/// Every rule judges all guardrail metrics of the history; `metricAlarms` in the verdict says
/// which metrics breached on their own (for per-metric false-alarm rates), `alarm` is the
/// rule's family-wise decision.
public protocol GuardrailRule: Sendable {
    /// A short label for reports ("sequential", "msprt", ...).
    var name: String { get }
    /// The verdict at this look. Called once per look, in order.
    mutating func evaluate(_ snapshot: LookSnapshot, metrics: [GuardrailMetric]) -> RuleVerdict
}

/// A rule's verdict at one look.
public struct RuleVerdict: Sendable, Equatable {
    /// The canary judge's three-way outcome (other rules report `.pass`/`.fail` only).
    public enum Judgement: String, Sendable, Equatable, Codable {
        case pass, marginal, fail
    }

    /// Whether the rule calls for a rollback now.
    public var alarm: Bool
    /// Per guardrail metric (in history order): whether it breached the rule on its own.
    public var metricAlarms: [Bool]
    /// Three-way outcome for reporting (the judge's score class; fail = alarm otherwise).
    public var judgement: Judgement
    /// Why, in one sentence ("error_rate: CS lower bound 0.071 > margin 0.05").
    public var reason: String

    public init(alarm: Bool, metricAlarms: [Bool], judgement: Judgement? = nil, reason: String) {
        self.alarm = alarm
        self.metricAlarms = metricAlarms
        self.judgement = judgement ?? (alarm ? .fail : .pass)
        self.reason = reason
    }
}
