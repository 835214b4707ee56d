import Stats

/// Evaluates a policy's guardrail rule on per-arm sufficient statistics at one look.
///
/// Each metric is compared as treatment vs control on the scale of its margin (relative by
/// default) with Welch's test (mean, proportion) or the delta-method ratio test; the rule then
/// reads that estimate. The family of G metrics gets alpha / G each (Bonferroni). A metric
/// whose comparison is undefined (fewer than 2 units in an arm, zero control mean, zero
/// variance) neither alarms nor counts as non-inferior. O(G) per look.
struct GuardrailJudge {
    let rule: GuardrailRuleSetting
    let metrics: [WatchedMetric]
    /// Consecutive looks each metric has been beyond the threshold rule's bound.
    private var streaks: [Int]

    init(rule: GuardrailRuleSetting, metrics: [WatchedMetric]) {
        self.rule = rule
        self.metrics = metrics
        streaks = Array(repeating: 0, count: metrics.count)
    }

    /// The verdict at one look.
    struct Verdict {
        /// Metrics whose rule fired (empty when no alarm).
        var alarmingMetrics: [Int] = []
        /// Whether every metric's always-valid interval lies within its margin.
        var allNonInferior = true
        var alarm: Bool { !alarmingMetrics.isEmpty }
    }

    /// Judges the arms' summaries (one `PairedSummary` per metric and arm; for mean and
    /// proportion metrics only `x` is used).
    mutating func judge(control: [PairedSummary], treatment: [PairedSummary]) -> Verdict {
        var verdict = Verdict()
        let family = Double(metrics.count)
        for (index, metric) in metrics.enumerated() {
            let harmfulSign: Double = metric.increaseIsGood ? -1 : 1
            let perMetricAlpha: Double
            switch rule {
            case let .sequential(alpha, _), let .mixtureSPRT(alpha, _), let .naive(alpha): perMetricAlpha = alpha / family
            case .threshold: perMetricAlpha = 0.05
            }
            let options = ComparisonOptions(scale: metric.relativeMargin ? .relative : .absolute, confidenceLevel: 1 - perMetricAlpha)
            let outcome: ComparisonOutcome<EffectEstimate>
            switch metric.shape {
            case .proportion, .mean:
                outcome = Frequentist.welchTest(
                    control: SampleSummary(count: control[index].count, sum: control[index].sumX, sumOfSquares: control[index].sumXX),
                    treatment: SampleSummary(count: treatment[index].count, sum: treatment[index].sumX, sumOfSquares: treatment[index].sumXX),
                    options: options)
            case .ratio:
                outcome = Frequentist.ratioTest(control: control[index], treatment: treatment[index], options: options)
            }
            guard let effect = outcome.value, effect.standardError > 0, effect.standardError.isFinite else {
                verdict.allNonInferior = false
                streaks[index] = 0
                continue
            }
            let harm = harmfulSign * effect.estimate
            var interval: EffectEstimate?
            var fires = false
            switch rule {
            case let .sequential(_, tuning):
                let sequence = Sequential.confidenceSequence(effect, totalUnits: control[index].count + treatment[index].count, tuningUnits: tuning)
                interval = sequence
                fires = harmfulSign > 0 ? sequence.lowerBound > 0 : sequence.upperBound < 0
            case let .mixtureSPRT(_, mixingVariance):
                let test = Sequential.mixtureSPRT(effect, mixingVariance: mixingVariance)
                interval = test
                fires = test.pValue < perMetricAlpha && harm > 0
            case .naive:
                interval = effect
                fires = effect.pValue < perMetricAlpha && harm > 0
            case let .threshold(bound, looks):
                streaks[index] = harm > bound ? streaks[index] + 1 : 0
                fires = streaks[index] >= looks
            }
            if fires { verdict.alarmingMetrics.append(index) }
            if let interval {
                // The harmful end of the interval must stay within the margin.
                let harmfulEnd = harmfulSign > 0 ? interval.upperBound : -interval.lowerBound
                if !(harmfulEnd < metric.margin) { verdict.allNonInferior = false }
            } else {
                verdict.allNonInferior = false
            }
        }
        return verdict
    }
}
