/// Why a `model.json` was rejected on load.
public struct ArtifactValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where in the file (a JSON-pointer-like path, e.g. `gbdt.trees[3].left_child[7]`).
    public var location: String
    /// What is wrong.
    public var problem: String

    /// Creates an error.
    public init(location: String, problem: String) {
        self.location = location
        self.problem = problem
    }

    /// One sentence for the user.
    public var description: String {
        "model.json is invalid at \(location): \(problem); the file was not written by a compatible workbench or was modified (run `workbench models verify`)"
    }
}
