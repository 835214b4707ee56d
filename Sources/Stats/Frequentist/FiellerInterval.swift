/// Fieller's confidence set for a ratio of two correlated, normally distributed estimates.
///
/// For R = N / M the set is { R : (N - R M)^2 <= q^2 (V_N - 2 R C + R^2 V_M) }, a bounded
/// interval exactly when M^2 > q^2 V_M (the denominator is significantly non-zero).
/// Fieller (1954), J. R. Stat. Soc. B 16; the same set as the test-inversion interval in
/// Hirschberg & Lye (2010).
enum FiellerInterval {
    /// The bounds of the set (one side infinite for one-sided alternatives), or `nil` when
    /// the set is unbounded. `q` is the t quantile at `alpha` (two-sided: `alpha / 2`).
    static func bounds(
        numerator: Double, denominator: Double, numeratorVariance: Double,
        denominatorVariance: Double, covariance: Double, degreesOfFreedom: Double,
        alternative: Alternative, alpha: Double
    ) -> (lower: Double, upper: Double)? {
        let distribution = StudentTDistribution(degreesOfFreedom: degreesOfFreedom)
        let tail = alternative == .twoSided ? alpha / 2 : alpha
        let critical = distribution.inverseSurvival(tail)
        let q2 = critical * critical
        let a = denominator * denominator - q2 * denominatorVariance
        guard a > 0 else { return nil }
        let halfB = -(numerator * denominator - q2 * covariance)
        let c = numerator * numerator - q2 * numeratorVariance
        // The set contains N / M, so the discriminant is >= 0 up to rounding.
        let discriminant = max(0, halfB * halfB - a * c)
        let root = discriminant.squareRoot()
        // Stable roots: avoid subtracting nearly equal numbers.
        let lowerRoot: Double
        let upperRoot: Double
        if halfB <= 0 {
            upperRoot = (-halfB + root) / a
            lowerRoot = upperRoot != 0 ? c / (a * upperRoot) : (-halfB - root) / a
        } else {
            lowerRoot = (-halfB - root) / a
            upperRoot = lowerRoot != 0 ? c / (a * lowerRoot) : (-halfB + root) / a
        }
        switch alternative {
        case .twoSided: return (lowerRoot, upperRoot)
        case .greater: return (lowerRoot, .infinity)
        case .less: return (-.infinity, upperRoot)
        }
    }
}
