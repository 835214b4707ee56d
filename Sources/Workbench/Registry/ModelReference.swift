/// `NAME` or `NAME@VERSION` as typed on the command line.
public struct ModelReference: Sendable, Equatable, CustomStringConvertible {
    /// The model name.
    public var name: String
    /// The version; `nil` means the latest.
    public var version: Int?

    /// Creates a reference.
    public init(name: String, version: Int? = nil) {
        self.name = name
        self.version = version
    }

    /// Parses `NAME` or `NAME@VERSION` (VERSION a positive integer).
    public init(parsing text: String) throws(RegistryError) {
        let parts = text.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = parts.first, !first.isEmpty else { throw .invalidReference(text) }
        name = String(first)
        try ModelRegistry.checkName(name)
        if parts.count == 2 {
            let versionText = parts[1].hasPrefix("v") ? parts[1].dropFirst() : parts[1]
            guard let number = Int(versionText), number >= 1 else { throw .invalidReference(text) }
            version = number
        } else {
            version = nil
        }
    }

    /// `name@version` or `name`.
    public var description: String { version.map { "\(name)@\($0)" } ?? name }
}
