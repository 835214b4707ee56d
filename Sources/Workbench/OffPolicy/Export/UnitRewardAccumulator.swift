/// Per-unit metric variables over each unit's window after its first exposure, with the
/// analysis pipeline's semantics (`MetricLayout` sources, `ExperimentAccumulator` windows and
/// caps): an event counts when `first exposure <= time < first exposure + window_days`;
/// proportions become 0/1; caps (a value, or a quantile of the analysed units' values) apply
/// per variable. Quantile metrics have no per-unit value and are skipped.
///
/// A class: the event loop's closure mutates it. Memory: sources x units doubles.
final class UnitRewardAccumulator {
    /// One metric turned into reward variables.
    struct Layout {
        var metric: MetricSpec
        /// Source index of the numerator (or the mean's variable).
        var numerator: Int
        /// Source index of a ratio's denominator.
        var denominator: Int?
    }

    let layouts: [Layout]
    /// Metrics that cannot be evaluated per unit, with the reason.
    let skipped: [(name: String, reason: String)]
    private let sources: [MetricLayout.Source]
    private let firstTime: [Int64]
    private let windowMilliseconds: Int64
    private var values: [Double]
    /// Per event id: (source index, function) of window sources.
    private var windowSources: [[(Int, MetricSpec.EventAggregate.Function)]] = []

    init(spec: ExperimentSpec, exposures: ExposureIndex.Experiment, vocabulary: Vocabulary) {
        var sources: [MetricLayout.Source] = []
        var layouts: [Layout] = []
        var skipped: [(String, String)] = []
        for layout in MetricLayout.layouts(for: spec, sources: &sources) {
            switch layout.metric.kind {
            case .quantile:
                skipped.append((layout.metric.name, "a quantile of per-event values has no per-unit reward to weight; it is not evaluated off-policy"))
            case .ratio:
                layouts.append(Layout(metric: layout.metric, numerator: layout.variables[0], denominator: layout.variables[1]))
            case .proportion, .mean:
                layouts.append(Layout(metric: layout.metric, numerator: layout.variables[0], denominator: nil))
            }
        }
        self.layouts = layouts
        self.skipped = skipped
        self.sources = sources
        firstTime = exposures.firstTime
        windowMilliseconds = Int64((spec.windowDays * 86_400_000).rounded())
        values = [Double](repeating: 0, count: exposures.firstTime.count * max(1, sources.count))
        for (index, source) in sources.enumerated() where source.period == .window {
            let id = Int(vocabulary.events.intern(source.event))
            while windowSources.count <= id { windowSources.append([]) }
            windowSources[id].append((index, source.function))
        }
    }

    /// Adds one event to its unit's window sources. O(sources of the event).
    @inline(__always)
    func consume(_ event: Event) {
        let unit = Int(event.unit)
        let eventID = Int(event.event)
        guard unit < firstTime.count, eventID < windowSources.count else { return }
        let start = firstTime[unit]
        guard start != Int64.max, event.time >= start, event.time - start < windowMilliseconds else { return }
        let base = unit * sources.count
        for (source, function) in windowSources[eventID] {
            switch function {
            case .sum: values[base + source] += event.value
            case .count: values[base + source] += 1
            case .max: values[base + source] = max(values[base + source], event.value)
            }
        }
    }

    /// The reward variables of `units` (unit ids, the analysed units), names and metrics.
    /// Caps use the analysed units' values, as the analysis does.
    func rewards(units: [Int]) -> (values: [[Double]], names: [String], metrics: [OffPolicyMetric]) {
        var columns: [[Double]] = []
        var names: [String] = []
        var metrics: [OffPolicyMetric] = []
        func column(_ source: Int, metric: MetricSpec) -> [Double] {
            var result = units.map { values[$0 * sources.count + source] }
            if case .proportion = metric.kind { result = result.map { $0 > 0 ? 1 : 0 } }
            switch metric.cap {
            case .none: break
            case .value(let level): result = result.map { min($0, level) }
            case .quantile(let probability):
                let sorted = result.sorted()
                if !sorted.isEmpty {
                    let position = probability * Double(sorted.count - 1)
                    let lower = Int(position.rounded(.down))
                    let upper = min(lower + 1, sorted.count - 1)
                    let level = sorted[lower] + (position - Double(lower)) * (sorted[upper] - sorted[lower])
                    result = result.map { min($0, level) }
                }
            }
            return result
        }
        for layout in layouts {
            let numerator = columns.count
            columns.append(column(layout.numerator, metric: layout.metric))
            var denominator: Int?
            if let source = layout.denominator {
                names.append("\(layout.metric.name) numerator")
                denominator = columns.count
                columns.append(column(source, metric: layout.metric))
                names.append("\(layout.metric.name) denominator")
            } else {
                names.append(layout.metric.name)
            }
            metrics.append(OffPolicyMetric(name: layout.metric.name, numerator: numerator, denominator: denominator,
                                           increaseIsGood: layout.metric.increaseIsGood, isGuardrail: layout.metric.guardrail != nil))
        }
        return (columns, names, metrics)
    }
}
