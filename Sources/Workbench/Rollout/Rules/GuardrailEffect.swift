import Stats

/// The fixed-horizon treatment-minus-control effect of one guardrail metric at a look.
///
/// On the metric margin's scale (relative: a fraction of |control|, delta method; absolute:
/// metric units), two-sided at `confidenceLevel`: `Frequentist.proportionTest` (unpooled),
/// `welchTest` for means, `ratioTest` (delta method) for ratios. Undefined with fewer than 2
/// units per arm, zero variance in both arms or a zero control mean on the relative scale.
public enum GuardrailEffect {
    public static func estimate(
        metric: GuardrailMetric, control: PairedSummary, treatment: PairedSummary, confidenceLevel: Double
    ) -> ComparisonOutcome<EffectEstimate> {
        let options = ComparisonOptions(scale: metric.margin.scale, alternative: .twoSided, confidenceLevel: confidenceLevel)
        switch metric.shape {
        case .proportion:
            return Frequentist.proportionTest(
                control: BinomialCounts(successes: control.sumX, trials: control.count),
                treatment: BinomialCounts(successes: treatment.sumX, trials: treatment.count), options: options)
        case .mean:
            return Frequentist.welchTest(control: control.x, treatment: treatment.x, options: options)
        case .ratio:
            return Frequentist.ratioTest(control: control, treatment: treatment, options: options)
        }
    }

    /// The interval end on the harmful side, expressed as harm (positive = worse): the lower
    /// bound for a metric where increases hurt, minus the upper bound otherwise.
    public static func harmLowerBound(_ effect: EffectEstimate, metric: GuardrailMetric) -> Double {
        metric.harmSign > 0 ? effect.lowerBound : -effect.upperBound
    }

    /// The metric's value in one arm: mean per unit (share for proportions) or sum x / sum y;
    /// nil without units or with a zero denominator.
    public static func value(_ summary: PairedSummary, metric: GuardrailMetric) -> Double? {
        guard summary.count > 0 else { return nil }
        if metric.isRatio { return summary.sumY != 0 ? summary.sumX / summary.sumY : nil }
        return summary.sumX / summary.count
    }
}
