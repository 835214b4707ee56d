/// The ship / do-not-ship decision with the reasons behind it.
public struct ShipDecision: Sendable, Hashable, Codable {
    /// True only if at least one success metric improved significantly and every guardrail
    /// is significantly non-inferior.
    public var shouldShip: Bool
    /// One human-readable sentence per metric (and one summary first).
    public var reasons: [String]
    /// The level used for each success-metric test: alpha / (number of success metrics).
    public var successAlpha: Double
    /// The level used for each guardrail test: alpha (no split, see `Guardrails.decide`).
    public var guardrailAlpha: Double
    /// The power each single test must be planned for so that the whole decision has the
    /// requested power: 1 - (1 - power) / (guardrails + 1). For sample-size planning.
    public var plannedPowerPerTest: Double

    /// Creates a decision from all of its fields.
    public init(shouldShip: Bool, reasons: [String], successAlpha: Double, guardrailAlpha: Double, plannedPowerPerTest: Double) {
        self.shouldShip = shouldShip
        self.reasons = reasons
        self.successAlpha = successAlpha
        self.guardrailAlpha = guardrailAlpha
        self.plannedPowerPerTest = plannedPowerPerTest
    }
}
