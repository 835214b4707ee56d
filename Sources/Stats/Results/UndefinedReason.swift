/// Why a comparison has no defined result, as a sentence a user can act on.
///
/// Every degenerate input ends here instead of producing an unexplained NaN or a crash.
public enum UndefinedReason: Sendable, Hashable, Codable, CustomStringConvertible {
    /// An arm has fewer units than the method needs (variance needs n >= 2).
    case tooFewUnits(arm: String, count: Double, needed: Double)
    /// Both arms have zero variance: no standard error, no test.
    case zeroVarianceInBothArms
    /// The relative lift divides by the control mean, which is zero.
    case zeroControlMean
    /// The delta-method variance of the relative lift is zero although the difference has
    /// variance: the treatment mean is exactly 0 without variance (e.g. no conversions).
    case degenerateRelativeVariance
    /// A ratio metric's denominator has mean zero in one arm.
    case zeroDenominatorMean(arm: String)
    /// Fieller's interval is unbounded because the control mean is not significantly
    /// different from zero at the requested level.
    case unboundedFiellerInterval
    /// An input was NaN, infinite or negative where that is impossible (e.g. a count).
    case invalidInput(String)
    /// Fewer than two arms remain with a positive planned weight (SRM).
    case fewerThanTwoArms
    /// No units at all were observed.
    case noUnits

    /// A sentence beginning with "undefined:" that says what went wrong and what to do.
    public var description: String {
        switch self {
        case let .tooFewUnits(arm, count, needed):
            return "undefined: the \(arm) arm has \(Self.format(count)) units, at least \(Self.format(needed)) are needed; collect more data"
        case .zeroVarianceInBothArms:
            return "undefined: zero variance in both arms, so there is no standard error; check that the metric is not constant"
        case .zeroControlMean:
            return "undefined: control mean is zero, relative lift has no meaning; report the absolute lift instead"
        case .degenerateRelativeVariance:
            return "undefined: the relative lift has zero delta-method variance because the treatment mean is 0 with no variance; use the absolute lift or relativeInterval: .fieller"
        case let .zeroDenominatorMean(arm):
            return "undefined: the ratio denominator has mean zero in the \(arm) arm; check the denominator metric"
        case .unboundedFiellerInterval:
            return "undefined: Fieller's interval is unbounded because the control mean is not significantly different from zero; use the absolute lift"
        case let .invalidInput(detail):
            return "undefined: invalid input (\(detail))"
        case .fewerThanTwoArms:
            return "undefined: fewer than two arms have a positive planned weight, so there is nothing to compare"
        case .noUnits:
            return "undefined: no units were observed"
        }
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
