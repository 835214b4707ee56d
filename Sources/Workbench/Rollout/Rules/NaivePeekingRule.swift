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

    public init(name: String = "naive", alpha: Double = 0.05, threshold: HarmThreshold = .margin) {
        precondition(alpha > 0 && alpha < 1, "alpha must be in (0, 1), got \(alpha)")
        self.name = name
        self.alpha = alpha
        self.threshold = threshold
    }

    public mutating func evaluate(_ snapshot: LookSnapshot, metrics: [GuardrailMetric]) -> RuleVerdict {
        var alarms: [Bool] = []
        var reasons: [String] = []
        for (index, metric) in metrics.enumerated() {
            let control = snapshot.statistics.summary(arm: 0, metric: index)
            let treatment = snapshot.statistics.summary(arm: 1, metric: index)
            guard let effect = GuardrailEffect.estimate(metric: metric, control: control, treatment: treatment, confidenceLevel: 1 - alpha).value
            else { alarms.append(false); continue }
            let harm = GuardrailEffect.harmLowerBound(effect, metric: metric)
            let limit = threshold.value(for: metric)
            let alarm = harm > limit
            alarms.append(alarm)
            if alarm { reasons.append("\(metric.name): fixed-horizon interval shows harm >= \(ReportNumberFormat.value(harm)) > \(ReportNumberFormat.value(limit))") }
        }
        let alarm = alarms.contains(true)
        return RuleVerdict(alarm: alarm, metricAlarms: alarms, reason: alarm ? reasons.joined(separator: "; ") : "no metric shows harm")
    }
}
