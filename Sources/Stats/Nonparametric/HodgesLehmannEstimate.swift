/// The Hodges-Lehmann shift between two samples with its distribution-free confidence interval.
public struct HodgesLehmannEstimate: Sendable, Hashable, Codable {
    /// How the order statistics bounding the interval were chosen.
    public enum IntervalMethod: String, Sendable, Hashable, Codable {
        /// From the exact null distribution of U (no ties, both samples below 50 values).
        case exact
        /// From the normal approximation of U with tie and continuity corrections.
        case asymptotic
    }

    /// The median of the m n pairwise differences treatment_j - control_i (mean of the two
    /// middle ones when m n is even), in the metric's units.
    public var shift: Double
    /// Lower end of the interval: the k-th smallest pairwise difference.
    public var lower: Double
    /// Upper end of the interval: the (m n + 1 - k)-th smallest pairwise difference.
    public var upper: Double
    /// k, the 1-based rank of the lower end among the sorted pairwise differences.
    public var lowerRank: Int
    /// The requested confidence level.
    public var confidenceLevel: Double
    /// The coverage the chosen order statistics actually give under the null distribution of U,
    /// 1 - 2 P(U <= k - 1) (exact) or its normal approximation; >= the requested level except
    /// when even k = 1 is too narrow (tiny samples), which is then said in `note`.
    public var achievedConfidenceLevel: Double
    /// How k was chosen.
    public var intervalMethod: IntervalMethod
    /// Why the result is degenerate (tiny samples, all values tied), `nil` otherwise.
    public var note: String?
}
