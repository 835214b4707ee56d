/// A forest-style chart of one metric's estimated value per policy: one row per policy, one
/// sub-line per estimator (IPS, SNIPS, DM, DR; the logged policy's observed mean), each a
/// marker with its bootstrap interval as a whisker, against a dashed reference line at the
/// all-control policy's DR value.
///
/// Estimators differ by marker shape and dash as well as colour (`ChartPalette`), and every
/// value is printed next to the plot, so nothing rests on colour. An undefined estimate draws
/// no marker: its row says "undefined" with the reason (shortened; the full sentence is in the
/// tooltip and the report's notes).
struct PolicyValueChart: Sendable {
    /// One estimator's value for one policy.
    struct Estimate: Sendable {
        /// `IPS`, `SNIPS`, `DM`, `DR` or `observed`.
        var label: String
        /// Index into `ChartPalette` (colour, marker, dash), fixed per estimator across charts.
        var style: Int
        var value: Double?
        var lower: Double?
        var upper: Double?
        /// Why the value or its interval is missing (or a caveat); `nil` when clean.
        var reason: String?
        /// The reason's number in the report's notes.
        var note: Int?
    }

    /// One policy.
    struct Row: Sendable {
        /// `score >= 0.3`, `all control`, ...
        var policy: String
        /// A second, muted label line: treated share and effective sample size.
        var detail: String
        var estimates: [Estimate]
    }

    /// A vertical reference line (the all-control policy's DR value).
    struct Reference: Sendable {
        var label: String
        var value: Double
    }

    var rows: [Row]
    var reference: Reference?
    /// Interval label for the value column header (`95% bootstrap interval`).
    var intervalLabel: String

    private static let width = 1040.0
    private static let labelRight = 238.0
    private static let plotLeft = 252.0
    private static let plotRight = 672.0
    private static let valueLeft = 688.0
    private static let top = 58.0
    private static let lineHeight = 15.0
    private static let rowPadding = 12.0
    private static let axisHeight = 46.0

    /// The estimators in legend order with their palette index: the same for every chart.
    static let legend: [(label: String, style: Int)] = [("IPS", 0), ("SNIPS", 1), ("DM", 2), ("DR", 5), ("observed (logged)", 6)]

    /// The palette index of an estimator (matches `legend`).
    static func style(_ estimator: OffPolicyEstimator) -> Int {
        switch estimator {
        case .ips: return 0
        case .snips: return 1
        case .directMethod: return 2
        case .doublyRobust: return 5
        case .observed: return 6
        }
    }

    /// At least two lines, so the policy's name and detail lines fit a one-estimator row.
    private static func rowHeight(_ row: Row) -> Double { Double(max(row.estimates.count, 2)) * lineHeight + rowPadding }

    /// The SVG; `identifier` makes its element ids unique, `title` is its accessible name.
    func svg(identifier: String, title: String) -> String {
        let plotHeight = rows.reduce(0) { $0 + Self.rowHeight($1) }
        let plotBottom = Self.top + max(plotHeight, Self.lineHeight)
        var canvas = SVGCanvas(width: Self.width, height: plotBottom + Self.axisHeight, identifier: identifier)
        var values: [Double] = []
        for row in rows {
            for estimate in row.estimates { values += [estimate.value, estimate.lower, estimate.upper].compactMap { $0 } }
        }
        if let reference { values.append(reference.value) }
        let scale = LinearScale(covering: values, padding: 0.06, rangeLow: Self.plotLeft, rangeHigh: Self.plotRight)

        drawLegend(&canvas)
        canvas.text("policy", x: Self.labelRight, y: Self.top - 8, anchor: .end, color: ChartPalette.muted, bold: true)
        canvas.text("estimate [\(intervalLabel)]", x: Self.valueLeft, y: Self.top - 8, color: ChartPalette.muted, bold: true)

        var y = Self.top
        for (index, row) in rows.enumerated() where index % 2 == 1 {
            let offset = rows[..<index].reduce(0) { $0 + Self.rowHeight($1) }
            canvas.rectangle(x: 0, y: Self.top + offset, width: Self.width, height: Self.rowHeight(row), fill: "#f4f6f8")
        }
        for tick in scale.ticks() {
            let x = scale(tick)
            canvas.line(x, Self.top - 2, x, plotBottom, stroke: ChartPalette.grid)
            canvas.text(ReportNumberFormat.value(tick), x: x, y: plotBottom + 17, anchor: .middle, size: 11, color: ChartPalette.muted)
        }
        canvas.line(Self.plotLeft, plotBottom, Self.plotRight, plotBottom, stroke: ChartPalette.axis)
        canvas.text("estimated value per unit", x: (Self.plotLeft + Self.plotRight) / 2, y: plotBottom + 36, anchor: .middle, size: 11,
                    color: ChartPalette.muted)
        if let reference {
            let x = scale.clamped(reference.value)
            canvas.line(x, Self.top - 2, x, plotBottom, stroke: ChartPalette.text, width: 1.2, dash: "5 4")
        }

        for row in rows {
            let height = Self.rowHeight(row)
            let middle = y + height / 2
            canvas.text(ForestPlot.truncated(row.policy, to: 34), x: Self.labelRight, y: middle - 2, anchor: .end, bold: true, tooltip: row.policy)
            canvas.text(row.detail, x: Self.labelRight, y: middle + 12, anchor: .end, size: 10.5, color: ChartPalette.muted)
            for (line, estimate) in row.estimates.enumerated() {
                let firstLine = y + (height - Double(row.estimates.count) * Self.lineHeight) / 2
                let lineY = firstLine + (Double(line) + 0.5) * Self.lineHeight
                draw(estimate, y: lineY, scale: scale, canvas: &canvas)
            }
            y += height
        }
        return canvas.render(title: title, description: description)
    }

