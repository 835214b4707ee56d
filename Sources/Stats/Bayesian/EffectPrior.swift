/// Prior on the treatment effect for the Gaussian Bayesian model.
public enum EffectPrior: Sendable, Hashable, Codable {
    /// Improper flat prior: the posterior equals the normal likelihood of the estimate.
    case flat
    /// Proper normal prior N(mean, variance) on the effect, on the scale being analysed
    /// (a relative prior of N(0, 0.3^2) says lifts beyond +-60 % are rare). variance > 0.
    case normal(mean: Double, variance: Double)
}
