/// The training settings recorded in a manifest; fields that do not apply to the model type are absent.
public struct Hyperparameters: Sendable, Codable, Equatable {
    /// Seed of the validation split and of the learner.
    public var seed: UInt64
    /// Share of rows held out for validation, in (0, 1).
    public var validationFraction: Double
    /// GBDT: boosting rounds requested.
    public var trees: Int?
    /// GBDT: trees kept (after early stopping).
    public var treesKept: Int?
    /// GBDT: maximum leaves per tree.
    public var leaves: Int?
    /// GBDT: shrinkage.
    public var learningRate: Double?
    /// GBDT: value bins per feature.
    public var maxBins: Int?
    /// GBDT: minimum rows per leaf.
    public var minDataInLeaf: Int?
    /// GBDT: L2 penalty on leaf values.
    public var lambdaL2: Double?
    /// GBDT: early-stopping patience in rounds (absent = none).
    public var earlyStoppingRounds: Int?
    /// Logistic: inverse L2 strength C (absent = unpenalised maximum likelihood).
    public var inverseRegularization: Double?

    enum CodingKeys: String, CodingKey {
        case seed, trees, leaves
        case validationFraction = "validation_fraction"
        case treesKept = "trees_kept"
        case learningRate = "learning_rate"
        case maxBins = "max_bins"
        case minDataInLeaf = "min_data_in_leaf"
        case lambdaL2 = "lambda_l2"
        case earlyStoppingRounds = "early_stopping_rounds"
        case inverseRegularization = "C"
    }

    /// Settings with only the split recorded.
    public init(seed: UInt64, validationFraction: Double) {
        self.seed = seed
        self.validationFraction = validationFraction
    }
}
