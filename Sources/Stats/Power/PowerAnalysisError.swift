/// Problems with the inputs of a power or sample-size calculation, each with what to do.
public enum PowerAnalysisError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A variance is not finite and > 0.
    case invalidVariance(Double)
    /// The significance level is outside (0, 1).
    case invalidAlpha(Double)
    /// The allocation ratio is not finite and > 0.
    case invalidAllocation(Double)
    /// The target power is not above alpha (the power at no effect) or not below 1.
    case invalidPower(power: Double, floor: Double)
    /// The effect is zero or not finite.
    case invalidEffect(Double)
    /// A relative effect was given with a zero or non-finite baseline.
    case invalidBaseline(Double)
    /// The sample sizes are too small for the test (t needs n_control + n_treatment > 2).
    case invalidSampleSize(control: Double, treatment: Double)
    /// No sample size below the search limit reaches the power.
    case unreachable(String)

    /// What went wrong, with the offending value, and what to do about it.
    public var description: String {
        switch self {
        case .invalidVariance(let v):
            return "variance is \(v); pass the per-unit variance of the metric in each arm, finite and > 0."
        case .invalidAlpha(let a):
            return "alpha is \(a); pass a significance level strictly between 0 and 1 (for example 0.05)."
        case .invalidAllocation(let r):
            return "allocation ratio is \(r); pass treatment units per control unit, finite and > 0 (1 for a 50/50 split)."
        case .invalidPower(let power, let floor):
            return "target power is \(power); it must be above \(floor) (the chance of rejecting with no effect) and below 1."
        case .invalidEffect(let e):
            return "effect is \(e); pass a finite, non-zero minimum detectable effect."
        case .invalidBaseline(let b):
            return "baseline mean is \(b); a relative effect needs a finite, non-zero baseline: pass the effect as absolute instead."
        case .invalidSampleSize(let control, let treatment):
            return "sample sizes \(control) (control) and \(treatment) (treatment) are too small: each must be > 0, and > 2 in total for the t test."
        case .unreachable(let detail):
            return "the target cannot be reached: \(detail)"
        }
    }
}
