/// One policy's results.
public struct PolicyResult: Sendable, Equatable, Codable {
    public var name: String
    public var stages: [Double]
    public var dwellHours: [Double]
    public var minimumExposures: [Int]
    public var rule: String
    public var ruleParameters: String
    /// Looks with fewer units in either arm are not judged.
    public var minimumUnitsPerArm: Int
    public var advanceRequiresNonInferiority: Bool
    /// Per stage before the last: whether the history can support it.
    public var support: [StageSupport]
    /// The policy replayed on the real history (real buckets, real arms).
    public var realHistory: ReplayOutcome
    /// A/A replicates: no true effect, so every stop is a false stop.
    public var good: GoodScenarioSummary
    /// One summary per injected regression.
    public var bad: [BadScenarioSummary]
}
