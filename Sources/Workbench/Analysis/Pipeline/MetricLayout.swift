/// How one metric of a spec is computed per unit: which accumulated sources feed which
/// variables of its `MomentSums`.
struct MetricLayout {
    /// An accumulated per-unit quantity: an aggregate of one event in one period.
    struct Source: Hashable {
        enum Period: Hashable { case window, prePeriod }
        var event: String
        var function: MetricSpec.EventAggregate.Function
        var period: Period
    }

    let metric: MetricSpec
    /// Source index per variable; empty for quantile metrics.
    let variables: [Int]
    /// Whether variable 0 is turned into 0/1 (conversion).
    let isProportion: Bool
    /// For quantile metrics: the event whose values are collected.
    let quantileEvent: String?

    var dimension: Int { variables.count }

    /// Builds the layouts of `spec`'s metrics, registering the sources they need (deduplicated)
    /// in `sources`.
    static func layouts(for spec: ExperimentSpec, sources: inout [Source]) -> [MetricLayout] {
        func index(_ source: Source) -> Int {
            if let existing = sources.firstIndex(of: source) { return existing }
            sources.append(source)
            return sources.count - 1
        }
        return spec.metrics.map { metric in
            switch metric.kind {
            case .proportion(let event):
                let converted = index(Source(event: event, function: .count, period: .window))
                return MetricLayout(metric: metric, variables: [converted], isProportion: true, quantileEvent: nil)
            case .mean(let aggregate):
                var variables = [index(Source(event: aggregate.event, function: aggregate.function, period: .window))]
                if metric.cuped && spec.prePeriodDays > 0 {
                    variables.append(index(Source(event: aggregate.event, function: aggregate.function, period: .prePeriod)))
                }
                return MetricLayout(metric: metric, variables: variables, isProportion: false, quantileEvent: nil)
            case .ratio(let numerator, let denominator):
                var variables = [
                    index(Source(event: numerator.event, function: numerator.function, period: .window)),
                    index(Source(event: denominator.event, function: denominator.function, period: .window)),
                ]
                if metric.cuped && spec.prePeriodDays > 0 {
                    variables.append(index(Source(event: numerator.event, function: numerator.function, period: .prePeriod)))
                    variables.append(index(Source(event: denominator.event, function: denominator.function, period: .prePeriod)))
                }
                return MetricLayout(metric: metric, variables: variables, isProportion: false, quantileEvent: nil)
            case .quantile(let event, _):
                return MetricLayout(metric: metric, variables: [], isProportion: false, quantileEvent: event)
            }
        }
    }
}
