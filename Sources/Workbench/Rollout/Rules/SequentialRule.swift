import Stats

/// Alarm when an always-valid confidence sequence shows harm beyond the threshold.
///
/// Per metric: the two-sided fixed-horizon effect at 1 - alpha (`GuardrailEffect`), widened
/// into GrowthBook's asymptotic confidence sequence (`Sequential.confidenceSequence`, tuned
/// for `tuningUnits` total units); the metric alarms when the sequence's harmful-side end
/// lies beyond the threshold (the margin by default), i.e. the whole sequence is on the
/// harmful side of it. The rule alarms when any metric does. Per metric the chance of a false
/// alarm over all looks is at most about alpha / 2 (one side of a 1 - alpha sequence), so at
/// most about G alpha / 2 family-wise over G metrics. Stateless.
public struct SequentialRule: GuardrailRule {
    public var name: String
    public var alpha: Double
    public var tuningUnits: Double
    public var threshold: HarmThreshold
    /// Fewest units per arm before the rule judges (>= 2). Default 100: the delta-method
    /// standard error behind the interval is unreliable on a handful of heavy-tailed units,
    /// and a rule reading it would stop good rollouts at their first, tiny stage.
    public var minimumUnitsPerArm: Int

    public init(name: String = "sequential", alpha: Double = 0.05, tuningUnits: Double = 5000, threshold: HarmThreshold = .margin,
        minimumUnitsPerArm: Int = 100
    ) {
        precondition(alpha > 0 && alpha < 1 && tuningUnits > 0, "alpha \(alpha) must be in (0, 1) and tuning \(tuningUnits) > 0")
        self.name = name
        self.alpha = alpha
        self.tuningUnits = tuningUnits
        self.threshold = threshold
        precondition(minimumUnitsPerArm >= 2, "minimumUnitsPerArm must be >= 2, got \(minimumUnitsPerArm)")
        self.minimumUnitsPerArm = minimumUnitsPerArm
    }

    public mutating func evaluate(_ snapshot: LookSnapshot, metrics: [GuardrailMetric]) -> RuleVerdict {
        IntervalRuleVerdict.evaluate(snapshot, metrics: metrics, alpha: alpha, minimumUnitsPerArm: minimumUnitsPerArm) { index, metric, effect in
            let units = snapshot.statistics.summary(arm: 0, metric: index).count + snapshot.statistics.summary(arm: 1, metric: index).count
            let sequence = Sequential.confidenceSequence(effect, totalUnits: units, tuningUnits: tuningUnits)
            let harm = GuardrailEffect.harmLowerBound(sequence, metric: metric)
            let limit = threshold.value(for: metric)
            return (harm > limit, "\(metric.name): confidence sequence shows harm >= \(ReportNumberFormat.value(harm)) > \(ReportNumberFormat.value(limit))")
        }
    }
}
