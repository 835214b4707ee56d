import Stats

/// The part the interval rules (sequential, mSPRT, naive peeking) share: no judgement before
/// both arms have `minimumUnitsPerArm` units, then one test per metric on the look's effect
/// at level 1 - alpha, and a verdict that alarms when any metric does.
enum IntervalRuleVerdict {
    /// - Parameter test: for metric `index` with its effect (standard error > 0 unless
    ///   `allowsZeroStandardError`), whether it alarms and the reason to show when it does.
    static func evaluate(
        _ snapshot: LookSnapshot, metrics: [GuardrailMetric], alpha: Double, minimumUnitsPerArm: Int,
        allowsZeroStandardError: Bool = false,
        test: (_ index: Int, _ metric: GuardrailMetric, _ effect: EffectEstimate) -> (alarm: Bool, reason: String)
    ) -> RuleVerdict {
        let units = snapshot.statistics.units
        guard units[0] >= minimumUnitsPerArm && units[1] >= minimumUnitsPerArm else {
            return RuleVerdict(alarm: false, metricAlarms: metrics.map { _ in false },
                               reason: "fewer than \(minimumUnitsPerArm) units per arm (\(units[0]) control, \(units[1]) treatment)")
        }
        var alarms: [Bool] = []
        var reasons: [String] = []
        for (index, metric) in metrics.enumerated() {
            guard let effect = snapshot.effect(metric: index, confidenceLevel: 1 - alpha).value,
                  allowsZeroStandardError || effect.standardError > 0
            else {
                alarms.append(false)
                continue
            }
            let outcome = test(index, metric, effect)
            alarms.append(outcome.alarm)
            if outcome.alarm { reasons.append(outcome.reason) }
        }
        let alarm = alarms.contains(true)
        return RuleVerdict(alarm: alarm, metricAlarms: alarms, reason: alarm ? reasons.joined(separator: "; ") : "no metric shows harm")
    }
}
