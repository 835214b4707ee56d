import Models

/// Why training could not produce a model, with what to do.
public enum TrainingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An option is out of range.
    case invalidOption(option: String, allowed: String)
    /// The training or validation split lacks one of the classes.
    case singleClass(split: String, rows: Int)
    /// Too few rows to hold out a validation split.
    case tooFewRows(rows: Int)
    /// The learner rejected the data.
    case learner(String)

    /// One sentence for the user.
    public var description: String {
        switch self {
        case .invalidOption(let option, let allowed):
            return "\(option) must be \(allowed)."
        case .singleClass(let split, let rows):
            return "The \(split) split (\(rows) rows) has only one label value; the data needs both 0 and 1 labels (change --validation-fraction or add data)."
        case .tooFewRows(let rows):
            return "\(rows) rows are too few to train and validate; at least 10 rows with both labels are needed."
        case .learner(let message):
            return message
        }
    }
}
