/// The real history's verdicts per rule and look: one row per rule, one cell per look
/// (pass = thin grey tick, marginal = half-height amber cell, fail = full-height red cell, so
/// shape says as much as colour), a triangle at each rule's first alarm, a dashed line at the
/// regression onset.
struct AlarmTimelineChart: Sendable {
    struct Row: Sendable {
        var name: String
        /// Per look: "pass", "marginal" or "fail".
        var judgements: [String]
        var firstAlarm: Int?
    }

    var rows: [Row]
    var lookLabels: [String]
    /// Position of the onset in looks (fractional), nil when outside the schedule.
    var onsetPosition: Double?

    private static let width = 1040.0
    private static let plotLeft = 150.0
    private static let plotRight = 1020.0
    private static let rowHeight = 30.0
    private static let top = 24.0

    func svg(identifier: String, title: String, description: String) -> String {
        let height = Self.top + Double(rows.count) * Self.rowHeight + 56
        var canvas = SVGCanvas(width: Self.width, height: height, identifier: identifier)
        let looks = max(1, lookLabels.count)
        let cell = (Self.plotRight - Self.plotLeft) / Double(looks)
        for (index, row) in rows.enumerated() {
            let top = Self.top + Double(index) * Self.rowHeight
            canvas.text(row.name, x: Self.plotLeft - 8, y: top + Self.rowHeight / 2 + 4, anchor: .end, size: 12)
            canvas.line(Self.plotLeft, top + Self.rowHeight - 4, Self.plotRight, top + Self.rowHeight - 4, stroke: ChartPalette.grid)
            for (look, judgement) in row.judgements.enumerated() {
                let x = Self.plotLeft + Double(look) * cell
                switch judgement {
                case "fail":
                    canvas.rectangle(x: x + 0.5, y: top + 4, width: cell - 1, height: Self.rowHeight - 8, fill: ChartPalette.bad)
                case "marginal":
                    canvas.rectangle(x: x + 0.5, y: top + Self.rowHeight / 2, width: cell - 1, height: Self.rowHeight / 2 - 4, fill: "#E69F00")
                default:
                    canvas.rectangle(x: x + 0.5, y: top + Self.rowHeight - 7, width: cell - 1, height: 3, fill: ChartPalette.grid)
                }
            }
            if let alarm = row.firstAlarm {
                canvas.marker(.triangle, x: Self.plotLeft + (Double(alarm) + 0.5) * cell, y: top + 2, size: 8, color: ChartPalette.text, filled: true)
            }
        }
        let bottom = Self.top + Double(rows.count) * Self.rowHeight
        let step = max(1, Int((Double(looks) / 10).rounded(.up)))
        for look in stride(from: 0, to: lookLabels.count, by: step) {
            let x = Self.plotLeft + (Double(look) + 1) * cell
            canvas.line(x, bottom, x, bottom + 4, stroke: ChartPalette.axis)
            canvas.text(lookLabels[look], x: x, y: bottom + 18, anchor: .middle, size: 10, color: ChartPalette.muted)
        }
        if let onset = onsetPosition {
            let x = Self.plotLeft + onset * cell
            canvas.line(x, Self.top - 6, x, bottom, stroke: ChartPalette.text, width: 1.5, dash: "5 4")
            canvas.text("onset", x: x + 3, y: Self.top - 10, size: 10, color: ChartPalette.text)
        }
        canvas.text("look time (UTC); ▲ first alarm; full red = fail, half amber = marginal, grey tick = pass", x: Self.plotLeft,
                    y: bottom + 40, size: 11, color: ChartPalette.muted)
        return canvas.render(title: title, description: description)
    }
}
