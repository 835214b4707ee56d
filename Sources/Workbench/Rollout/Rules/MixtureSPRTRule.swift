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

    public init(name: String = "msprt", alpha: Double = 0.05, mixingStandardDeviation: Double = 0.1, threshold: HarmThreshold = .margin) {
        precondition(alpha > 0 && alpha < 1 && mixingStandardDeviation > 0,
                     "alpha \(alpha) must be in (0, 1) and tau \(mixingStandardDeviation) > 0")
        self.name = name
        self.alpha = alpha
        self.mixingStandardDeviation = mixingStandardDeviation
        self.threshold = threshold
    }

    public mutating func evaluate(_ snapshot: LookSnapshot, metrics: [GuardrailMetric]) -> RuleVerdict {
        var alarms: [Bool] = []
        var reasons: [String] = []
        for (index, metric) in metrics.enumerated() {
            let control = snapshot.statistics.summary(arm: 0, metric: index)
            let treatment = snapshot.statistics.summary(arm: 1, metric: index)
            guard let effect = GuardrailEffect.estimate(metric: metric, control: control, treatment: treatment, confidenceLevel: 1 - alpha).value,
                effect.standardError > 0
            else { alarms.append(false); continue }
            let null = metric.harmSign * threshold.value(for: metric)
            let tested = Sequential.mixtureSPRT(effect, mixingVariance: mixingStandardDeviation * mixingStandardDeviation, nullValue: null)
            let alarm = tested.pValue < alpha && metric.harmSign * (effect.estimate - null) > 0
            alarms.append(alarm)
            if alarm { reasons.append("\(metric.name): always-valid p = \(ReportNumberFormat.pValue(tested.pValue)) < \(ReportNumberFormat.value(alpha))") }
        }
        let alarm = alarms.contains(true)
        return RuleVerdict(alarm: alarm, metricAlarms: alarms, reason: alarm ? reasons.joined(separator: "; ") : "no metric shows harm")
    }
}
