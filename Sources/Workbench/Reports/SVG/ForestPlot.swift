/// A forest plot: one row per metric and treatment variant, the relative lift as a marker and
/// its confidence interval as a line, against a zero line.
///
/// Significant rows get a filled diamond (not significant: a hollow circle) and the word
/// "significant" in the value column, so significance does not rest on colour. Guardrail
/// margins are drawn as a dashed vertical segment in their row. A row without an estimate
/// says so in words instead of drawing a point.
struct ForestPlot: Sendable {
    /// One plotted comparison.
    struct Row: Sendable {
        var metric: String
        var variant: String
        /// Relative lift, confidence bounds and guardrail margin as fractions (0.05 = +5 %).
        var lift: Double?
        var low: Double?
        var high: Double?
        var significant: Bool
        /// Whether the lift goes the good way (colours the marker when significant).
        var favourable: Bool?
        var margin: Double?
        /// Whether the guardrail's non-inferiority was shown (`nil`: not a guardrail).
        var guardrailPassed: Bool?
    }

    var rows: [Row]
    /// Interval label for the caption (`95% CI`).
    var intervalLabel: String

    private static let width = 1040.0
    private static let labelRight = 262.0
    private static let plotLeft = 278.0
    private static let plotRight = 598.0
    private static let valueLeft = 612.0
    private static let statusLeft = 812.0
    private static let rowHeight = 30.0
    private static let top = 34.0
    private static let axisHeight = 44.0

    /// The SVG, `identifier` making its element ids unique in the document.
    func svg(identifier: String) -> String {
        let height = Self.top + Double(max(rows.count, 1)) * Self.rowHeight + Self.axisHeight
        var canvas = SVGCanvas(width: Self.width, height: height, identifier: identifier)
        var values: [Double] = [0]
        for row in rows {
            values += [row.lift, row.low, row.high, row.margin].compactMap { $0 }
        }
        let scale = LinearScale(covering: values, padding: 0.08, minimumSpan: 0.04, rangeLow: Self.plotLeft, rangeHigh: Self.plotRight)
        let plotBottom = Self.top + Double(max(rows.count, 1)) * Self.rowHeight

        canvas.text("metric · variant", x: Self.labelRight, y: 20, anchor: .end, color: ChartPalette.muted, bold: true)
        canvas.text("relative lift vs control", x: (Self.plotLeft + Self.plotRight) / 2, y: 20, anchor: .middle,
                    color: ChartPalette.muted, bold: true)
        canvas.text("lift [\(intervalLabel)]", x: Self.valueLeft, y: 20, color: ChartPalette.muted, bold: true)
        canvas.text("verdict", x: Self.statusLeft, y: 20, color: ChartPalette.muted, bold: true)

        // Row shading first, so the grid and the zero line stay visible on top of it.
        for index in rows.indices where index % 2 == 1 {
            canvas.rectangle(x: 0, y: Self.top + Double(index) * Self.rowHeight, width: Self.width, height: Self.rowHeight, fill: "#f4f6f8")
        }
        for tick in scale.ticks() {
            let x = scale(tick)
            canvas.line(x, Self.top - 4, x, plotBottom, stroke: ChartPalette.grid)
            canvas.text(ReportNumberFormat.tickPercent(tick), x: x, y: plotBottom + 18, anchor: .middle, size: 11, color: ChartPalette.muted)
        }
        canvas.line(Self.plotLeft, plotBottom, Self.plotRight, plotBottom, stroke: ChartPalette.axis)
        canvas.line(scale(0), Self.top - 4, scale(0), plotBottom, stroke: ChartPalette.text, width: 1.5)
        canvas.text("relative lift (zero line = no difference)", x: (Self.plotLeft + Self.plotRight) / 2, y: plotBottom + 36,
                    anchor: .middle, size: 11, color: ChartPalette.muted)

        var previousMetric: String?
        for (index, row) in rows.enumerated() {
            let y = Self.top + (Double(index) + 0.5) * Self.rowHeight
            let label = row.metric == previousMetric ? Self.truncated(row.variant, to: 36) : Self.label(metric: row.metric, variant: row.variant)
            canvas.text(label, x: Self.labelRight, y: y + 4, anchor: .end, bold: row.metric != previousMetric,
                        tooltip: "\(row.metric) · \(row.variant)")
            previousMetric = row.metric
            drawInterval(row, y: y, scale: scale, canvas: &canvas)
        }
        for (index, row) in rows.enumerated() where row.lift != nil {
            let y = Self.top + (Double(index) + 0.5) * Self.rowHeight
            drawMarker(row, y: y, scale: scale, canvas: &canvas)
        }
        return canvas.render(title: "Forest plot of relative lift per metric and variant", description: description)
    }

