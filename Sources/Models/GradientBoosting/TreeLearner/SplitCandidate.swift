/// Sums of gradient, hessian and row count over a set of rows.
struct GradientSums: Sendable, Equatable {
    var gradient: Double
    var hessian: Double
    var count: Double

    static let zero = GradientSums(gradient: 0, hessian: 0, count: 0)

    static func - (lhs: GradientSums, rhs: GradientSums) -> GradientSums {
        GradientSums(gradient: lhs.gradient - rhs.gradient, hessian: lhs.hessian - rhs.hessian, count: lhs.count - rhs.count)
    }
}

/// The best split found for one leaf on one feature, in bin space.
struct SplitCandidate: Sendable {
    /// Feature column.
    var feature: Int
    /// Loss reduction: children's `G²/(H+λ)` minus the parent's.
    var gain: Double
    /// Numeric: bins `0...thresholdBin` go left. Unused for categorical splits.
    var thresholdBin: Int
    /// Numeric: whether the missing bin goes left.
    var defaultLeft: Bool
    /// Whether this is a categorical split.
    var isCategorical: Bool
    /// Categorical: the bins that go left, ascending.
    var leftBins: [Int]
    /// Sums over the rows going left and right.
    var left: GradientSums
    var right: GradientSums
    /// Leaf outputs (before shrinkage) of the two children, `-G/(H+λ)`.
    var leftOutput: Double
    var rightOutput: Double

    /// Whether `self` beats `other`: larger gain, ties to the lower feature index, so the
    /// choice never depends on evaluation order.
    func isBetter(than other: SplitCandidate?) -> Bool {
        guard let other else { return true }
        if gain != other.gain { return gain > other.gain }
        return feature < other.feature
    }
}
