/// One policy on the frontier.
public struct FrontierRow: Sendable, Equatable, Codable {
    public var policy: String
    /// Median hours to full rollout on good scenarios; `nil` (worst) when none completed.
    public var medianHoursToFullRollout: Double?
    public var falseStopRate: Double
    /// Mean units exposed to the bad treatment, averaged over the regressions; `nil` without regressions.
    public var meanExposedUnitsOnBad: Double?
    /// Whether another policy is at least as good on all three and better on one.
    public var dominated: Bool
    public var dominatedBy: [String]
}
