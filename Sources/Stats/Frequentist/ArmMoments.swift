/// The per-arm moments every frequentist comparison reduces to (internal).
///
/// `mean` is the arm's metric estimate (a mean, a proportion or a ratio of means) and
/// `unitVariance` the per-unit variance whose division by `count` is the variance of `mean`
/// (for a ratio, the variance of the delta-method linearisation). The covariate fields serve
/// CUPED and are zero otherwise.
struct ArmMoments: Sendable, Hashable {
    var count: Double
    var mean: Double
    var unitVariance: Double
    var covariateMean: Double = 0
    var covariateUnitVariance: Double = 0
    var unitCovariance: Double = 0

    /// The CUPED-adjusted mean, mean - theta * covariateMean.
    func adjustedMean(theta: Double) -> Double { mean - theta * covariateMean }

    /// The per-unit variance of y - theta * x, clamped at 0 against rounding.
    func adjustedUnitVariance(theta: Double) -> Double {
        max(0, unitVariance + theta * theta * covariateUnitVariance - 2 * theta * unitCovariance)
    }

    /// Whether every field is a finite number and the count is not negative.
    var isValid: Bool {
        [count, mean, unitVariance, covariateMean, covariateUnitVariance, unitCovariance]
            .allSatisfy(\.isFinite) && count >= 0 && unitVariance >= 0 && covariateUnitVariance >= 0
    }
}
