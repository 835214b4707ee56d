import Stats

/// The peeking baseline: a fixed-horizon test run at every look as if it were the only one.
///
/// Per metric: the two-sided 1 - alpha interval (`GuardrailEffect`); alarm when its
/// harmful-side end lies beyond the threshold. Each look alone has false-alarm probability
/// about alpha / 2 per metric, but repeated looks compound it (Armitage, McPherson & Rowe
/// 1969): this rule exists to show how far. Stateless.
public struct NaivePeekingRule: GuardrailRule {
    public var name: String
    public var alpha: Double
    public var threshold: HarmThreshold
    /// Fewest units per arm before the rule judges (>= 2). Default 100: the delta-method
    /// standard error behind the interval is unreliable on a handful of heavy-tailed units,
    /// and a rule reading it would stop good rollouts at their first, tiny stage.
    public var minimumUnitsPerArm: Int

    public init(name: String = "naive", alpha: Double = 0.05, threshold: HarmThreshold = .margin,
        minimumUnitsPerArm: Int = 100
    ) {
        precondition(alpha > 0 && alpha < 1, "alpha must be in (0, 1), got \(alpha)")
        self.name = name
        self.alpha = alpha
        self.threshold = threshold
        precondition(minimumUnitsPerArm >= 2, "minimumUnitsPerArm must be >= 2, got \(minimumUnitsPerArm)")
        self.minimumUnitsPerArm = minimumUnitsPerArm
    }

    public mutating func evaluate(_ snapshot: LookSnapshot, metrics: [GuardrailMetric]) -> RuleVerdict {
        IntervalRuleVerdict.evaluate(snapshot, metrics: metrics, alpha: alpha, minimumUnitsPerArm: minimumUnitsPerArm,
                                     allowsZeroStandardError: true) { _, metric, effect in
            let harm = GuardrailEffect.harmLowerBound(effect, metric: metric)
            let limit = threshold.value(for: metric)
            return (harm > limit, "\(metric.name): fixed-horizon interval shows harm >= \(ReportNumberFormat.value(harm)) > \(ReportNumberFormat.value(limit))")
        }
    }
}
