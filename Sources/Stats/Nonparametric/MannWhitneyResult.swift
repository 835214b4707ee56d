/// The outcome of a Mann-Whitney U (Wilcoxon rank-sum) test.
public struct MannWhitneyResult: Sendable, Hashable, Codable {
    /// How the p-value was computed.
    public enum Method: String, Sendable, Hashable, Codable {
        /// From the exact null distribution of U (no ties).
        case exact
        /// From the normal approximation with the tie-corrected variance.
        case asymptotic
    }

    /// U of the treatment sample: the number of (treatment, control) pairs with the treatment
    /// value larger, ties counting one half. Ranges over 0 ... m n; m n / 2 under the null.
    public var statistic: Double
    /// The p-value for the requested alternative, in [0, 1].
    public var pValue: Double
    /// The standardized statistic (z) of the normal approximation, `nil` for the exact method.
    public var zScore: Double?
    /// The method used.
    public var method: Method
    /// U / (m n): the probability that a random treatment value exceeds a random control value
    /// (ties one half), the common-language effect size.
    public var probabilityOfSuperiority: Double
    /// Why the result is degenerate (for example all values tied), `nil` otherwise.
    public var note: String?
}
