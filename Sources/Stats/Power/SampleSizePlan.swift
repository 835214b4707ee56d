/// A sample size that reaches a target power.
public struct SampleSizePlan: Sendable, Hashable, Codable {
    /// The real-valued control count at which the power equals the target exactly
    /// (statsmodels `solve_power(nobs1=None)`).
    public var exactControlCount: Double
    /// Control units: `exactControlCount` rounded up.
    public var controlCount: Int
    /// Treatment units: allocationRatio * exactControlCount rounded up.
    public var treatmentCount: Int
    /// controlCount + treatmentCount.
    public var totalCount: Int
    /// The power at the rounded counts (>= the target).
    public var achievedPower: Double
}
