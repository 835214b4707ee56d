/// Outcomes on good (A/A) scenarios.
public struct GoodScenarioSummary: Sendable, Equatable, Codable {
    public var replicates: Int
    public var fullRollouts: Int
    public var falseStops: Int
    /// Neither stopped nor fully rolled out when the history ended.
    public var censored: Int
    /// Over the replicates that reached full rollout; `nil` when none did.
    public var hoursToFullRollout: Distribution?
    public var falseStopRate: Double
    public var falseStopInterval: [Double]
}
