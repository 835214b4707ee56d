import Foundation

/// Wald inference for the coefficients of an unpenalised logistic regression.
///
/// The covariance is the inverse observed information `(X^T W X)^{-1}` at the optimum, with
/// sample weights treated as frequency weights (statsmodels `Logit`, or `GLM(Binomial,
/// freq_weights=w)` when weighted). Index 0 is the intercept, index j + 1 is feature j.
/// p-values are two-sided normal tails `erfc(|z| / sqrt 2)`; intervals are `estimate +/-
/// z_{1 - alpha/2} * standardError`. Not reported for penalised fits, where these formulas
/// are biased.
public struct CoefficientInference: Sendable, Equatable {
    /// Intercept then coefficients, in the original feature units.
    public var estimates: [Double]
    /// Standard errors, same order and units as `estimates`.
    public var standardErrors: [Double]
    /// Wald statistics `estimate / standardError`.
    public var zStatistics: [Double]
    /// Two-sided p-values for "coefficient = 0", in [0, 1].
    public var pValues: [Double]
    /// Lower ends of the Wald confidence intervals.
    public var lowerBounds: [Double]
    /// Upper ends of the Wald confidence intervals.
    public var upperBounds: [Double]
    /// The confidence level of the intervals, in (0, 1).
    public var confidenceLevel: Double
    /// The full covariance matrix, `(features + 1) x (features + 1)`, intercept first.
    public var covariance: Matrix

    /// Computes the Wald quantities from estimates and their covariance.
    init(estimates: [Double], covariance: Matrix, confidenceLevel: Double) {
        let critical = Self.normalQuantile(0.5 + confidenceLevel / 2)
        self.estimates = estimates
        self.covariance = covariance
        self.confidenceLevel = confidenceLevel
        standardErrors = covariance.diagonal.map { $0 > 0 ? $0.squareRoot() : 0 }
        zStatistics = zip(estimates, standardErrors).map { $1 > 0 ? $0 / $1 : 0 }
        pValues = zStatistics.map { erfc(abs($0) / 2.0.squareRoot()) }
        lowerBounds = zip(estimates, standardErrors).map { $0 - critical * $1 }
        upperBounds = zip(estimates, standardErrors).map { $0 + critical * $1 }
    }

    /// The standard normal quantile by Newton's method on `Phi(x) = erfc(-x / sqrt 2) / 2`,
    /// accurate to ~1e-15 for p in [1e-12, 1 - 1e-12] (enough for confidence levels).
    static func normalQuantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "normal quantile needs 0 < p < 1, got \(p)")
        var x = 0.0
        for _ in 0..<100 {
            let cdf = 0.5 * erfc(-x / 2.0.squareRoot())
            let density = exp(-0.5 * x * x) / (2 * Double.pi).squareRoot()
            let step = (cdf - p) / density
            x -= step
            if abs(step) <= 1e-15 * max(1, abs(x)) { break }
        }
        return x
    }
}
