/// Power against injected regression size: one line per rule (colour, dash and marker), a
/// dashed reference at 80 %, sizes on a linear x axis.
struct PowerCurveChart: Sendable {
    struct Series: Sendable {
        var name: String
        /// (size, power in [0, 1]).
        var points: [(size: Double, power: Double)]
    }

    var series: [Series]

    private static let width = 760.0
    private static let height = 330.0
    private static let plotLeft = 64.0
    private static let plotRight = 560.0
    private static let plotTop = 30.0
    private static let plotBottom = 270.0

    func svg(identifier: String, title: String, description: String) -> String {
        var canvas = SVGCanvas(width: Self.width, height: Self.height, identifier: identifier)
        let sizes = series.flatMap { $0.points.map(\.size) }
        let x = LinearScale(covering: [0] + sizes, padding: 0.02, rangeLow: Self.plotLeft, rangeHigh: Self.plotRight, tickCount: 6)
        let y = LinearScale(covering: [0, 1], padding: 0, rangeLow: Self.plotBottom, rangeHigh: Self.plotTop, tickCount: 5)
        for tick in y.ticks(count: 5) {
            canvas.line(Self.plotLeft, y(tick), Self.plotRight, y(tick), stroke: ChartPalette.grid)
            canvas.text(ReportNumberFormat.percent(tick), x: Self.plotLeft - 8, y: y(tick) + 4, anchor: .end, size: 11, color: ChartPalette.muted)
        }
        for tick in x.ticks(count: 6) {
            canvas.line(x(tick), Self.plotBottom, x(tick), Self.plotBottom + 4, stroke: ChartPalette.axis)
            canvas.text(ReportNumberFormat.percent(tick), x: x(tick), y: Self.plotBottom + 18, anchor: .middle, size: 11, color: ChartPalette.muted)
        }
        canvas.line(Self.plotLeft, Self.plotBottom, Self.plotRight, Self.plotBottom, stroke: ChartPalette.axis)
        canvas.line(Self.plotLeft, Self.plotTop, Self.plotLeft, Self.plotBottom, stroke: ChartPalette.axis)
        canvas.line(Self.plotLeft, y(0.8), Self.plotRight, y(0.8), stroke: ChartPalette.text, width: 1, dash: "5 4")
        canvas.text("80%", x: Self.plotRight + 4, y: y(0.8) + 4, size: 11, color: ChartPalette.text)
        canvas.text("regression size d (relative)", x: (Self.plotLeft + Self.plotRight) / 2, y: Self.plotBottom + 40, anchor: .middle,
                    size: 11, color: ChartPalette.muted)
        canvas.text("power", x: 4, y: Self.plotTop - 12, size: 11, color: ChartPalette.muted, bold: true)
        for (index, line) in series.enumerated() {
            let points = line.points.map { (x: x($0.size), y: y($0.power)) }
            canvas.polyline(points, stroke: ChartPalette.color(index), width: 2, dash: ChartPalette.dash(index))
            for point in points {
                canvas.marker(ChartPalette.marker(index), x: point.x, y: point.y, size: 7, color: ChartPalette.color(index), filled: true)
            }
            let legendY = Self.plotTop + 8 + Double(index) * 20
            canvas.line(Self.plotRight + 40, legendY, Self.plotRight + 64, legendY, stroke: ChartPalette.color(index), width: 2,
                        dash: ChartPalette.dash(index))
            canvas.marker(ChartPalette.marker(index), x: Self.plotRight + 52, y: legendY, size: 7, color: ChartPalette.color(index), filled: true)
            canvas.text(line.name, x: Self.plotRight + 70, y: legendY + 4, size: 11)
        }
        return canvas.render(title: title, description: description)
    }
}
