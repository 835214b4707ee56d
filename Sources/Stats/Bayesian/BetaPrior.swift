/// Beta(alpha, beta) prior on a proportion; Beta(1, 1) is uniform.
public struct BetaPrior: Sendable, Hashable, Codable {
    /// Prior successes + 1 in the usual reading; > 0.
    public var alpha: Double
    /// Prior failures + 1 in the usual reading; > 0.
    public var beta: Double

    /// Creates a prior; both parameters must be > 0.
    public init(alpha: Double, beta: Double) {
        precondition(alpha > 0 && beta > 0, "Beta prior needs alpha > 0 and beta > 0, got \(alpha), \(beta)")
        self.alpha = alpha
        self.beta = beta
    }

    /// The uniform prior Beta(1, 1).
    public static let uniform = BetaPrior(alpha: 1, beta: 1)
}
