/// Posterior summary of a treatment effect under the Gaussian model.
///
/// `riskControl` is the expected loss of shipping control, E[max(effect, 0)]; `riskTreatment`
/// the expected loss of shipping treatment, E[max(-effect, 0)], both on the effect's scale
/// (gbstats' `risk` pair, in that order).
public struct BayesianEstimate: Sendable, Hashable, Codable {
    /// Absolute or relative.
    public var scale: LiftScale
    /// Posterior mean of the effect.
    public var posteriorMean: Double
    /// Posterior standard deviation of the effect.
    public var posteriorStandardDeviation: Double
    /// Lower end of the equal-tailed credible interval.
    public var credibleLower: Double
    /// Upper end of the equal-tailed credible interval.
    public var credibleUpper: Double
    /// Credible level, in (0, 1).
    public var credibleLevel: Double
    /// Posterior probability that the effect is > 0, in [0, 1].
    public var chanceToWin: Double
    /// Expected loss of choosing control, E[max(effect, 0)] >= 0.
    public var riskControl: Double
    /// Expected loss of choosing treatment, E[max(-effect, 0)] >= 0.
    public var riskTreatment: Double

    /// Creates an estimate from all of its fields.
    public init(
        scale: LiftScale, posteriorMean: Double, posteriorStandardDeviation: Double, credibleLower: Double,
        credibleUpper: Double, credibleLevel: Double, chanceToWin: Double, riskControl: Double, riskTreatment: Double
    ) {
        self.scale = scale
        self.posteriorMean = posteriorMean
        self.posteriorStandardDeviation = posteriorStandardDeviation
        self.credibleLower = credibleLower
        self.credibleUpper = credibleUpper
        self.credibleLevel = credibleLevel
        self.chanceToWin = chanceToWin
        self.riskControl = riskControl
        self.riskTreatment = riskTreatment
    }
}
