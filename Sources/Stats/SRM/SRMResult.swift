/// The result of a sample-ratio-mismatch check.
public struct SRMResult: Sendable, Hashable, Codable {
    /// Pearson's chi-square statistic over the arms with positive planned weight.
    public var statistic: Double
    /// Number of kept arms minus one.
    public var degreesOfFreedom: Double
    /// P(chi-square > statistic), in [0, 1].
    public var pValue: Double
    /// Expected counts per input arm (0 for dropped zero-weight arms).
    public var expectedCounts: [Double]
    /// Indices of arms dropped because their planned weight is zero.
    public var droppedArms: [Int]
    /// Units observed in dropped arms; any is a bucketing problem on its own.
    public var unitsInDroppedArms: Double

    /// Creates a result from all of its fields.
    public init(
        statistic: Double, degreesOfFreedom: Double, pValue: Double, expectedCounts: [Double],
        droppedArms: [Int], unitsInDroppedArms: Double
    ) {
        self.statistic = statistic
        self.degreesOfFreedom = degreesOfFreedom
        self.pValue = pValue
        self.expectedCounts = expectedCounts
        self.droppedArms = droppedArms
        self.unitsInDroppedArms = unitsInDroppedArms
    }

    /// Whether the allocation is suspicious at `threshold` (default 0.001, the usual SRM
    /// alarm level, strict because the check runs on every experiment).
    public func isMismatch(threshold: Double = 0.001) -> Bool { pValue < threshold }
}
