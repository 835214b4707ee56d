/// A problem with the columns a user asked for in a tabular (CSV) file.
///
/// Problems inside rows are reported as `IngestError` with file, line and column instead.
public struct TabularError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as the user named it.
    public var file: String
    /// What is wrong and what to do, as one sentence.
    public var message: String

    /// Creates an error about `file`.
    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    /// `file: message`.
    public var description: String { "\(file): \(message)" }
}
