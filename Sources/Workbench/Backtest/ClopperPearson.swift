import Stats

/// The Clopper-Pearson ("exact") confidence interval of a binomial proportion.
///
/// lower = Beta quantile(alpha / 2; x, n - x + 1) (0 when x = 0), upper = Beta quantile(1 -
/// alpha / 2; x + 1, n - x) (1 when x = n), alpha = 1 - confidenceLevel. Coverage is at least
/// the level for every true proportion (conservative). Matches statsmodels
/// `proportion_confint(method="beta")` / scipy `binomtest(...).proportion_ci("exact")` to
/// the accuracy of `BetaDistribution.quantile` (~1e-12 relative).
public enum ClopperPearson {
    /// - Precondition: 0 <= successes <= trials, trials >= 1, 0 < confidenceLevel < 1.
    public static func interval(successes: Int, trials: Int, confidenceLevel: Double = 0.95) -> (lower: Double, upper: Double) {
        precondition(trials >= 1 && successes >= 0 && successes <= trials, "need 0 <= successes \(successes) <= trials \(trials), trials >= 1")
        precondition(confidenceLevel > 0 && confidenceLevel < 1, "confidenceLevel must be in (0, 1), got \(confidenceLevel)")
        let alpha = 1 - confidenceLevel
        let x = Double(successes), n = Double(trials)
        let lower = successes == 0 ? 0 : BetaDistribution(alpha: x, beta: n - x + 1).quantile(alpha / 2)
        let upper = successes == trials ? 1 : BetaDistribution(alpha: x + 1, beta: n - x).quantile(1 - alpha / 2)
        return (lower, upper)
    }
}
