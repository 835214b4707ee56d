/// Where a rule draws the line for harm.
public enum HarmThreshold: String, Sendable, Equatable, Codable, CaseIterable {
    /// Alarm only when the harm is shown to exceed the guardrail's non-inferiority margin.
    case margin
    /// Alarm when any harm is shown (the margin is ignored): faster, more false alarms on
    /// harmless-but-nonzero differences.
    case zero

    /// The threshold on the margin's scale (relative fraction or metric units), >= 0.
    public func value(for metric: GuardrailMetric) -> Double {
        self == .margin ? metric.margin.value : 0
    }
}
