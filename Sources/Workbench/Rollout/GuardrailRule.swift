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
