/// Outcomes on one bad scenario (an injected regression).
public struct BadScenarioSummary: Sendable, Equatable, Codable {
    public var regression: String
    public var replicates: Int
    public var stops: Int
    public var detectionRate: Double
    public var detectionInterval: [Double]
    /// Replicates that reached full rollout with the regression.
    public var missed: Int
    /// Over the stopped replicates.
    public var hoursToStop: Distribution?
    /// Units exposed to the bad treatment before the rollback (or the end of the history).
    public var exposedUnits: Distribution
    /// Harm done to all exposed units (see `harmUnit`): expected extra events, extra value or lost events.
    public var harm: Distribution
    public var harmUnit: String
}
