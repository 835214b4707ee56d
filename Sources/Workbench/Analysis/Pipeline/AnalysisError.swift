/// A problem that stops an analysis, with what to do about it.
public struct AnalysisError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
