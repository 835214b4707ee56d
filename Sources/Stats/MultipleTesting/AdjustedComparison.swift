/// One comparison of a family after a multiple-testing correction: its adjusted p-value and
/// an adjusted confidence interval that agrees with it.
public struct AdjustedComparison: Sendable, Hashable, Codable {
    /// The estimate (for example a difference of means), in the metric's units.
    public var estimate: Double
    /// The estimate's standard error, >= 0.
    public var standardError: Double
    /// The raw two-sided p-value, 2 (1 - F(|estimate| / standardError)), F normal or Student t.
    public var pValue: Double
    /// The adjusted p-value (see `MultipleTesting.adjustedPValues`).
    public var adjustedPValue: Double
    /// The per-comparison two-sided level at which `lower`/`upper` are computed: the interval is
    /// estimate -+ F^-1(1 - effectiveAlpha / 2) standardError. alpha / m for Bonferroni.
    public var effectiveAlpha: Double
    /// Lower end of the adjusted confidence interval.
    public var lower: Double
    /// Upper end of the adjusted confidence interval.
    public var upper: Double
    /// Whether the adjusted p-value is below the family's alpha. The interval excludes 0 exactly
    /// when this is true (up to rounding at the boundary).
    public var isSignificant: Bool
    /// Why the result is degenerate (zero standard error), or `nil` for an ordinary comparison.
    public var note: String?

    /// Creates a comparison result from its parts.
    public init(
        estimate: Double, standardError: Double, pValue: Double, adjustedPValue: Double,
        effectiveAlpha: Double, lower: Double, upper: Double, isSignificant: Bool, note: String? = nil
    ) {
        self.estimate = estimate
        self.standardError = standardError
        self.pValue = pValue
        self.adjustedPValue = adjustedPValue
        self.effectiveAlpha = effectiveAlpha
        self.lower = lower
        self.upper = upper
        self.isSignificant = isSignificant
        self.note = note
    }
}
