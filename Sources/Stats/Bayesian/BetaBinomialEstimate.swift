/// Posterior comparison of two proportions under independent beta-binomial models.
///
/// Risks are in absolute proportion units: `riskControl` = E[max(p_B - p_A, 0)],
/// `riskTreatment` = E[max(p_A - p_B, 0)].
public struct BetaBinomialEstimate: Sendable, Hashable, Codable {
    /// Control posterior Beta(alpha, beta) parameters.
    public var controlPosterior: BetaPrior
    /// Treatment posterior Beta(alpha, beta) parameters.
    public var treatmentPosterior: BetaPrior
    /// P(p_B > p_A | data), in [0, 1].
    public var chanceToWin: Double
    /// Expected loss of choosing control, E[max(p_B - p_A, 0)].
    public var riskControl: Double
    /// Expected loss of choosing treatment, E[max(p_A - p_B, 0)].
    public var riskTreatment: Double
    /// Posterior mean of p_B - p_A (exact: difference of the beta means).
    public var meanDifference: Double

    /// Creates an estimate from all of its fields.
    public init(
        controlPosterior: BetaPrior, treatmentPosterior: BetaPrior, chanceToWin: Double,
        riskControl: Double, riskTreatment: Double, meanDifference: Double
    ) {
        self.controlPosterior = controlPosterior
        self.treatmentPosterior = treatmentPosterior
        self.chanceToWin = chanceToWin
        self.riskControl = riskControl
        self.riskTreatment = riskTreatment
        self.meanDifference = meanDifference
    }
}
