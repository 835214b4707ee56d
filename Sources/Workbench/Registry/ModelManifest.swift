/// The contents of `manifest.json`: what a model version is, how it was made and how to use it.
///
/// Format `workbench-manifest/1`, documented in `docs/artifact-format.md`. The SHA-256 of
/// `model.json` and of every other file of the version is listed in `files`; `SHA256SUMS`
/// covers the manifest itself, so `workbench models verify` detects any changed byte.
public struct ModelManifest: Sendable, Codable, Equatable {
    /// The format identifier this code writes.
    public static let currentFormat = "workbench-manifest/1"

    /// One file of the version and its checksum.
    public struct FileEntry: Sendable, Codable, Equatable {
        /// Name inside the version folder.
        public var path: String
        /// Lowercase hex SHA-256 of its bytes.
        public var sha256: String
        /// Size in bytes.
        public var bytes: Int

        /// Creates an entry.
        public init(path: String, sha256: String, bytes: Int) {
            self.path = path
            self.sha256 = sha256
            self.bytes = bytes
        }
    }

    /// The data the model was trained on.
    public struct TrainingData: Sendable, Codable, Equatable {
        /// The path as given on the command line.
        public var path: String
        /// Lowercase hex SHA-256 of the file's bytes.
        public var sha256: String
        /// Data rows in the file.
        public var rows: Int
        /// Rows used for fitting.
        public var trainingRows: Int
        /// Rows held out for validation (metrics and thresholds).
        public var validationRows: Int
        /// How rows were split.
        public var split: String

        enum CodingKeys: String, CodingKey {
            case path, sha256, rows, split
            case trainingRows = "training_rows"
            case validationRows = "validation_rows"
        }

        /// Creates the record.
        public init(path: String, sha256: String, rows: Int, trainingRows: Int, validationRows: Int, split: String) {
            self.path = path
            self.sha256 = sha256
            self.rows = rows
            self.trainingRows = trainingRows
            self.validationRows = validationRows
            self.split = split
        }
    }

    /// `workbench-manifest/1`.
    public var format: String
    /// The model's name (the registry folder).
    public var name: String
    /// The version number, 1, 2, 3, ... per name; never reused.
    public var version: Int
    /// When the version was written, ISO-8601 UTC.
    public var createdAt: String
    /// The workbench version that wrote it.
    public var workbenchVersion: String
    /// `gbdt` or `logistic`.
    public var modelType: ModelArtifact.ModelType
    /// Lowercase hex SHA-256 of `model.json` (also listed in `files`).
    public var modelSHA256: String
    /// Every other file of the version with its checksum (model.json, report.html, report.md).
    public var files: [FileEntry]
    /// The training data's checksum and row counts (absent for imported models).
    public var trainingData: TrainingData?
    /// Hyperparameters as given (after defaults; absent for imported models).
    public var hyperparameters: Hyperparameters?
    /// The input columns and policies.
    public var featureSchema: FeatureSchema
    /// Metrics on the validation split (absent for imported models).
    public var validationMetrics: ValidationMetrics?
    /// Thresholds for the flag service (absent for imported models: no validation data).
    public var decisionPolicy: DecisionPolicy?
    /// Where an imported model came from (absent for models trained here).
    public var importedFrom: ImportSource?

    /// The origin of an imported model.
    public struct ImportSource: Sendable, Codable, Equatable {
        /// The format read, e.g. `lightgbm`.
        public var format: String
        /// The file as named on the command line.
        public var file: String
        /// Lowercase hex SHA-256 of the file's bytes.
        public var sha256: String

        /// Creates the record.
        public init(format: String, file: String, sha256: String) {
            self.format = format
            self.file = file
            self.sha256 = sha256
        }
    }

    enum CodingKeys: String, CodingKey {
        case format, name, version, files, hyperparameters
        case createdAt = "created_at"
        case workbenchVersion = "workbench_version"
        case modelType = "model_type"
        case modelSHA256 = "model_sha256"
        case trainingData = "training_data"
        case featureSchema = "feature_schema"
        case validationMetrics = "validation_metrics"
        case decisionPolicy = "decision_policy"
        case importedFrom = "imported_from"
    }

    /// Creates a manifest.
    public init(
        name: String, version: Int, createdAt: String, modelType: ModelArtifact.ModelType, modelSHA256: String,
        files: [FileEntry], trainingData: TrainingData?, hyperparameters: Hyperparameters?, featureSchema: FeatureSchema,
        validationMetrics: ValidationMetrics?, decisionPolicy: DecisionPolicy?, importedFrom: ImportSource? = nil
    ) {
        format = Self.currentFormat
        self.name = name
        self.version = version
        self.createdAt = createdAt
        workbenchVersion = WorkbenchVersion.current
        self.modelType = modelType
        self.modelSHA256 = modelSHA256
        self.files = files
        self.trainingData = trainingData
        self.hyperparameters = hyperparameters
        self.featureSchema = featureSchema
        self.validationMetrics = validationMetrics
        self.decisionPolicy = decisionPolicy
        self.importedFrom = importedFrom
    }
}
