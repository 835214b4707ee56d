/// One metric's role and result, as input to the ship decision.
public struct MetricEvaluation: Sendable, Hashable, Codable {
    /// What a metric is for in the decision.
    public enum Role: Sendable, Hashable, Codable {
        /// A metric the change is meant to improve.
        case success
        /// A metric that must not get worse by more than the margin.
        case guardrail(NonInferiorityMargin)
    }

    /// Display name used in the reasons.
    public var name: String
    /// Success or guardrail (with its margin).
    public var role: Role
    /// Which direction is good.
    public var direction: PreferredDirection
    /// The fixed-horizon comparison (any alternative; the decision recomputes one-sided tests
    /// from its estimate, standard error and degrees of freedom).
    public var effect: ComparisonOutcome<EffectEstimate>

    /// Creates an evaluation.
    public init(name: String, role: Role, direction: PreferredDirection, effect: ComparisonOutcome<EffectEstimate>) {
        self.name = name
        self.role = role
        self.direction = direction
        self.effect = effect
    }
}
