/// What a reader does with a malformed row.
public enum BadRowPolicy: String, Sendable, Codable, CaseIterable {
    /// Stop at the first malformed row with an error naming file, line, column and reason.
    /// The default: nothing is ever dropped without the user choosing so.
    case stop
    /// Skip malformed rows, counting them by reason (and keeping the first few as examples)
    /// for the report's data-quality section.
    case skip
}
