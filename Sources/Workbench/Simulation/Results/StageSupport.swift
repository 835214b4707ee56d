/// Whether the history holds enough exposure for one stage.
public struct StageSupport: Sendable, Equatable, Codable {
    public var percentage: Double
    /// Units (any historical arm) whose real rollout bucket is below the stage.
    public var unitsInHistory: Int
    /// Of those, units with an observed treated outcome (historical treatment).
    public var observedTreatedUnits: Int
    /// observedTreatedUnits / unitsInHistory.
    public var observedShare: Double
    public var minimumExposures: Int
    /// Earliest hours at which this stage can end (sum of dwell times up to it).
    public var earliestEndHours: Double
    public var supported: Bool
    /// Why not, one sentence each (empty when supported).
    public var reasons: [String]
}
