#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The beta distribution on [0, 1] with shapes α, β: density x^(α-1) (1-x)^(β-1) / B(α, β).
///
/// `cdf` and `survival` are I_x(α, β) and its complement, each computed directly where it is
/// the smaller tail (see `SpecialFunctions.regularizedBeta`): O(1 + sqrt(max(α, β))) iterations
/// at worst. Quantiles solve on the lower tail of Beta(α, β) or of Beta(β, α) (so 1 - x is found
/// from the upper tail probability itself), from a tail-power or normal starting point refined by
/// safeguarded Newton steps on log(tail). Accuracy against mpmath in
/// `docs/statistics-distributions.md`. Matches `scipy.stats.beta` (`betainc`, `betaincinv`).
public struct BetaDistribution: ContinuousDistribution, Hashable {
    /// First shape α > 0 (the exponent of x is α - 1).
    public let alpha: Double
    /// Second shape β > 0 (the exponent of 1 - x is β - 1).
    public let beta: Double

    /// Creates Beta(α, β).
    ///
    /// - Precondition: `alpha` and `beta` finite and > 0.
    public init(alpha: Double, beta: Double) {
        precondition(alpha > 0 && alpha.isFinite && beta > 0 && beta.isFinite,
                     "BetaDistribution needs finite shapes > 0, got alpha = \(alpha), beta = \(beta)")
        self.alpha = alpha
        self.beta = beta
    }

    /// The density; at the end points it is +infinity, the finite limit, or 0. O(1).
    public func density(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x < 0 || x > 1 { return 0 }
        if x == 0 { return Self.endPointDensity(alpha, beta) }
        if x == 1 { return Self.endPointDensity(beta, alpha) }
        let y = 1 - x
        return SpecialFunctions.betaPowerTerm(a: alpha, b: beta, x: x, y: y) / (x * y)
    }

    /// The density's limit at the end point whose exponent is `near` - 1.
    private static func endPointDensity(_ near: Double, _ far: Double) -> Double {
        if near < 1 { return .infinity }
        if near > 1 { return 0 }
        return exp(-SpecialFunctions.logBeta(near, far))  // = far when near == 1
    }

    /// P(X <= x) = I_x(α, β). O(1 + sqrt(max(α, β))).
    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        return SpecialFunctions.incompleteBeta(a: alpha, b: beta, x: x, y: 1 - x).lower
    }

    /// P(X > x) = 1 - I_x(α, β), computed directly. O(1 + sqrt(max(α, β))).
    public func survival(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x <= 0 { return 1 }
        if x >= 1 { return 0 }
        return SpecialFunctions.incompleteBeta(a: alpha, b: beta, x: x, y: 1 - x).upper
    }

    /// The x with I_x(α, β) = p; 0 → 0, 1 → 1, outside [0, 1] → NaN.
    public func quantile(_ p: Double) -> Double {
        guard p >= 0 && p <= 1 else { return .nan }
        if p == 0 { return 0 }
        if p == 1 { return 1 }
        if p <= 0.5 { return Self.lowerQuantile(alpha, beta, p) }
        return 1 - Self.lowerQuantile(beta, alpha, 1 - p)
    }

    /// The x with 1 - I_x(α, β) = q, from q itself; 0 → 1, 1 → 0, outside [0, 1] → NaN.
    public func inverseSurvival(_ q: Double) -> Double {
        guard q >= 0 && q <= 1 else { return .nan }
        if q == 0 { return 1 }
        if q == 1 { return 0 }
        if q <= 0.5 { return 1 - Self.lowerQuantile(beta, alpha, q) }
        return Self.lowerQuantile(alpha, beta, 1 - q)
    }

    /// The x with I_x(a, b) = p for p in (0, 1/2].
    private static func lowerQuantile(_ a: Double, _ b: Double, _ p: Double) -> Double {
        let logBeta = SpecialFunctions.logBeta(a, b)
        // Near 0, I_x(a, b) ≈ x^a / (a B(a, b)).
        let powerGuess = exp((log(p) + log(a) + logBeta) / a)
        let mean = a / (a + b)
        var guess = powerGuess
        if !(powerGuess < 0.5 * mean) {
            let deviation = (a * b / ((a + b) * (a + b) * (a + b + 1))).squareRoot()
            let normalGuess = mean + deviation * SpecialFunctions.standardNormalQuantile(p)
            guess = normalGuess > 0 && normalGuess < 1 ? normalGuess : min(powerGuess, 0.5 * mean)
        }
        if guess == 0 { return 0 }  // the quantile underflows
        return TailInversion.solve(
            target: p, direction: .increasing, lower: 0, upper: 1, guess: guess,
            logarithmicSteps: true,
            tail: { SpecialFunctions.incompleteBeta(a: a, b: b, x: $0, y: 1 - $0).lower },
            density: { x in
                let y = 1 - x
                return SpecialFunctions.betaPowerTerm(a: a, b: b, x: x, y: y) / (x * y)
            })
    }
}
