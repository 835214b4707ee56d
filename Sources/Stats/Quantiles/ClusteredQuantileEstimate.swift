/// A quantile of per-event values (latency, say) in one arm, with a confidence interval that
/// allows for several events per unit.
public struct ClusteredQuantileEstimate: Sendable, Hashable, Codable {
    /// The probability p of the quantile (0.5 for p50, 0.99 for p99).
    public var probability: Double
    /// The type-7 quantile of all events in the arm.
    public var quantile: Double
    /// Standard error of the quantile: `probabilityStandardError` divided by the density
    /// estimate (p_upper - p_lower) / (upper - lower) from the outer interval; 0 when the
    /// interval is a point.
    public var standardError: Double
    /// Lower end of the outer interval: the type-7 quantile at p - z sigma_F.
    public var lower: Double
    /// Upper end of the outer interval: the type-7 quantile at p + z sigma_F.
    public var upper: Double
    /// The confidence level of `lower ... upper`.
    public var confidenceLevel: Double
    /// sigma_F: the delta-method standard error of the empirical CDF at the quantile, treating
    /// F(q) = sum_units S_i / sum_units N_i as a ratio metric over units (S_i events of unit i at
    /// or below q, N_i events of unit i).
    public var probabilityStandardError: Double
    /// Number of events.
    public var eventCount: Int
    /// Number of units (including units without events).
    public var unitCount: Int
    /// Why the result is degenerate (all values equal), `nil` otherwise.
    public var note: String?
}
