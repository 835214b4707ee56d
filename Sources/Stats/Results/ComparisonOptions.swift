/// Settings shared by every frequentist comparison.
///
/// Defaults: absolute scale, two-sided, 95 % confidence, delta-method relative intervals.
public struct ComparisonOptions: Sendable, Hashable, Codable {
    /// Absolute or relative lift. Default `.absolute`.
    public var scale: LiftScale
    /// Two-sided or one-sided test and interval. Default `.twoSided`.
    public var alternative: Alternative
    /// Confidence level of the interval, in (0, 1). Default 0.95. A one-sided interval at
    /// 0.95 is a 95 % one-sided bound (alpha = 0.05 in one tail).
    public var confidenceLevel: Double
    /// How a relative interval is built. Ignored on the absolute scale. Default `.deltaMethod`.
    public var relativeInterval: RelativeIntervalMethod

    /// Creates options; `confidenceLevel` must lie strictly between 0 and 1.
    public init(
        scale: LiftScale = .absolute, alternative: Alternative = .twoSided,
        confidenceLevel: Double = 0.95, relativeInterval: RelativeIntervalMethod = .deltaMethod
    ) {
        precondition(
            confidenceLevel > 0 && confidenceLevel < 1,
            "confidenceLevel must be in (0, 1), got \(confidenceLevel)")
        self.scale = scale
        self.alternative = alternative
        self.confidenceLevel = confidenceLevel
        self.relativeInterval = relativeInterval
    }

    /// 1 - confidenceLevel.
    public var alpha: Double { 1 - confidenceLevel }
}
