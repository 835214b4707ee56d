/// The forest plot as a text bar per comparison, for the Markdown report: a fixed-width strip
/// where `┃` is zero, `─` the interval, `◆`/`○` the lift (significant or not) and `╎` a
/// guardrail margin. No `|` or backtick is ever drawn, so the bar is safe in a table cell.
struct TextForestPlot {
    private let scale: LinearScale
    private let result: ExperimentResults
    static let width = 31

    init(result: ExperimentResults) {
        self.result = result
        var values: [Double] = [0]
        for metric in result.metrics {
            for comparison in metric.overallComparisons {
                values += [comparison.relativeLift, comparison.ciLow, comparison.ciHigh].compactMap { $0 }.filter(\.isFinite)
                if let margin = comparison.guardrail.flatMap({ result.relativeMargin($0, metric: metric) }) { values.append(margin) }
            }
        }
        scale = LinearScale(covering: values, padding: 0.02, minimumSpan: 0.04, rangeLow: 0, rangeHigh: Double(Self.width - 1))
    }

    /// `from −2.5% to +5%`, the strip's span.
    var scaleText: String {
        "each bar spans \(ReportNumberFormat.tickPercent(scale.domainLow)) to \(ReportNumberFormat.tickPercent(scale.domainHigh)), \(ReportNumberFormat.tickPercent((scale.domainHigh - scale.domainLow) / Double(Self.width - 1))) per character"
    }

    func bar(_ comparison: ExperimentResults.Comparison, metric: ExperimentResults.MetricResult) -> String {
        var cells = Array(repeating: Character("·"), count: Self.width)
        let position: (Double) -> Int = { min(Self.width - 1, max(0, Int(scale($0).rounded()))) }
        if let lift = comparison.relativeLift, lift.isFinite {
            let low = comparison.ciLow.flatMap { $0.isFinite ? position($0) : nil } ?? 0
            let high = comparison.ciHigh.flatMap { $0.isFinite ? position($0) : nil } ?? Self.width - 1
            for index in low...max(low, high) { cells[index] = "─" }
            cells[position(0)] = "┃"
            if let margin = comparison.guardrail.flatMap({ result.relativeMargin($0, metric: metric) }) { cells[position(margin)] = "╎" }
            cells[position(lift)] = result.isSignificant(comparison) ? "◆" : "○"
        } else {
            cells[position(0)] = "┃"
        }
        return String(cells)
    }
}
