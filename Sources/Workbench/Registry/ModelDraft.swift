import Foundation

/// A trained model ready to be published as a new version.
public struct ModelDraft: Sendable {
    /// The model name (registry folder).
    public var name: String
    /// The model itself.
    public var artifact: ModelArtifact
    /// The training data's checksum and counts (nil for imported models).
    public var trainingData: ModelManifest.TrainingData?
    /// The training settings (nil for imported models).
    public var hyperparameters: Hyperparameters?
    /// The input schema.
    public var featureSchema: FeatureSchema
    /// Validation-split metrics (nil for imported models).
    public var validationMetrics: ValidationMetrics?
    /// The thresholds for the flag service (nil for imported models).
    public var decisionPolicy: DecisionPolicy?
    /// The origin of an imported model.
    public var importedFrom: ModelManifest.ImportSource?
    /// Renders extra files (e.g. `report.html`, `report.md`) from the manifest as it will be
    /// written (version, checksum of model.json known; the report entries not yet listed).
    public var renderFiles: @Sendable (ModelManifest) -> [(name: String, contents: Data)]

    /// Creates a draft.
    public init(
        name: String, artifact: ModelArtifact, trainingData: ModelManifest.TrainingData?, hyperparameters: Hyperparameters?,
        featureSchema: FeatureSchema, validationMetrics: ValidationMetrics?, decisionPolicy: DecisionPolicy?,
        importedFrom: ModelManifest.ImportSource? = nil,
        renderFiles: @escaping @Sendable (ModelManifest) -> [(name: String, contents: Data)] = { _ in [] }
    ) {
        self.name = name
        self.artifact = artifact
        self.trainingData = trainingData
        self.hyperparameters = hyperparameters
        self.featureSchema = featureSchema
        self.validationMetrics = validationMetrics
        self.decisionPolicy = decisionPolicy
        self.importedFrom = importedFrom
        self.renderFiles = renderFiles
    }
}