    private func drawInterval(_ row: Row, y: Double, scale: LinearScale, canvas: inout SVGCanvas) {
        let color = Self.color(row)
        if let margin = row.margin {
            let x = scale.clamped(margin)
            canvas.line(x, y - 12, x, y + 12, stroke: ChartPalette.bad, width: 1.5, dash: "4 3")
        }
        guard let lift = row.lift else {
            // A white label box keeps the text readable over the zero line and grid.
            canvas.rectangle(x: (Self.plotLeft + Self.plotRight) / 2 - 70, y: y - 8, width: 140, height: 16, fill: "#ffffff", stroke: ChartPalette.grid)
            canvas.text("no estimate (see notes)", x: (Self.plotLeft + Self.plotRight) / 2, y: y + 4, anchor: .middle, size: 11,
                        color: ChartPalette.muted)
            canvas.text(ReportNumberFormat.missing, x: Self.valueLeft, y: y + 4)
            if row.significant {
                canvas.text("significant (absolute scale)", x: Self.statusLeft, y: y + 4, size: 11,
                            color: (row.favourable ?? true) ? ChartPalette.good : ChartPalette.bad, bold: true)
            }
            return
        }
        // An open side (null bound) runs to the plot edge with an arrow-like cap.
        let low = row.low.map(scale.clamped) ?? Self.plotLeft
        let high = row.high.map(scale.clamped) ?? Self.plotRight
        canvas.line(low, y, high, y, stroke: color, width: 2.5)
        for (bound, x) in [(row.low, low), (row.high, high)] {
            if bound != nil && scale.contains(bound ?? 0) { canvas.line(x, y - 6, x, y + 6, stroke: color, width: 2) }
        }
        let value = "\(ReportNumberFormat.signedPercent(lift)) \(ReportNumberFormat.percentInterval(row.low, row.high))"
        canvas.text(value, x: Self.valueLeft, y: y + 4, size: 12, color: ChartPalette.text, bold: row.significant)
        var status: [String] = []
        if row.significant { status.append("significant") }
        if let passed = row.guardrailPassed { status.append(passed ? "✓ guardrail met" : "✗ guardrail not met") }
        if !status.isEmpty {
            let passed = row.guardrailPassed ?? (row.favourable ?? true)
            canvas.text(status.joined(separator: " · "), x: Self.statusLeft, y: y + 4, size: 11,
                        color: passed ? ChartPalette.good : ChartPalette.bad, bold: true)
        }
    }

    private func drawMarker(_ row: Row, y: Double, scale: LinearScale, canvas: inout SVGCanvas) {
        guard let lift = row.lift else { return }
        let x = scale.clamped(lift)
        canvas.marker(row.significant ? .diamond : .circle, x: x, y: y, size: 10, color: Self.color(row), filled: row.significant)
    }

    private static func color(_ row: Row) -> String {
        guard row.significant, let favourable = row.favourable else { return ChartPalette.neutral }
        return favourable ? ChartPalette.good : ChartPalette.bad
    }

    /// The chart in words, for screen readers.
    private var description: String {
        rows.map { row in
            guard let lift = row.lift else { return "\(row.metric), \(row.variant): no estimate" }
            return "\(row.metric), \(row.variant): \(ReportNumberFormat.signedPercent(lift)) "
                + "\(ReportNumberFormat.percentInterval(row.low, row.high))\(row.significant ? ", significant" : "")"
        }.joined(separator: "; ")
    }

    /// `metric · variant` in at most 36 characters, shortening the metric first so that the
    /// variant stays readable.
    static func label(metric: String, variant: String) -> String {
        let limit = 36
        if metric.count + variant.count + 3 <= limit { return "\(metric) · \(variant)" }
        let variantPart = truncated(variant, to: max(12, limit - 3 - min(metric.count, 18)))
        return "\(truncated(metric, to: limit - 3 - variantPart.count)) · \(variantPart)"
    }

    /// Shortens a label to `limit` characters with an ellipsis; the full text is in a tooltip.
    static func truncated(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
