/// A small chart under the threshold sweep: the share of units each threshold treats and the
/// effective sample share (Kish ESS / units) of its importance weights, both 0–100 %, on the
/// same x axis as `ThresholdSweepChart`.
struct TreatedShareChart: Sendable {
    /// One threshold's shares, fractions in [0, 1].
    struct Point: Sendable {
        var threshold: Double
        var treatedShare: Double
        var effectiveSampleShare: Double
    }

    var points: [Point]

    private static let height = 210.0
    private static let plotTop = 40.0
    private static let plotBottom = 160.0

    /// The SVG; `identifier` makes its element ids unique, `title` is its accessible name.
    func svg(identifier: String, title: String) -> String {
        let left = ThresholdSweepChart.plotLeft
        let right = ThresholdSweepChart.plotRight
        var canvas = SVGCanvas(width: ThresholdSweepChart.width, height: Self.height, identifier: identifier)
        let x = ThresholdSweepChart.thresholdScale(points.map(\.threshold))
        let y = LinearScale(covering: [0, 1], padding: 0, rangeLow: Self.plotBottom, rangeHigh: Self.plotTop, tickCount: 4)
        for tick in y.ticks(count: 4) {
            canvas.line(left, y(tick), right, y(tick), stroke: ChartPalette.grid)
            canvas.text(ReportNumberFormat.tickPercent(tick).replacingOccurrences(of: "+", with: ""), x: left - 8, y: y(tick) + 4, anchor: .end, size: 11, color: ChartPalette.muted)
        }
        for tick in x.ticks(count: 8) {
            canvas.line(x(tick), Self.plotBottom, x(tick), Self.plotBottom + 4, stroke: ChartPalette.axis)
            canvas.text(ReportNumberFormat.value(tick), x: x(tick), y: Self.plotBottom + 18, anchor: .middle, size: 11, color: ChartPalette.muted)
        }
        canvas.line(left, Self.plotBottom, right, Self.plotBottom, stroke: ChartPalette.axis)
        canvas.text("threshold", x: (left + right) / 2, y: Self.plotBottom + 38, anchor: .middle, size: 11, color: ChartPalette.muted)
        let series: [(label: String, style: Int, values: [Double])] = [
            ("treated share", 0, points.map(\.treatedShare)),
            ("effective sample share (ESS / units)", 2, points.map(\.effectiveSampleShare)),
        ]
        var legendX = left
        for entry in series {
            let color = ChartPalette.color(entry.style)
            let line = zip(points, entry.values).map { (x: x($0.threshold), y: y.clamped($1)) }
            canvas.polyline(line, stroke: color, width: 2, dash: ChartPalette.dash(entry.style))
            for point in line { canvas.marker(ChartPalette.marker(entry.style), x: point.x, y: point.y, size: 7, color: color, filled: true) }
            canvas.line(legendX, 15, legendX + 28, 15, stroke: color, width: 2, dash: ChartPalette.dash(entry.style))
            canvas.marker(ChartPalette.marker(entry.style), x: legendX + 14, y: 15, size: 7, color: color, filled: true)
            canvas.text(entry.label, x: legendX + 34, y: 19, size: 12)
            legendX += 34 + Double(entry.label.count) * 6.8 + 24
        }
        let description = points.map {
            "threshold \(ReportNumberFormat.value($0.threshold)): treated \(ReportNumberFormat.percent($0.treatedShare)), "
                + "effective sample \(ReportNumberFormat.percent($0.effectiveSampleShare))"
        }.joined(separator: "; ")
        return canvas.render(title: title, description: description)
    }
}
