/// The contents of `model.json`: everything needed to score a row, as plain JSON data.
///
/// Format `workbench-model/1`, specified field by field in `docs/artifact-format.md`. Exactly
/// one of `gbdt` and `logistic` is present, matching `modelType`. Loading never executes
/// anything: it is `JSONDecoder` plus `validate()` (supported format, indices in range, trees
/// acyclic, every number finite). The file holds no timestamps, so the same data and seed give
/// byte-identical files (see `CanonicalJSON`).
public struct ModelArtifact: Sendable, Codable, Equatable {
    /// The format identifier this code writes and reads.
    public static let currentFormat = "workbench-model/1"

    /// The two model families.
    public enum ModelType: String, Sendable, Codable, Equatable, CaseIterable {
        /// Gradient-boosted trees with a logistic link.
        case gbdt
        /// Logistic regression.
        case logistic
    }

    /// Always `workbench-model/1` for files this version writes.
    public var format: String
    /// Which model family; fixes which of `gbdt`/`logistic` is present.
    public var modelType: ModelType
    /// The input columns in the order the model indexes them.
    public var features: [FeatureColumn]
    /// The link from raw score to probability; always `"logistic"` (`1 / (1 + exp(-s))`).
    public var link: String
    /// The tree ensemble, for `modelType == .gbdt`.
    public var gbdt: TreeEnsembleArtifact?
    /// The coefficients, for `modelType == .logistic`.
    public var logistic: LogisticArtifact?

    /// Creates an artifact; call `validate()` before trusting one built from outside data.
    public init(modelType: ModelType, features: [FeatureColumn], gbdt: TreeEnsembleArtifact? = nil, logistic: LogisticArtifact? = nil) {
        format = Self.currentFormat
        self.modelType = modelType
        self.features = features
        link = "logistic"
        self.gbdt = gbdt
        self.logistic = logistic
    }

    enum CodingKeys: String, CodingKey {
        case format, features, link, gbdt, logistic
        case modelType = "model_type"
    }
}
