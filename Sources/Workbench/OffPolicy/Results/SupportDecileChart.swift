/// Logged arm counts per score decile as paired bars (treatment left, control right), with
/// each count printed on its bar and low-support deciles shaded and labelled "⚠ low support",
/// so the flag never rests on colour.
struct SupportDecileChart: Sendable {
    var deciles: [SupportDecile]
    var treatment: String
    var control: String

    private static let width = 1040.0
    private static let height = 330.0
    private static let plotLeft = 76.0
    private static let plotRight = 1020.0
    private static let plotTop = 64.0
    private static let plotBottom = 252.0

    /// The SVG; `identifier` makes its element ids unique, `title` is its accessible name.
    func svg(identifier: String, title: String) -> String {
        var canvas = SVGCanvas(width: Self.width, height: Self.height, identifier: identifier)
        let counts = deciles.flatMap { [Double($0.treatment), Double($0.control)] }
        let y = LinearScale(covering: [0] + counts, padding: 0.1, minimumSpan: 10, rangeLow: Self.plotBottom, rangeHigh: Self.plotTop, tickCount: 5)
        let slot = (Self.plotRight - Self.plotLeft) / Double(max(deciles.count, 1))
        let barWidth = min(36, slot * 0.34)

        for (index, decile) in deciles.enumerated() where decile.warning != nil {
            let left = Self.plotLeft + Double(index) * slot
            canvas.rectangle(x: left + 2, y: Self.plotTop - 22, width: slot - 4, height: Self.plotBottom - Self.plotTop + 22, fill: "#fce8e6")
            canvas.text("⚠ low support", x: left + slot / 2, y: Self.plotTop - 8, anchor: .middle, size: 11, color: ChartPalette.bad, bold: true,
                        tooltip: decile.warning)
        }
        for tick in y.ticks(count: 5) {
            canvas.line(Self.plotLeft, y(tick), Self.plotRight, y(tick), stroke: ChartPalette.grid)
            canvas.text(ReportNumberFormat.count(Int(tick.rounded())), x: Self.plotLeft - 8, y: y(tick) + 4, anchor: .end, size: 11,
                        color: ChartPalette.muted)
        }
        canvas.text("logged units", x: 4, y: 40, size: 11, color: ChartPalette.muted, bold: true)
        canvas.line(Self.plotLeft, Self.plotBottom, Self.plotRight, Self.plotBottom, stroke: ChartPalette.axis)
        for (index, decile) in deciles.enumerated() {
            let centre = Self.plotLeft + (Double(index) + 0.5) * slot
            for (offset, count, style) in [(-barWidth - 1, decile.treatment, 0), (1.0, decile.control, 1)] {
                let top = y(Double(count))
                canvas.rectangle(x: centre + offset, y: top, width: barWidth, height: Self.plotBottom - top, fill: ChartPalette.color(style))
                canvas.text(ReportNumberFormat.count(count), x: centre + offset + barWidth / 2, y: top - 4, anchor: .middle, size: 10.5)
            }
            let flagged = decile.warning != nil
            canvas.text("decile \(decile.decile)", x: centre, y: Self.plotBottom + 17, anchor: .middle, size: 11,
                        color: flagged ? ChartPalette.bad : ChartPalette.text, bold: flagged)
            canvas.text("\(ReportNumberFormat.value(decile.minimumScore))–\(ReportNumberFormat.value(decile.maximumScore))",
                        x: centre, y: Self.plotBottom + 32, anchor: .middle, size: 10, color: ChartPalette.muted)
        }
        canvas.text("score decile and score range (lowest scores left)", x: (Self.plotLeft + Self.plotRight) / 2, y: Self.plotBottom + 54,
                    anchor: .middle, size: 11, color: ChartPalette.muted)
        var legendX = Self.plotLeft
        for (label, style) in [(treatment, 0), (control, 1)] {
            let shown = ForestPlot.truncated(label, to: 30)
            canvas.rectangle(x: legendX, y: 8, width: 16, height: 14, fill: ChartPalette.color(style))
            canvas.text(shown, x: legendX + 22, y: 20, size: 12, tooltip: label)
            legendX += 22 + Double(shown.count) * 7 + 24
        }
        canvas.text("left bar: \(ForestPlot.truncated(treatment, to: 20)), right bar: \(ForestPlot.truncated(control, to: 20))",
                    x: legendX, y: 20, size: 12, color: ChartPalette.muted)
        let description = deciles.map {
            "decile \($0.decile): \($0.treatment) \(treatment), \($0.control) \(control)\($0.warning == nil ? "" : ", low support")"
        }.joined(separator: "; ")
        return canvas.render(title: title, description: description)
    }
}