    private func draw(_ estimate: Estimate, y: Double, scale: LinearScale, canvas: inout SVGCanvas) {
        let color = ChartPalette.color(estimate.style)
        let noteText = estimate.note.map { " (note \($0))" } ?? ""
        guard let value = estimate.value else {
            let reason = estimate.reason ?? "no estimate"
            // About 5.8 px per character at 10 px: the sentence must end inside the plot, and a
            // white strip keeps the grid and the reference line from crossing it.
            let prefix = "\(estimate.label) undefined: "
            let limit = max(12, Int((Self.plotRight - Self.plotLeft - 12) / 5.8) - prefix.count)
            canvas.rectangle(x: Self.plotLeft + 2, y: y - 6, width: Self.plotRight - Self.plotLeft - 4, height: 12, fill: "#ffffff", opacity: 0.85)
            canvas.text(prefix + ForestPlot.truncated(reason, to: limit), x: Self.plotLeft + 6, y: y + 3.5, size: 10,
                        color: ChartPalette.bad, tooltip: reason)
            canvas.text("\(estimate.label) undefined\(noteText)", x: Self.valueLeft, y: y + 4, size: 11, color: ChartPalette.bad)
            return
        }
        if let lower = estimate.lower, let upper = estimate.upper {
            let low = scale.clamped(lower)
            let high = scale.clamped(upper)
            canvas.line(low, y, high, y, stroke: color, width: 2, dash: ChartPalette.dash(estimate.style))
            canvas.line(low, y - 4, low, y + 4, stroke: color, width: 1.5)
            canvas.line(high, y - 4, high, y + 4, stroke: color, width: 1.5)
        }
        canvas.marker(ChartPalette.marker(estimate.style), x: scale.clamped(value), y: y, size: 8, color: color, filled: true)
        var text = "\(estimate.label) \(ReportNumberFormat.value(value))"
        if estimate.lower != nil || estimate.upper != nil {
            text += " " + ReportNumberFormat.valueInterval(estimate.lower, estimate.upper)
        } else {
            text += ", no interval"
        }
        canvas.text(text + noteText, x: Self.valueLeft, y: y + 4, size: 11, tooltip: estimate.reason)
    }

    private func drawLegend(_ canvas: inout SVGCanvas) {
        var x = Self.plotLeft
        for entry in Self.legend {
            let color = ChartPalette.color(entry.style)
            canvas.line(x, 16, x + 26, 16, stroke: color, width: 2, dash: ChartPalette.dash(entry.style))
            canvas.marker(ChartPalette.marker(entry.style), x: x + 13, y: 16, size: 8, color: color, filled: true)
            canvas.text(entry.label, x: x + 32, y: 20, size: 12)
            x += 32 + Double(entry.label.count) * 7 + 22
        }
        if let reference {
            canvas.line(x, 16, x + 26, 16, stroke: ChartPalette.text, width: 1.2, dash: "5 4")
            canvas.text(reference.label, x: x + 32, y: 20, size: 12)
        }
    }

    /// The chart in words, for screen readers.
    private var description: String {
        rows.map { row in
            row.policy + ": " + row.estimates.map { estimate in
                guard let value = estimate.value else { return "\(estimate.label) undefined (\(estimate.reason ?? "no estimate"))" }
                return "\(estimate.label) \(ReportNumberFormat.value(value)) \(ReportNumberFormat.valueInterval(estimate.lower, estimate.upper))"
            }.joined(separator: ", ")
        }.joined(separator: "; ")
    }
}
