/// A replay or backtest that cannot run on the given data or settings, with what to do.
public struct RolloutError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
