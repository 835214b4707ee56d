import Stats

/// A Flagger/Argo-style threshold counter: a metric beyond a bound in N looks rolls back.
///
/// Per metric and look, with at least `minimumUnitsPerArm` units in both arms, the rollout-
/// to-date (cumulative) metric value per arm (`GuardrailEffect.value`) is checked:
/// * `.ratio(bound)`: breach when the treatment/control ratio is worse than 1 + bound
///   (treatment/control - 1 > bound when increases hurt, 1 - treatment/control > bound when
///   decreases hurt) -- Flagger's comparison with the primary;
/// * `.treatmentValue(bounds)`: breach when the treatment value is beyond the metric's
///   absolute bound on the harmful side (metrics without a bound are not watched) -- Argo's
///   `failureCondition` on the canary's own metric.
/// A metric alarms when its breaches reach `looks`: counted over all looks (`consecutive` =
/// false; Flagger's `threshold`, Argo's `failureLimit`) or in a row (`consecutive` = true;
/// Argo's `consecutiveErrorLimit`). Stateful: use a fresh copy per replay.
public struct ThresholdCounterRule: GuardrailRule {
    public enum Check: Sendable, Equatable {
        case ratio(bound: Double)
        case treatmentValue(bounds: [String: Double])
    }

    public var name: String
    public var check: Check
    public var looks: Int
    public var consecutive: Bool
    public var minimumUnitsPerArm: Int
    /// Breach counts per metric so far.
    public private(set) var counts: [Int] = []

    public init(name: String = "threshold", check: Check, looks: Int = 3, consecutive: Bool = false, minimumUnitsPerArm: Int = 100) {
        precondition(looks >= 1 && minimumUnitsPerArm >= 1, "looks \(looks) and minimum units \(minimumUnitsPerArm) must be >= 1")
        self.name = name
        self.check = check
        self.looks = looks
        self.consecutive = consecutive
        self.minimumUnitsPerArm = minimumUnitsPerArm
    }

    public mutating func evaluate(_ snapshot: LookSnapshot, metrics: [GuardrailMetric]) -> RuleVerdict {
        if counts.count != metrics.count { counts = Array(repeating: 0, count: metrics.count) }
        var alarms: [Bool] = []
        var reasons: [String] = []
        for (index, metric) in metrics.enumerated() {
            let control = snapshot.statistics.summary(arm: 0, metric: index)
            let treatment = snapshot.statistics.summary(arm: 1, metric: index)
            var breach = false
            var shown = 0.0
            if control.count >= Double(minimumUnitsPerArm), treatment.count >= Double(minimumUnitsPerArm),
                let treatmentValue = GuardrailEffect.value(treatment, metric: metric) {
                switch check {
                case .ratio(let bound):
                    if let controlValue = GuardrailEffect.value(control, metric: metric), controlValue != 0 {
                        shown = treatmentValue / controlValue
                        breach = metric.harmSign * (shown - 1) > bound
                    }
                case .treatmentValue(let bounds):
                    if let bound = bounds[metric.name] {
                        shown = treatmentValue
                        breach = metric.harmSign * (treatmentValue - bound) > 0
                    }
                }
            }
            counts[index] = breach ? counts[index] + 1 : (consecutive ? 0 : counts[index])
            let alarm = counts[index] >= looks
            alarms.append(alarm)
            if alarm { reasons.append("\(metric.name): \(ReportNumberFormat.value(shown)) beyond the bound in \(counts[index]) \(consecutive ? "consecutive " : "")looks") }
        }
        let alarm = alarms.contains(true)
        return RuleVerdict(alarm: alarm, metricAlarms: alarms, reason: alarm ? reasons.joined(separator: "; ") : "no metric beyond its bound \(looks) times")
    }
}
