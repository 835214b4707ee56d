/// A spec that cannot be used, located at the offending key.
public struct SpecError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based line and column of the key or value at fault, when known.
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String, line: Int?, column: Int?, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return "\(location): \(message)"
    }
}
