/// Problems with the inputs of an SRM check that the user must fix.
public enum SRMInputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The number of observed counts and planned weights differ.
    case lengthMismatch(counts: Int, weights: Int)
    /// A planned weight is negative, NaN or infinite.
    case invalidWeight(index: Int, value: Double)
    /// An observed count is negative, NaN or infinite.
    case invalidCount(index: Int, value: Double)

    /// What went wrong and what to do.
    public var description: String {
        switch self {
        case let .lengthMismatch(counts, weights):
            return "SRM check got \(counts) observed counts but \(weights) planned weights; give one weight per arm, in the same order"
        case let .invalidWeight(index, value):
            return "SRM check: planned weight \(value) of arm \(index) is not a finite number >= 0; fix the experiment's traffic split"
        case let .invalidCount(index, value):
            return "SRM check: observed count \(value) of arm \(index) is not a finite number >= 0; check the exposure export"
        }
    }
}
