/// Problems with the parameters or the output folder of `workbench generate`, each with a
/// sentence telling the user what to change.
public enum GeneratorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A parameter is outside its allowed range; `reason` names the option and the range.
    case invalidParameter(name: String, reason: String)
    /// A date is not a valid `YYYY-MM-DD` calendar date.
    case invalidDate(String)
    /// A per-variant list has the wrong number of entries.
    case listLengthMismatch(name: String, expected: String, actual: Int)
    /// A file or folder could not be created or written; `reason` is the system's message.
    case cannotWrite(path: String, reason: String)

    /// The message shown to the user: what is wrong and what to do.
    public var description: String {
        switch self {
        case .invalidParameter(let name, let reason):
            return "Invalid \(name): \(reason)."
        case .invalidDate(let text):
            return "Invalid date '\(text)': write a calendar date as YYYY-MM-DD, e.g. 2026-01-05."
        case .listLengthMismatch(let name, let expected, let actual):
            return "\(name) has \(actual) values but needs \(expected): give one value per variant, separated by commas."
        case .cannotWrite(let path, let reason):
            // System messages often end with a period already.
            let trimmed = reason.hasSuffix(".") ? String(reason.dropLast()) : reason
            return "Cannot write \(path): \(trimmed). Check that the folder exists or can be created and is writable."
        }
    }
}
