/// A treatment effect with its standard error, interval and p-value.
///
/// On the relative scale every field is a fraction of |control mean|. For one-sided tests
/// the open side of the interval is infinite (`lowerBound = -infinity` for `.less`,
/// `upperBound = +infinity` for `.greater`). `degreesOfFreedom` is `.infinity` when the
/// reference distribution is the standard normal.
public struct EffectEstimate: Sendable, Hashable, Codable {
    /// Absolute or relative.
    public var scale: LiftScale
    /// The point estimate of the effect (treatment minus control, or that over |control mean|).
    public var estimate: Double
    /// Standard error of `estimate`, on the same scale.
    public var standardError: Double
    /// Lower end of the interval (`-infinity` for `.less`).
    public var lowerBound: Double
    /// Upper end of the interval (`+infinity` for `.greater`).
    public var upperBound: Double
    /// The p-value of the null "effect = 0" against `alternative`, in [0, 1].
    public var pValue: Double
    /// The test statistic (t or z) used for `pValue`.
    public var statistic: Double
    /// Degrees of freedom of the reference t distribution; `.infinity` means normal.
    public var degreesOfFreedom: Double
    /// Which alternative the p-value and interval refer to.
    public var alternative: Alternative
    /// Confidence level of the interval, in (0, 1).
    public var confidenceLevel: Double
    /// Human-readable notes about the analysis (e.g. a CUPED fallback), empty when none.
    public var notes: [String]

    /// Creates an estimate from all of its fields.
    public init(
        scale: LiftScale, estimate: Double, standardError: Double, lowerBound: Double,
        upperBound: Double, pValue: Double, statistic: Double, degreesOfFreedom: Double,
        alternative: Alternative, confidenceLevel: Double, notes: [String] = []
    ) {
        self.scale = scale
        self.estimate = estimate
        self.standardError = standardError
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.pValue = pValue
        self.statistic = statistic
        self.degreesOfFreedom = degreesOfFreedom
        self.alternative = alternative
        self.confidenceLevel = confidenceLevel
        self.notes = notes
    }

    /// Whether the interval excludes zero (equivalently p < 1 - confidenceLevel for the
    /// fixed-horizon tests).
    public var isSignificant: Bool { lowerBound > 0 || upperBound < 0 }
}
