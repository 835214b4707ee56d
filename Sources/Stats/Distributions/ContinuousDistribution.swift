/// A univariate continuous probability distribution with both tails computed directly.
///
/// Conforming types compute `cdf` and `survival` each on its own (never `1 - cdf`), so a
/// p-value of 1e-300 keeps its relative precision instead of rounding to 0, and their inverses
/// `quantile` and `inverseSurvival` likewise, so that a threshold for a tail probability of
/// 1e-300 is found from that probability itself.
///
/// Conventions shared by every conformer in this module:
/// * a NaN argument gives NaN;
/// * `quantile` and `inverseSurvival` give NaN for a probability outside [0, 1] (the only
///   place a NaN is returned for a non-NaN argument); 0 and 1 map to the support's bounds;
/// * invalid parameters are programmer mistakes and stop with a `precondition` message that
///   shows the numbers.
public protocol ContinuousDistribution: Sendable {
    /// The probability density at `x` (0 outside the support).
    func density(_ x: Double) -> Double
    /// P(X <= x).
    func cdf(_ x: Double) -> Double
    /// P(X > x), computed directly (no `1 - cdf` cancellation).
    func survival(_ x: Double) -> Double
    /// The inverse cdf: the x with `cdf(x) = p`, for p in [0, 1]; 0 gives the lower bound of
    /// the support and 1 the upper bound.
    func quantile(_ p: Double) -> Double
    /// The x with `survival(x) = q`, for q in [0, 1], accurate for tiny q (1e-300).
    func inverseSurvival(_ q: Double) -> Double
}
