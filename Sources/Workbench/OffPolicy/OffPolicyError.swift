/// A user-caused problem with an off-policy evaluation: the message says what is wrong and
/// what to do.
public struct OffPolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The sentence shown to the user.
    public var message: String

    /// Creates an error with a message that names the problem and the fix.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}
