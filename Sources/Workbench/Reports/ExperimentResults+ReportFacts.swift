/// Facts derived from results for both report formats, so HTML and Markdown always agree.
extension ExperimentResults {
    /// Variants in display order: control first, then treatments in the order the metrics
    /// list them, then any other variant with units, by name. Deterministic for equal input.
    var orderedVariants: [String] {
        var order = [control]
        for metric in metrics {
            for name in metric.variants.map(\.variant) + metric.comparisons.map(\.variant) where !order.contains(name) {
                order.append(name)
            }
        }
        var rest = Set(units.keys).union(srm.plannedWeights.keys)
        if let timeline { rest.formUnion(timeline.exposuresPerDay.keys) }
        order += rest.subtracting(order).sorted()
        return order
    }

    /// The confidence level implied by `settings.alpha`, for labels: `95% CI`.
    var intervalLabel: String {
        let level = (1 - settings.alpha) * 100
        let text = abs(level - level.rounded()) < 1e-9 ? String(Int(level.rounded())) : ReportNumberFormat.fixed(level, decimals: 1)
        return "\(text)% CI"
    }

    /// Whether sequential (always-valid) intervals were computed.
    var sequentialEnabled: Bool {
        settings.sequentialTuning != nil || metrics.contains { $0.comparisons.contains { $0.sequentialCILow != nil || $0.sequentialCIHigh != nil } }
    }

    /// Whether Bayesian chance to win and risk were computed.
    var bayesianEnabled: Bool {
        settings.bayesianPriorMean != nil || metrics.contains { $0.comparisons.contains { $0.chanceToWin != nil } }
    }

    /// Whether any number was corrected for multiple testing.
    var correctionApplied: Bool { settings.correction != "none" }

    /// Whether a comparison is significant: its (adjusted, when present) p-value is below alpha.
    func isSignificant(_ comparison: Comparison) -> Bool {
        guard let p = comparison.adjustedPValue ?? comparison.pValue, p.isFinite else { return false }
        return p < settings.alpha
    }

    /// The control's summary of a metric, if listed.
    func controlSummary(of metric: MetricResult) -> VariantSummary? {
        metric.variants.first { $0.variant == control }
    }

    /// A guardrail's margin as a relative lift on the "worse" side, for the forest plot: an
    /// absolute margin is divided by |control mean|; `nil` when that is unknown or zero.
    func relativeMargin(_ guardrail: GuardrailOutcome, metric: MetricResult) -> Double? {
        var margin = abs(guardrail.margin)
        if !guardrail.relative {
            guard let mean = controlSummary(of: metric)?.mean, mean.isFinite, mean != 0 else { return nil }
            margin /= abs(mean)
        }
        return metric.direction == "decrease" ? margin : -margin
    }

    /// The sorted dimension names that have segment comparisons in `metric`.
    func dimensionNames(of metric: MetricResult) -> [String] {
        var names: [String] = []
        for comparison in metric.comparisons {
            if let name = comparison.dimension?.name, !names.contains(name) { names.append(name) }
        }
        return names
    }
}

extension ExperimentResults.MetricResult {
    /// The comparisons without a segment, in the order listed.
    var overallComparisons: [ExperimentResults.Comparison] { comparisons.filter { $0.dimension == nil } }

    /// Whether a lift goes the good way for this metric (`nil` when the lift is missing).
    func isFavourable(_ comparison: ExperimentResults.Comparison) -> Bool? {
        guard let lift = comparison.relativeLift ?? comparison.absoluteLift, lift.isFinite else { return nil }
        return direction == "decrease" ? lift < 0 : lift > 0
    }
}

extension ExperimentResults.GuardrailOutcome {
    /// `✓ non-inferior` or `✗ non-inferiority not shown`: a symbol and words, not colour.
    var verdict: String { nonInferior ? "✓ non-inferior" : "✗ non-inferiority not shown" }

    /// The margin in words: `2.00% (relative)` or `0.05 (absolute)`.
    var marginText: String {
        relative ? "\(ReportNumberFormat.percent(abs(margin))) of control" : "\(ReportNumberFormat.value(abs(margin))) (metric units)"
    }
}
