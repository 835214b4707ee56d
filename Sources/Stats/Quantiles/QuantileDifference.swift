/// The difference of a quantile between two arms (treatment - control), with an interval that
/// allows for several events per unit.
public struct QuantileDifference: Sendable, Hashable, Codable {
    /// The probability p of the quantile.
    public var probability: Double
    /// Treatment-arm estimate.
    public var treatment: ClusteredQuantileEstimate
    /// Control-arm estimate.
    public var control: ClusteredQuantileEstimate
    /// treatment.quantile - control.quantile, in the metric's units.
    public var difference: Double
    /// sqrt(SE_treatment^2 + SE_control^2): the arms are independent samples of units.
    public var standardError: Double
    /// difference - z standardError.
    public var lower: Double
    /// difference + z standardError.
    public var upper: Double
    /// Two-sided p-value 2 (1 - Phi(|difference| / standardError)); 1 when both are 0.
    public var pValue: Double
    /// The confidence level of the interval.
    public var confidenceLevel: Double
    /// Why the result is degenerate, `nil` otherwise.
    public var note: String?
}
