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
