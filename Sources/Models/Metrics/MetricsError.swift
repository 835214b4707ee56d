/// Problems with the inputs of a classification metric, each explaining what to change.
///
/// Indices are 0-based positions in the arrays the caller passed.
public enum MetricsError: Error, Sendable, Equatable {
    /// Two arrays that must pair up element by element have different lengths.
    case lengthMismatch(name: String, expected: Int, actual: Int)
    /// No observations (or only zero-weight observations) were given.
    case empty
    /// A label is not exactly 0 or 1.
    case invalidLabel(index: Int, value: Double)
    /// A score is NaN or infinite.
    case nonFiniteScore(index: Int, value: Double)
    /// A probability lies outside [0, 1] (or is NaN).
    case probabilityOutOfRange(index: Int, value: Double)
    /// A sample weight is negative, NaN or infinite.
    case invalidWeight(index: Int, value: Double)
    /// The metric needs both classes but only one has positive total weight.
    case singleClass(presentLabel: Double)
    /// The metric needs at least one positive (label 1) with positive weight.
    case noPositiveLabels
    /// A parameter such as a bin count or rollout share is outside its range.
    case invalidParameter(name: String, value: Double, allowed: String)
}

extension MetricsError: CustomStringConvertible {
    /// A sentence saying what is wrong with the input and how to fix it.
    public var description: String {
        switch self {
        case let .lengthMismatch(name, expected, actual):
            return "\(name) has \(actual) elements but the labels have \(expected); pass one value per observation."
        case .empty:
            return "No observations with positive weight were given; pass at least one labelled observation."
        case let .invalidLabel(index, value):
            return "Label \(value) at index \(index) is not 0 or 1; encode the positive class as 1 and the negative class as 0."
        case let .nonFiniteScore(index, value):
            return "Score \(value) at index \(index) is not finite; drop or impute rows whose model score is NaN or infinite."
        case let .probabilityOutOfRange(index, value):
            return "Probability \(value) at index \(index) is outside [0, 1]; pass calibrated probabilities, not raw margins."
        case let .invalidWeight(index, value):
            return "Sample weight \(value) at index \(index) is negative or not finite; weights must be finite and >= 0."
        case let .singleClass(presentLabel):
            return "Only label \(presentLabel) is present (with positive weight); this metric needs both classes, so evaluate on a sample containing positives and negatives."
        case .noPositiveLabels:
            return "No positive labels (with positive weight) are present; this metric is undefined without positives."
        case let .invalidParameter(name, value, allowed):
            return "\(name) = \(value) is not allowed; use \(allowed)."
        }
    }
}
