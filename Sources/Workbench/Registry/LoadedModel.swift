/// A model version read back from the registry, checksum-checked and validated.
public struct LoadedModel: Sendable {
    /// The version folder.
    public var path: String
    /// The manifest.
    public var manifest: ModelManifest
    /// The model.
    public var artifact: ModelArtifact
}
