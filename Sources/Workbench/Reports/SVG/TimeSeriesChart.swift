/// A line chart over timeline days: one line per series (own colour, dash and marker), an
/// optional interval band per series, a legend naming each series, and day labels.
///
/// Used for cumulative lift (relative values with interval bands and a zero line) and daily
/// exposures (counts). The y range covers every line, and every band from the second quarter
/// of the days on: the first days' intervals are often very wide and would flatten the rest,
/// so they are cut at the plot edge (the caption says so).
struct TimeSeriesChart: Sendable {
    /// One line.
    struct Series: Sendable {
        var name: String
        var values: [Double?]
        var low: [Double?] = []
        var high: [Double?] = []
    }

    /// How values are printed on the y axis.
    enum ValueStyle: Sendable { case relative, count }

    var days: [String]
    var series: [Series]
    var style: ValueStyle
    var yLabel: String
    var bandLabel: String?

    private static let width = 1040.0
    private static let height = 310.0
    private static let plotLeft = 76.0
    private static let plotRight = 1020.0
    private static let plotTop = 56.0
    private static let plotBottom = 256.0

    /// The SVG; `title` and `description` are its accessible name and alt text.
    func svg(identifier: String, title: String, description: String) -> String {
        var canvas = SVGCanvas(width: Self.width, height: Self.height, identifier: identifier)
        let dayCount = max(days.count, series.map(\.values.count).max() ?? 0)
        let bandStart = dayCount / 4
        var values: [Double] = [0]
        for line in series {
            values += line.values.compactMap { $0 }
            values += line.low.dropFirst(bandStart).compactMap { $0 } + line.high.dropFirst(bandStart).compactMap { $0 }
        }
        let xPosition: (Int) -> Double = { day in
            dayCount <= 1 ? (Self.plotLeft + Self.plotRight) / 2
                : Self.plotLeft + Double(day) / Double(dayCount - 1) * (Self.plotRight - Self.plotLeft)
        }
        let y = LinearScale(covering: values, padding: 0.05, minimumSpan: style == .relative ? 0.04 : 10, rangeLow: Self.plotBottom, rangeHigh: Self.plotTop, tickCount: 5)

        for tick in y.ticks(count: 5) {
            let position = y(tick)
            canvas.line(Self.plotLeft, position, Self.plotRight, position, stroke: ChartPalette.grid)
            let label = style == .relative ? ReportNumberFormat.tickPercent(tick) : ReportNumberFormat.count(Int(tick.rounded()))
            canvas.text(label, x: Self.plotLeft - 8, y: position + 4, anchor: .end, size: 11, color: ChartPalette.muted)
        }
        canvas.text(yLabel, x: 4, y: Self.plotTop - 12, size: 11, color: ChartPalette.muted, bold: true)
        if y.contains(0) {
            canvas.line(Self.plotLeft, y(0), Self.plotRight, y(0), stroke: ChartPalette.text, width: style == .relative ? 1.5 : 1)
        }
        canvas.line(Self.plotLeft, Self.plotBottom, Self.plotRight, Self.plotBottom, stroke: ChartPalette.axis)
        let labelStep = max(1, Int((Double(dayCount) / 8).rounded(.up)))
        for day in stride(from: 0, to: dayCount, by: labelStep) {
            let position = xPosition(day)
            canvas.line(position, Self.plotBottom, position, Self.plotBottom + 4, stroke: ChartPalette.axis)
            let label = day < days.count ? Self.shortDay(days[day]) : "day \(day + 1)"
            canvas.text(label, x: position, y: Self.plotBottom + 18, anchor: .middle, size: 11, color: ChartPalette.muted)
        }
        canvas.text("day (UTC)", x: (Self.plotLeft + Self.plotRight) / 2, y: Self.plotBottom + 38, anchor: .middle, size: 11,
                    color: ChartPalette.muted)

        canvas.clipRectangle(x: Self.plotLeft, y: Self.plotTop, width: Self.plotRight - Self.plotLeft, height: Self.plotBottom - Self.plotTop)
        for (index, line) in series.enumerated() {
            for run in Self.runs(low: line.low, high: line.high) {
                let upper = run.map { (x: xPosition($0.day), y: y.clamped($0.high)) }
                let lower = run.reversed().map { (x: xPosition($0.day), y: y.clamped($0.low)) }
                canvas.polygon(upper + lower, fill: ChartPalette.color(index), opacity: 0.14, clipped: true)
                // Thin edges in the series' dash pattern tell overlapping bands apart without colour.
                canvas.polyline(upper, stroke: ChartPalette.color(index), width: 0.8, dash: ChartPalette.dash(index) ?? "1 0")
                canvas.polyline(Array(lower.reversed()), stroke: ChartPalette.color(index), width: 0.8, dash: ChartPalette.dash(index) ?? "1 0")
            }
        }
        for (index, line) in series.enumerated() {
            let color = ChartPalette.color(index)
            var run: [(x: Double, y: Double)] = []
            for (day, value) in line.values.enumerated() {
                if let value, value.isFinite {
                    run.append((x: xPosition(day), y: y.clamped(value)))
                } else {
                    canvas.polyline(run, stroke: color, width: 2.2, dash: ChartPalette.dash(index))
                    run = []
                }
            }
            canvas.polyline(run, stroke: color, width: 2.2, dash: ChartPalette.dash(index))
            let markerStep = max(1, dayCount / 10)
            for (day, value) in line.values.enumerated() where day % markerStep == 0 || day == line.values.count - 1 {
                if let value, value.isFinite {
                    canvas.marker(ChartPalette.marker(index), x: xPosition(day), y: y.clamped(value), size: 7, color: color, filled: true)
                }
            }
        }
        drawLegend(&canvas)
        return canvas.render(title: title, description: description)
    }

    private func drawLegend(_ canvas: inout SVGCanvas) {
        var position = Self.plotLeft
        for (index, line) in series.enumerated() {
            let color = ChartPalette.color(index)
            canvas.line(position, 14, position + 28, 14, stroke: color, width: 2.2, dash: ChartPalette.dash(index))
            canvas.marker(ChartPalette.marker(index), x: position + 14, y: 14, size: 7, color: color, filled: true)
            let name = ForestPlot.truncated(line.name, to: 28)
            canvas.text(name, x: position + 34, y: 18, size: 12, tooltip: line.name)
            position += 34 + Double(name.count) * 7.2 + 24
        }
        if let bandLabel {
            canvas.rectangle(x: position, y: 7, width: 24, height: 14, fill: ChartPalette.color(0), opacity: 0.14)
            canvas.text(bandLabel, x: position + 30, y: 18, size: 12)
        }
    }

    /// Consecutive days where both bounds are present: each becomes one band polygon.
    private static func runs(low: [Double?], high: [Double?]) -> [[(day: Int, low: Double, high: Double)]] {
        var runs: [[(day: Int, low: Double, high: Double)]] = []
        var current: [(day: Int, low: Double, high: Double)] = []
        for day in 0..<min(low.count, high.count) {
            if let lower = low[day], let upper = high[day], lower.isFinite, upper.isFinite {
                current.append((day: day, low: lower, high: upper))
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs.filter { $0.count >= 2 }
    }

    /// `2026-03-14` → `03-14`; other text unchanged.
    static func shortDay(_ day: String) -> String {
        let parts = day.split(separator: "-")
        return parts.count == 3 && parts[0].count == 4 ? "\(parts[1])-\(parts[2])" : day
    }
}
