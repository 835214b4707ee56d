/// A metric evaluated off-policy: a mean of one reward variable, or a ratio of the policy
/// values of two (e.g. errors per request = value(errors) / value(requests)).
public struct OffPolicyMetric: Sendable, Equatable, Codable {
    /// The metric's name.
    public var name: String
    /// Reward variable of the numerator (or of the mean).
    public var numerator: Int
    /// Reward variable of the denominator, for a ratio.
    public var denominator: Int?
    /// `true` when higher is better.
    public var increaseIsGood: Bool
    /// Whether the spec marks it as a guardrail.
    public var isGuardrail: Bool

    /// Creates a metric over reward variables of the `LoggedUnits`.
    public init(name: String, numerator: Int, denominator: Int? = nil, increaseIsGood: Bool = true, isGuardrail: Bool = false) {
        self.name = name
        self.numerator = numerator
        self.denominator = denominator
        self.increaseIsGood = increaseIsGood
        self.isGuardrail = isGuardrail
    }

    enum CodingKeys: String, CodingKey {
        case name, numerator, denominator
        case increaseIsGood = "increase_is_good"
        case isGuardrail = "is_guardrail"
    }
}
