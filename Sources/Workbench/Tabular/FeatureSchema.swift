/// The inputs a model expects: feature columns in order, plus the label and weight columns it
/// was trained with, and the documented missing-value and unknown-level policies.
///
/// Written into both `model.json` (as `features`) and `manifest.json` (as `feature_schema`),
/// so a serving component knows how to turn a request into the model's feature vector.
public struct FeatureSchema: Sendable, Codable, Equatable {
    /// The policy text recorded for missing values.
    public static let missingValuePolicy =
        "empty cell or NaN is missing; gbdt routes missing values by each node's default_left (categorical nodes send them right); logistic replaces a missing numeric value by its training mean and a missing categorical value by all-zero indicators"
    /// The policy text recorded for unknown categorical levels.
    public static let unknownLevelPolicy =
        "a categorical value not among the training levels is treated exactly as a missing value"

    /// Feature columns in model order.
    public var features: [FeatureColumn]
    /// The label column used for training (0/1), if any.
    public var target: String?
    /// The sample-weight column used for training, if any.
    public var weight: String?
    /// How missing values are handled (see `missingValuePolicy`).
    public var missingPolicy: String
    /// How unseen categorical levels are handled (see `unknownLevelPolicy`).
    public var unknownLevelPolicy: String

    /// Creates a schema with the standard policies.
    public init(features: [FeatureColumn], target: String? = nil, weight: String? = nil) {
        self.features = features
        self.target = target
        self.weight = weight
        missingPolicy = Self.missingValuePolicy
        unknownLevelPolicy = Self.unknownLevelPolicy
    }

    enum CodingKeys: String, CodingKey {
        case features, target, weight
        case missingPolicy = "missing_policy"
        case unknownLevelPolicy = "unknown_level_policy"
    }

    /// Feature names in model order.
    public var featureNames: [String] { features.map(\.name) }
    /// Indices of the categorical features, ascending.
    public var categoricalIndices: [Int] { features.indices.filter { features[$0].type == .categorical } }
}
