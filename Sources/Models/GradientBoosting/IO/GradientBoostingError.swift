/// Problems with the data or parameters handed to the gradient-boosting learner.
///
/// Each case carries enough context to say what to fix; `description` is a full sentence.
public enum GradientBoostingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The column-major feature buffer does not hold `rowCount * featureCount` values.
    case shapeMismatch(expectedValues: Int, actualValues: Int)
    /// A per-row array (labels, weights) has the wrong length.
    case lengthMismatch(name: String, expected: Int, actual: Int)
    /// The dataset has no rows.
    case emptyDataset
    /// A label is not usable for the objective (e.g. not 0/1 for binary logloss, or not finite).
    case invalidLabel(row: Int, value: Double)
    /// A sample weight is negative or not finite, or all weights are zero.
    case invalidWeight(row: Int, value: Double)
    /// A categorical feature holds a value that is not a non-negative integer code (NaN is allowed: missing).
    case invalidCategory(feature: Int, row: Int, value: Double)
    /// A categorical feature index is outside `0..<featureCount`.
    case categoricalFeatureOutOfRange(feature: Int, featureCount: Int)
    /// The number of feature names differs from the number of features.
    case featureNameCountMismatch(expected: Int, actual: Int)
    /// A parameter is outside its documented range.
    case invalidParameter(name: String, value: Double, allowed: String)
    /// Validation and training data have different feature counts.
    case validationFeatureMismatch(training: Int, validation: Int)
    /// A decoded model's tree is structurally invalid (inconsistent arrays, bad references).
    case malformedTree(index: Int, reason: String)

    /// A sentence saying what is wrong and what to do about it.
    public var description: String {
        switch self {
        case let .shapeMismatch(expected, actual):
            return "The feature buffer holds \(actual) values but rowCount x featureCount is \(expected); pass the features column-major, one full column after another."
        case let .lengthMismatch(name, expected, actual):
            return "\(name) has \(actual) entries but the dataset has \(expected) rows; pass one \(name) value per row."
        case .emptyDataset:
            return "The dataset has no rows; training needs at least one labelled row."
        case let .invalidLabel(row, value):
            return "Label \(value) at row \(row) is not valid for the objective; binary logloss needs 0 or 1, squared error needs a finite number."
        case let .invalidWeight(row, value):
            return "Sample weight \(value) at row \(row) is not a finite non-negative number (or all weights are zero); fix or drop the weights."
        case let .invalidCategory(feature, row, value):
            return "Categorical feature \(feature) has value \(value) at row \(row); categorical values must be non-negative integer codes (NaN for missing), so encode the levels first."
        case let .categoricalFeatureOutOfRange(feature, featureCount):
            return "Categorical feature index \(feature) is outside 0..<\(featureCount); list only existing feature columns."
        case let .featureNameCountMismatch(expected, actual):
            return "Got \(actual) feature names for \(expected) features; pass one name per feature column."
        case let .invalidParameter(name, value, allowed):
            return "Parameter \(name) = \(value) is out of range; allowed: \(allowed)."
        case let .malformedTree(index, reason):
            return "Tree \(index) of the model is malformed: \(reason); re-export the model from a trusted trainer."
        case let .validationFeatureMismatch(training, validation):
            return "The validation set has \(validation) features but the training set has \(training); use the same columns in the same order."
        }
    }
}
