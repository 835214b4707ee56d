/// A report file could not be written.
public struct ReportWriteError: Error, CustomStringConvertible, Sendable {
    /// The file or folder that failed.
    public var path: String
    /// What the system said.
    public var reason: String

    public var description: String {
        "Could not write the report to \(path): \(reason). Choose an output folder you can write to (for example with --output)."
    }
}
