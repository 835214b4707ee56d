/// One metric's estimated value against the policy threshold: the DR estimate as a line with
/// its bootstrap band, IPS and SNIPS as points, and the all-control and all-treatment DR values
/// as horizontal reference lines.
///
/// Shares its x axis layout with `TreatedShareChart` (`thresholdScale`), so the two charts line
/// up when stacked. Undefined estimates are left out (the caption and the table say how many).
struct ThresholdSweepChart: Sendable {
    /// The estimates at one threshold.
    struct Point: Sendable {
        var threshold: Double
        var doublyRobust: Double?
        var lower: Double?
        var upper: Double?
        var inverseProbability: Double?
        var selfNormalised: Double?
    }

    var points: [Point]
    var allControl: Double?
    var allTreatment: Double?
    /// Control and treatment variant names, for the reference lines' legend.
    var control: String
    var treatment: String

    static let width = 1040.0
    static let plotLeft = 84.0
    static let plotRight = 1010.0
    private static let height = 320.0
    private static let plotTop = 56.0
    private static let plotBottom = 270.0

    /// The x scale over the thresholds, shared with `TreatedShareChart`.
    static func thresholdScale(_ thresholds: [Double]) -> LinearScale {
        LinearScale(covering: thresholds, padding: 0.04, rangeLow: plotLeft, rangeHigh: plotRight, tickCount: 8)
    }

    /// The SVG; `identifier` makes its element ids unique, `title` is its accessible name.
    func svg(identifier: String, title: String) -> String {
        var canvas = SVGCanvas(width: Self.width, height: Self.height, identifier: identifier)
        let x = Self.thresholdScale(points.map(\.threshold))
        var values: [Double] = [allControl, allTreatment].compactMap { $0 }
        for point in points {
            values += [point.doublyRobust, point.lower, point.upper, point.inverseProbability, point.selfNormalised].compactMap { $0 }
        }
        let y = LinearScale(covering: values, padding: 0.06, rangeLow: Self.plotBottom, rangeHigh: Self.plotTop, tickCount: 5)

        for tick in y.ticks(count: 5) {
            canvas.line(Self.plotLeft, y(tick), Self.plotRight, y(tick), stroke: ChartPalette.grid)
            canvas.text(ReportNumberFormat.value(tick), x: Self.plotLeft - 8, y: y(tick) + 4, anchor: .end, size: 11, color: ChartPalette.muted)
        }
        for tick in x.ticks(count: 8) {
            canvas.line(x(tick), Self.plotBottom, x(tick), Self.plotBottom + 4, stroke: ChartPalette.axis)
            canvas.text(ReportNumberFormat.value(tick), x: x(tick), y: Self.plotBottom + 18, anchor: .middle, size: 11, color: ChartPalette.muted)
        }
        canvas.line(Self.plotLeft, Self.plotBottom, Self.plotRight, Self.plotBottom, stroke: ChartPalette.axis)
        canvas.text("threshold (treat when score >= threshold)", x: (Self.plotLeft + Self.plotRight) / 2, y: Self.plotBottom + 38,
                    anchor: .middle, size: 11, color: ChartPalette.muted)
        canvas.text("value per unit", x: 4, y: Self.plotTop - 12, size: 11, color: ChartPalette.muted, bold: true)

        canvas.clipRectangle(x: Self.plotLeft, y: Self.plotTop, width: Self.plotRight - Self.plotLeft, height: Self.plotBottom - Self.plotTop)
        let drColor = ChartPalette.color(5)
        // The band in runs of consecutive thresholds with both bounds: a gap stays a gap.
        var run: [Point] = []
        func flushBand() {
            let upper = run.map { (x: x($0.threshold), y: y.clamped($0.upper ?? 0)) }
            let lower = run.reversed().map { (x: x($0.threshold), y: y.clamped($0.lower ?? 0)) }
            canvas.polygon(upper + lower, fill: drColor, opacity: 0.16, clipped: true)
            run = []
        }
        for point in points {
            if point.doublyRobust != nil && point.lower != nil && point.upper != nil { run.append(point) } else { flushBand() }
        }
        flushBand()
        for (value, dash) in [(allControl, "6 4"), (allTreatment, "2 3")] {
            if let value { canvas.line(Self.plotLeft, y.clamped(value), Self.plotRight, y.clamped(value), stroke: ChartPalette.text, width: 1.2, dash: dash) }
        }
        var line: [(x: Double, y: Double)] = []
        for point in points {
            if let value = point.doublyRobust {
                line.append((x: x(point.threshold), y: y.clamped(value)))
            } else {
                canvas.polyline(line, stroke: drColor, width: 2.2)
                line = []
            }
        }
        canvas.polyline(line, stroke: drColor, width: 2.2)
        for point in points {
            if let value = point.doublyRobust {
                canvas.marker(ChartPalette.marker(5), x: x(point.threshold), y: y.clamped(value), size: 8, color: drColor, filled: true)
            }
            // IPS and SNIPS hollow, so they stay visible where they sit on the DR line.
            if let value = point.inverseProbability {
                canvas.marker(ChartPalette.marker(0), x: x(point.threshold) - 4, y: y.clamped(value), size: 7, color: ChartPalette.color(0), filled: false)
            }
            if let value = point.selfNormalised {
                canvas.marker(ChartPalette.marker(1), x: x(point.threshold) + 4, y: y.clamped(value), size: 7, color: ChartPalette.color(1), filled: false)
            }
        }
        drawLegend(&canvas)
        return canvas.render(title: title, description: description)
    }

    private func drawLegend(_ canvas: inout SVGCanvas) {
        var position = Self.plotLeft
        func advance(_ label: String) { position += 34 + Double(label.count) * 6.8 + 20 }
        let drColor = ChartPalette.color(5)
        canvas.rectangle(x: position, y: 8, width: 28, height: 14, fill: drColor, opacity: 0.16)
        canvas.line(position, 15, position + 28, 15, stroke: drColor, width: 2.2)
        canvas.marker(ChartPalette.marker(5), x: position + 14, y: 15, size: 8, color: drColor, filled: true)
        canvas.text("DR with interval band", x: position + 34, y: 19, size: 12)
        advance("DR with interval band")
        for (label, style) in [("IPS", 0), ("SNIPS", 1)] {
            canvas.marker(ChartPalette.marker(style), x: position + 14, y: 15, size: 7, color: ChartPalette.color(style), filled: false)
            canvas.text(label, x: position + 34, y: 19, size: 12)
            advance(label)
        }
        for (label, dash, value) in [("all \(control) (DR)", "6 4", allControl), ("all \(treatment) (DR)", "2 3", allTreatment)] where value != nil {
            let shown = ForestPlot.truncated(label, to: 30)
            canvas.line(position, 15, position + 28, 15, stroke: ChartPalette.text, width: 1.2, dash: dash)
            canvas.text(shown, x: position + 34, y: 19, size: 12, tooltip: label)
            advance(shown)
        }
    }

    /// The chart in words, for screen readers.
    private var description: String {
        points.map { point in
            "threshold \(ReportNumberFormat.value(point.threshold)): DR \(ReportNumberFormat.value(point.doublyRobust)) "
                + "\(ReportNumberFormat.valueInterval(point.lower, point.upper)), IPS \(ReportNumberFormat.value(point.inverseProbability)), "
                + "SNIPS \(ReportNumberFormat.value(point.selfNormalised))"
        }.joined(separator: "; ")
    }
}
