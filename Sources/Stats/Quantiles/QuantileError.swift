/// Problems with the inputs of a quantile calculation, each with what to do.
public enum QuantileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// There are no values (or no events in an arm).
    case empty(String)
    /// A value is NaN or infinite.
    case nonFiniteValue(index: Int, value: Double)
    /// The probability is outside [0, 1].
    case invalidProbability(Double)
    /// The confidence level is outside (0, 1).
    case invalidConfidenceLevel(Double)
    /// Fewer than two units: the between-unit variance cannot be estimated.
    case tooFewUnits(arm: String, units: Int)
    /// The number of bootstrap replicates is too small for the requested level.
    case tooFewReplicates(Int)

    /// What went wrong, with the offending value, and what to do about it.
    public var description: String {
        switch self {
        case .empty(let what):
            return "\(what) has no values; a quantile needs at least one value."
        case .nonFiniteValue(let index, let value):
            return "value #\(index) is \(value); drop or cap non-finite values before taking quantiles."
        case .invalidProbability(let p):
            return "probability is \(p); pass a value in [0, 1] (0.5 for the median, 0.99 for p99)."
        case .invalidConfidenceLevel(let level):
            return "confidence level is \(level); pass a level strictly between 0 and 1 (for example 0.95)."
        case .tooFewUnits(let arm, let units):
            return "the \(arm) arm has \(units) unit(s) with events; at least 2 are needed to estimate the between-unit variance."
        case .tooFewReplicates(let count):
            return "\(count) bootstrap replicates are too few; use at least 100 (1,000 or more for 95% intervals)."
        }
    }
}
