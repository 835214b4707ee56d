/// Problems with the data or settings of a logistic-regression fit, each saying what to do.
///
/// Row and column indices are 0-based.
public enum LogisticRegressionError: Error, Sendable, Equatable {
    /// `labels` or `weights` do not have one entry per row of the feature matrix.
    case lengthMismatch(name: String, expected: Int, actual: Int)
    /// The feature matrix has no rows, or every row has zero weight.
    case empty
    /// A label is not exactly 0 or 1.
    case invalidLabel(row: Int, value: Double)
    /// A sample weight is negative, NaN or infinite.
    case invalidWeight(row: Int, value: Double)
    /// A feature value is NaN or infinite.
    case nonFiniteFeature(row: Int, column: Int, value: Double)
    /// Only one class has positive weight, so there is nothing to separate.
    case singleClass(presentLabel: Double)
    /// An unpenalised fit has a constant feature, which duplicates the intercept.
    case constantFeature(column: Int)
    /// A setting is outside its range.
    case invalidParameter(name: String, value: Double, allowed: String)
    /// The weighted Hessian X^T W X could not be factorised even though no separation was
    /// detected: the features are (numerically) collinear.
    case collinearFeatures(LinearAlgebraError)
}

extension LogisticRegressionError: CustomStringConvertible {
    /// A sentence saying what is wrong and what to do about it.
    public var description: String {
        switch self {
        case let .lengthMismatch(name, expected, actual):
            return "\(name) has \(actual) entries but the feature matrix has \(expected) rows; pass one per row."
        case .empty:
            return "No rows with positive weight; a logistic regression needs data."
        case let .invalidLabel(row, value):
            return "Label \(value) in row \(row) is not 0 or 1; encode the positive class as 1."
        case let .invalidWeight(row, value):
            return "Weight \(value) in row \(row) is negative or not finite; weights must be finite and >= 0."
        case let .nonFiniteFeature(row, column, value):
            return "Feature \(column) in row \(row) is \(value); impute or drop non-finite values before fitting."
        case let .singleClass(presentLabel):
            return "Every row with positive weight has label \(presentLabel); the model needs both classes."
        case let .constantFeature(column):
            return "Feature \(column) is constant, which duplicates the intercept in an unpenalised fit; drop it or use an L2 penalty."
        case let .invalidParameter(name, value, allowed):
            return "\(name) = \(value) is not allowed; use \(allowed)."
        case let .collinearFeatures(error):
            return "The features are collinear, so the coefficients are not identified (\(error)); drop redundant features or use an L2 penalty."
        }
    }
}
