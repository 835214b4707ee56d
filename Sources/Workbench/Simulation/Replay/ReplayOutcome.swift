/// What one staged rollout did in one scenario.
public struct ReplayOutcome: Sendable, Equatable, Codable {
    /// Hours from the start to full rollout (the last stage), `nil` if it never got there.
    public var fullRolloutHours: Double?
    /// Hours from the start to the stop decision, `nil` if the guardrail never fired.
    public var stopHours: Double?
    /// The rollout percentage live when it stopped.
    public var stoppedAtPercentage: Double?
    /// The guardrail metrics that fired at the stop.
    public var alarmingMetrics: [String]
    /// Neither full rollout nor a stop before the history ran out.
    public var censored: Bool
    /// Hours from the start at which each stage began (index = stage); stages never reached are absent.
    public var stageStartHours: [Double]
    /// Units exposed to the treatment until the rollback took effect (stop + latency), or
    /// until the end of the history when it was not stopped.
    public var exposedUnits: Int
    /// Harm the injected regression did to every exposed unit over the same span, from its
    /// onset: expected extra events (error rate), extra value (latency ms) or lost events
    /// (conversions); see ``RegressionScenario``. `nil` without a regression.
    public var harm: Double?
}
