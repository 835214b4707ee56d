/// The chi-square distribution with ν degrees of freedom: Gamma(shape ν/2, scale 2).
///
/// Every function delegates to `GammaDistribution` (halving x is exact, so nothing is lost);
/// costs and accuracy are the gamma distribution's with k = ν/2. `survival` keeps its relative
/// precision for huge statistics, down to 1e-300 and below. Matches `scipy.stats.chi2`.
public struct ChiSquareDistribution: ContinuousDistribution, Hashable {
    /// Degrees of freedom ν > 0 (non-integer allowed).
    public let degreesOfFreedom: Double
    private let gamma: GammaDistribution

    /// Creates χ²(ν).
    ///
    /// - Precondition: `degreesOfFreedom` finite and > 0.
    public init(degreesOfFreedom: Double) {
        precondition(degreesOfFreedom > 0 && degreesOfFreedom.isFinite,
                     "ChiSquareDistribution needs finite degrees of freedom > 0, got \(degreesOfFreedom)")
        self.degreesOfFreedom = degreesOfFreedom
        self.gamma = GammaDistribution(shape: degreesOfFreedom / 2, scale: 2)
    }

    /// The density. O(1).
    public func density(_ x: Double) -> Double { gamma.density(x) }
    /// P(X <= x). O(1).
    public func cdf(_ x: Double) -> Double { gamma.cdf(x) }
    /// P(X > x), computed directly (the p-value of a chi-square test). O(1).
    public func survival(_ x: Double) -> Double { gamma.survival(x) }
    /// The x with P(X <= x) = p; 0 → 0, 1 → +infinity, outside [0, 1] → NaN.
    public func quantile(_ p: Double) -> Double { gamma.quantile(p) }
    /// The x with P(X > x) = q (the critical value for level q); 0 → +infinity, 1 → 0,
    /// outside [0, 1] → NaN.
    public func inverseSurvival(_ q: Double) -> Double { gamma.inverseSurvival(q) }
}
