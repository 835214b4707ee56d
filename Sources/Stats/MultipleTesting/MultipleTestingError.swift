/// Problems with the inputs of a multiple-testing correction, each with what to do about it.
public enum MultipleTestingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A p-value is NaN or outside [0, 1].
    case invalidPValue(index: Int, value: Double)
    /// An estimate is not finite.
    case invalidEstimate(index: Int, value: Double)
    /// A standard error is negative, infinite or NaN.
    case invalidStandardError(index: Int, value: Double)
    /// Degrees of freedom are not > 0.
    case invalidDegreesOfFreedom(index: Int, value: Double)
    /// The arrays of estimates and standard errors (or degrees of freedom) differ in length.
    case lengthMismatch(estimates: Int, standardErrors: Int)
    /// The significance level is outside (0, 1).
    case invalidAlpha(Double)

    /// What went wrong, with the offending value, and what to do about it.
    public var description: String {
        switch self {
        case .invalidPValue(let index, let value):
            return "p-value #\(index) is \(value); every p-value must be a number in [0, 1]: drop or recompute that test before correcting the family."
        case .invalidEstimate(let index, let value):
            return "estimate #\(index) is \(value); every estimate must be finite: fix or drop that comparison before correcting the family."
        case .invalidStandardError(let index, let value):
            return "standard error #\(index) is \(value); standard errors must be finite and >= 0: fix or drop that comparison."
        case .invalidDegreesOfFreedom(let index, let value):
            return "degrees of freedom #\(index) are \(value); pass values > 0 (or .infinity for a normal statistic)."
        case .lengthMismatch(let estimates, let standardErrors):
            return "got \(estimates) estimates but \(standardErrors) standard errors (or degrees of freedom); pass one per estimate."
        case .invalidAlpha(let alpha):
            return "alpha is \(alpha); pass a significance level strictly between 0 and 1 (for example 0.05)."
        }
    }
}
