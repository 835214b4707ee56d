/// Problems with the inputs of a rank test or rank-based estimate, each with what to do.
public enum RankTestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One of the samples is empty.
    case emptySample(name: String)
    /// A value is NaN or infinite.
    case nonFiniteValue(sample: String, index: Int, value: Double)
    /// A value is so large (above 8.9e307) that differences of values could overflow.
    case valuesTooLarge(Double)
    /// The exact null distribution was requested for samples with ties, where it does not apply.
    case exactWithTies
    /// The exact null distribution was requested for samples too large to enumerate quickly.
    case exactTooLarge(firstCount: Int, secondCount: Int)
    /// The confidence level is outside (0, 1).
    case invalidConfidenceLevel(Double)

    /// What went wrong, with the offending value, and what to do about it.
    public var description: String {
        switch self {
        case .emptySample(let name):
            return "the \(name) sample is empty; a rank test needs at least one value in each arm."
        case .nonFiniteValue(let sample, let index, let value):
            return "value #\(index) of the \(sample) sample is \(value); drop or impute non-finite values first."
        case .valuesTooLarge(let value):
            return "a value has magnitude \(value); rescale the metric (for example to thousands) so that differences of values stay finite."
        case .exactWithTies:
            return "the samples contain ties, so the exact (tie-free) null distribution does not apply; use the asymptotic method."
        case .exactTooLarge(let first, let second):
            return "the exact null distribution for \(first) x \(second) pairs is too large to enumerate (limits: m n <= \(MannWhitneyNullDistribution.maximumExactPairs), or a sample of at most 8 values and m n <= \(MannWhitneyNullDistribution.maximumProductPairs)); use the asymptotic method."
        case .invalidConfidenceLevel(let level):
            return "confidence level is \(level); pass a level strictly between 0 and 1 (for example 0.95)."
        }
    }
}
