/// Bayesian comparisons: a Gaussian model on the (relative or absolute) effect, and the
/// beta-binomial model for proportions.
public enum Bayesian {
    /// Gaussian posterior of an effect given its frequentist estimate and standard error.
    ///
    /// Likelihood N(estimate, SE^2) (the delta-method SE on the relative scale). Flat prior:
    /// posterior = likelihood. Normal prior N(m0, v0): precision-weighted,
    /// 1/v = 1/SE^2 + 1/v0, mean = v (estimate/SE^2 + m0/v0). Chance to win = Phi(mu/sigma);
    /// risks in closed form, risk_control = mu Phi(mu/sigma) + sigma phi(mu/sigma),
    /// risk_treatment = -mu Phi(-mu/sigma) + sigma phi(mu/sigma). Matches gbstats
    /// `EffectBayesianABTest` (Gaussian effect model). O(1).
    public static func gaussianEffect(
        _ effect: EffectEstimate, prior: EffectPrior = .flat, credibleLevel: Double = 0.95
    ) -> ComparisonOutcome<BayesianEstimate> {
        precondition(credibleLevel > 0 && credibleLevel < 1, "credibleLevel must be in (0, 1), got \(credibleLevel)")
        let likelihoodVariance = effect.standardError * effect.standardError
        guard effect.estimate.isFinite, likelihoodVariance.isFinite, likelihoodVariance > 0 else {
            return .undefined(reason: .zeroVarianceInBothArms)
        }
        var mean = effect.estimate
        var variance = likelihoodVariance
        if case let .normal(priorMean, priorVariance) = prior {
            guard priorVariance > 0, priorVariance.isFinite, priorMean.isFinite else {
                return .undefined(reason: .invalidInput("the prior variance must be positive and finite"))
            }
            let precision = 1 / likelihoodVariance + 1 / priorVariance
            variance = 1 / precision
            mean = variance * (effect.estimate / likelihoodVariance + priorMean / priorVariance)
        }
        let deviation = variance.squareRoot()
        let normal = NormalDistribution.standard
        let z = normal.inverseSurvival((1 - credibleLevel) / 2)
        let standardized = mean / deviation
        let density = normal.density(standardized)
        return .estimated(
            BayesianEstimate(
                scale: effect.scale, posteriorMean: mean, posteriorStandardDeviation: deviation,
                credibleLower: mean - z * deviation, credibleUpper: mean + z * deviation,
                credibleLevel: credibleLevel, chanceToWin: normal.cdf(standardized),
                riskControl: max(0, mean * normal.cdf(standardized) + deviation * density),
                riskTreatment: max(0, -mean * normal.survival(standardized) + deviation * density)))
    }

    /// Gaussian model on the lift of means (`scale` absolute or relative, delta-method SE).
    public static func meanEffect(
        control: SampleSummary, treatment: SampleSummary, scale: LiftScale = .relative,
        prior: EffectPrior = .flat, credibleLevel: Double = 0.95
    ) -> ComparisonOutcome<BayesianEstimate> {
        Frequentist.welchTest(control: control, treatment: treatment, options: ComparisonOptions(scale: scale))
            .flatMap { gaussianEffect($0, prior: prior, credibleLevel: credibleLevel) }
    }

    /// Gaussian model on the lift of proportions (variance p(1 - p) per arm, as gbstats).
    public static func proportionEffect(
        control: BinomialCounts, treatment: BinomialCounts, scale: LiftScale = .relative,
        prior: EffectPrior = .flat, credibleLevel: Double = 0.95
    ) -> ComparisonOutcome<BayesianEstimate> {
        Frequentist.proportionTest(control: control, treatment: treatment, options: ComparisonOptions(scale: scale))
            .flatMap { gaussianEffect($0, prior: prior, credibleLevel: credibleLevel) }
    }
}
