/// What `ModelRegistry.verify` found for one version.
public struct VerificationReport: Sendable, Equatable {
    /// The version folder.
    public var path: String
    /// Files whose checksum matched.
    public var verifiedFiles: [String]
    /// Every problem found, one sentence each; empty when the version is intact.
    public var problems: [String]

    /// Whether every check passed.
    public var isIntact: Bool { problems.isEmpty }
}
