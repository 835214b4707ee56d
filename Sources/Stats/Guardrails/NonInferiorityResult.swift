/// The outcome of a one-sided non-inferiority test.
public struct NonInferiorityResult: Sendable, Hashable, Codable {
    /// The margin tested against.
    public var margin: NonInferiorityMargin
    /// The preferred direction of the metric.
    public var direction: PreferredDirection
    /// The p-value of H0 "harm >= margin", in [0, 1].
    public var pValue: Double
    /// The one-sided (1 - alpha) bound on the effect on the harmful side: the lower bound
    /// for `.increase`, the upper bound for `.decrease`.
    public var bound: Double
    /// Significance level used, in (0, 1).
    public var alpha: Double
    /// Whether H0 is rejected: the harm is significantly smaller than the margin.
    public var isNonInferior: Bool

    /// Creates a result from all of its fields.
    public init(
        margin: NonInferiorityMargin, direction: PreferredDirection, pValue: Double, bound: Double,
        alpha: Double, isNonInferior: Bool
    ) {
        self.margin = margin
        self.direction = direction
        self.pValue = pValue
        self.bound = bound
        self.alpha = alpha
        self.isNonInferior = isNonInferior
    }
}
