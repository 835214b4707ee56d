/// A problem with how the audit was asked for, with a sentence saying what to do.
public struct AuditError: Error, Sendable, CustomStringConvertible, Equatable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
