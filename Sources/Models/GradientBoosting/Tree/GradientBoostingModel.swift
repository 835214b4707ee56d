/// A trained gradient-boosted tree ensemble: initial score plus trees, and the link function.
///
/// **Raw score** of a row: `initialScore + trees[0].output + trees[1].output + ...`, summed in
/// tree order in Double precision. **Prediction:** `objective.transform(rawScore:)`, the
/// sigmoid `1/(1+exp(-s))` for binary logloss (a probability of label 1), identity for squared
/// error. Tree decisions are documented on `RegressionTree` (`x <= threshold` goes left, NaN
/// follows `defaultLeft`, categorical codes in `leftCategories` go left).
///
/// The type is `Codable` with plain arrays, so a serving component can load it without
/// executing code. Unlike LightGBM, the initial score is kept separate rather than folded
/// into the first tree's leaves.
public struct GradientBoostingModel: Sendable, Codable, Equatable {
    /// The objective the model was trained for; fixes the link function.
    public var objective: GradientBoostingObjective
    /// Constant added to every raw score (log-odds of the label mean for binary logloss).
    public var initialScore: Double
    /// The trees, in boosting order.
    public var trees: [RegressionTree]
    /// Feature column names, in column order.
    public var featureNames: [String]
    /// Categorical feature columns, ascending.
    public var categoricalFeatures: [Int]
    /// Validation loss after each boosting round (empty without a validation set).
    public var validationLossHistory: [Double]
    /// With early stopping: the number of trees kept (the round with the best validation loss).
    public var bestIteration: Int?

    /// Creates a model from its parts (used by the trainer and by importers).
    public init(
        objective: GradientBoostingObjective, initialScore: Double, trees: [RegressionTree],
        featureNames: [String], categoricalFeatures: [Int] = [],
        validationLossHistory: [Double] = [], bestIteration: Int? = nil
    ) {
        self.objective = objective
        self.initialScore = initialScore
        self.trees = trees
        self.featureNames = featureNames
        self.categoricalFeatures = categoricalFeatures
        self.validationLossHistory = validationLossHistory
        self.bestIteration = bestIteration
    }

    /// Decodes a model and validates every tree (see `RegressionTree.validate(featureCount:)`),
    /// so a corrupt or hand-edited file fails here with a `DecodingError` rather than
    /// trapping at prediction.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        objective = try container.decode(GradientBoostingObjective.self, forKey: .objective)
        initialScore = try container.decode(Double.self, forKey: .initialScore)
        trees = try container.decode([RegressionTree].self, forKey: .trees)
        featureNames = try container.decode([String].self, forKey: .featureNames)
        categoricalFeatures = try container.decodeIfPresent([Int].self, forKey: .categoricalFeatures) ?? []
        validationLossHistory = try container.decodeIfPresent([Double].self, forKey: .validationLossHistory) ?? []
        bestIteration = try container.decodeIfPresent(Int.self, forKey: .bestIteration)
        for (index, tree) in trees.enumerated() {
            do {
                try tree.validate(featureCount: featureNames.count)
            } catch {
                let reason: String
                if case let .malformedTree(_, detail) = error { reason = detail } else { reason = error.description }
                throw DecodingError.dataCorrupted(DecodingError.Context(
                    codingPath: container.codingPath + [CodingKeys.trees],
                    debugDescription: GradientBoostingError.malformedTree(index: index, reason: reason).description))
            }
        }
    }

    /// Number of feature columns the model expects.
    public var featureCount: Int { featureNames.count }

    /// Raw score of one row given as a full feature vector (NaN = missing). O(trees x depth).
    public func rawScore(features: [Double]) -> Double {
        precondition(features.count == featureCount, "row has \(features.count) features, model expects \(featureCount)")
        var score = initialScore
        for tree in trees { score += tree.output(features: features) }
        return score
    }

    /// Prediction (probability for binary logloss) of one row.
    public func prediction(features: [Double]) -> Double {
        objective.transform(rawScore: rawScore(features: features))
    }
}
