import Stats

/// Alarm when the mSPRT always-valid p-value for "harm = threshold" falls below alpha with
/// the estimate on the harmful side.
///
/// Per metric: the fixed-horizon effect (`GuardrailEffect`), then
/// `Sequential.mixtureSPRT` (Johari, Pekelis & Walsh 2017) with mixing variance tau^2 and
/// null value +threshold on the harmful side (so harm beyond the margin is what is tested).
/// Any metric alarming makes the rule alarm. The p-value is two-sided and the alarm needs the
/// harmful sign, so the per-metric false-alarm rate over all looks is at most about alpha / 2.
/// Stateless.
public struct MixtureSPRTRule: GuardrailRule {
    public var name: String
    public var alpha: Double
    /// Standard deviation tau of the normal mixing distribution, on the margin's scale
    /// (a relative effect for relative margins). Default 0.1.
    public var mixingStandardDeviation: Double
    public var threshold: HarmThreshold
    /// Fewest units per arm before the rule judges (>= 2). Default 100: the delta-method
    /// standard error behind the interval is unreliable on a handful of heavy-tailed units,
    /// and a rule reading it would stop good rollouts at their first, tiny stage.
    public var minimumUnitsPerArm: Int

    public init(name: String = "msprt", alpha: Double = 0.05, mixingStandardDeviation: Double = 0.1, threshold: HarmThreshold = .margin,
        minimumUnitsPerArm: Int = 100
    ) {
        precondition(alpha > 0 && alpha < 1 && mixingStandardDeviation > 0,
                     "alpha \(alpha) must be in (0, 1) and tau \(mixingStandardDeviation) > 0")
        self.name = name
        self.alpha = alpha
        self.mixingStandardDeviation = mixingStandardDeviation
        self.threshold = threshold
        precondition(minimumUnitsPerArm >= 2, "minimumUnitsPerArm must be >= 2, got \(minimumUnitsPerArm)")
        self.minimumUnitsPerArm = minimumUnitsPerArm
    }

    public mutating func evaluate(_ snapshot: LookSnapshot, metrics: [GuardrailMetric]) -> RuleVerdict {
        IntervalRuleVerdict.evaluate(snapshot, metrics: metrics, alpha: alpha, minimumUnitsPerArm: minimumUnitsPerArm) { _, metric, effect in
            let null = metric.harmSign * threshold.value(for: metric)
            let tested = Sequential.mixtureSPRT(effect, mixingVariance: mixingStandardDeviation * mixingStandardDeviation, nullValue: null)
            let alarm = tested.pValue < alpha && metric.harmSign * (effect.estimate - null) > 0
            return (alarm, "\(metric.name): always-valid p = \(ReportNumberFormat.pValue(tested.pValue)) < \(ReportNumberFormat.value(alpha))")
        }
    }
}
