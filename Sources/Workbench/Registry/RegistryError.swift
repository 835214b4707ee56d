/// A registry operation that cannot proceed, with what to do about it.
public enum RegistryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A model name with characters that are not allowed in a folder name.
    case invalidName(String)
    /// A `NAME@VERSION` reference that cannot be read.
    case invalidReference(String)
    /// No model of this name in the registry.
    case unknownModel(name: String, registry: String, known: [String])
    /// No such version of the model.
    case unknownVersion(name: String, version: Int, known: [Int])
    /// The version folder already exists: versions are immutable.
    case versionExists(path: String)
    /// A file of a version is missing or unreadable.
    case unreadable(path: String, reason: String)
    /// `model.json` does not match the checksum in `manifest.json`.
    case checksumMismatch(path: String, expected: String, actual: String)
    /// Writing the version failed; nothing was published.
    case writeFailed(path: String, reason: String)

    /// One sentence for the user.
    public var description: String {
        switch self {
        case .invalidName(let name):
            return "\"\(name)\" is not a valid model name; use letters, digits, '.', '_' and '-' (starting with a letter or digit, at most 100 characters)."
        case .invalidReference(let text):
            return "\"\(text)\" is not a model reference; write NAME or NAME@VERSION, e.g. churn@3."
        case .unknownModel(let name, let registry, let known):
            let list = known.isEmpty ? "the registry is empty" : "it has: \(known.joined(separator: ", "))"
            return "No model named \"\(name)\" in \(registry) (\(list)); train one with `workbench train --name \(name)`."
        case .unknownVersion(let name, let version, let known):
            return "\(name) has no version \(version); its versions are \(known.map(String.init).joined(separator: ", "))."
        case .versionExists(let path):
            return "\(path) already exists; versions are immutable, so a new version gets a new number."
        case .unreadable(let path, let reason):
            return "Cannot read \(path): \(reason); run `workbench models verify` to check the version."
        case .checksumMismatch(let path, let expected, let actual):
            return "\(path) has SHA-256 \(actual) but its manifest records \(expected); the file was changed after it was written, so it is not loaded (run `workbench models verify`)."
        case .writeFailed(let path, let reason):
            return "Could not write \(path): \(reason); no version was published."
        }
    }
}
