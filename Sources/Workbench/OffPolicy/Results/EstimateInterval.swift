import Stats

/// A point estimate with its seeded, unit-level bootstrap percentile interval, or the reason
/// there is none. Optional numbers (JSON `null`) instead of NaN: an undefined value always
/// carries `undefinedReason`.
public struct EstimateInterval: Sendable, Equatable, Codable {
    /// The estimate on the original data; `nil` when undefined (see `undefinedReason`).
    public var estimate: Double?
    /// Lower end: the type-7 quantile of the defined replicates at (1 - level) / 2.
    public var lower: Double?
    /// Upper end: the type-7 quantile at (1 + level) / 2.
    public var upper: Double?
    /// Standard deviation of the defined replicates (divisor B - 1).
    public var standardError: Double?
    /// Replicates with a defined value (the rest lost support or had a zero denominator).
    public var replicatesUsed: Int
    /// Why the estimate or the interval is missing, or a caveat about it; `nil` when clean.
    public var undefinedReason: String?

    enum CodingKeys: String, CodingKey {
        case estimate, lower, upper
        case standardError = "standard_error"
        case replicatesUsed = "replicates_used"
        case undefinedReason = "undefined_reason"
    }

    /// Builds the interval from the original estimate and the replicate values (NaN entries are
    /// replicates where the statistic was undefined). At least 90% of the replicates must be
    /// defined for an interval. O(B log B).
    init(estimate: Double, reason: String?, replicates: [Double], level: Double) {
        guard reason == nil, estimate.isFinite else {
            self.estimate = nil
            replicatesUsed = 0
            undefinedReason = reason ?? "the estimate is not a finite number"
            return
        }
        self.estimate = estimate
        let defined = replicates.filter(\.isFinite).sorted()
        replicatesUsed = defined.count
        guard !replicates.isEmpty else {
            undefinedReason = "no bootstrap replicates were requested, so there is no interval"
            return
        }
        guard defined.count >= 2, Double(defined.count) >= 0.9 * Double(replicates.count) else {
            undefinedReason = "only \(defined.count) of \(replicates.count) bootstrap replicates had a defined value (support or a denominator was lost in the others); no interval"
            return
        }
        lower = Quantiles.quantile(sorted: defined, (1 - level) / 2)
        upper = Quantiles.quantile(sorted: defined, (1 + level) / 2)
        let mean = defined.reduce(0, +) / Double(defined.count)
        standardError = (defined.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(defined.count - 1)).squareRoot()
        if defined.count < replicates.count {
            undefinedReason = "\(replicates.count - defined.count) of \(replicates.count) replicates were undefined and left out of the interval"
        }
    }
}
