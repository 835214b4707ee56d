/// The `gbdt` object of `model.json`: an initial score and trees summed in order.
///
/// Raw score `s = initial_score + tree[0] + tree[1] + ...` (left to right, Double precision);
/// probability `1 / (1 + exp(-s))`.
public struct TreeEnsembleArtifact: Sendable, Codable, Equatable {
    /// Constant added to every raw score (log-odds of the training label mean).
    public var initialScore: Double
    /// The trees in boosting order.
    public var trees: [TreeArtifact]

    /// Creates an ensemble.
    public init(initialScore: Double, trees: [TreeArtifact]) {
        self.initialScore = initialScore
        self.trees = trees
    }

    enum CodingKeys: String, CodingKey {
        case trees
        case initialScore = "initial_score"
    }
}
