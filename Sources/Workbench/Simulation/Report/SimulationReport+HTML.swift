extension SimulationReport {
    /// The self-contained HTML report: inline CSS and SVG, no scripts, every data string
    /// escaped with `ReportEscaping.html`.
    public static func html(_ result: SimulationResult) -> String {
        func e(_ text: String) -> String { ReportEscaping.html(text) }
        var body = "<h1>Rollout policy simulation: \(e(result.experiment))</h1>\n"
        body += "<p>Treatment <code>\(e(result.treatment))</code> vs control <code>\(e(result.control))</code>, flag key <code>\(e(result.flagKey))</code>, hash <code>\(e(result.hash))</code>.</p>\n"
        body += "<p class=\"note\"><strong>How the replay works.</strong> \(e(result.semantics))</p>\n"
        let history = result.history
        body += "<h2>History</h2>\n<table class=\"settings\"><tbody>"
        for (label, value) in [
            ("Units", ReportNumberFormat.count(history.units)),
            ("Treatment / control units", "\(ReportNumberFormat.count(history.treatmentUnits)) / \(ReportNumberFormat.count(history.controlUnits)) (treated share \(ReportNumberFormat.percent(history.treatmentShare)))"),
            ("Guardrail events kept", "\(ReportNumberFormat.count(history.eventsKept)) (metric window \(ReportNumberFormat.setting(history.windowDays)) days after first exposure)"),
            ("Rollout start → last look", "\(history.start) → \(history.end)"),
            ("Looks", "\(history.looks), every \(hours(history.lookEveryHours))"),
            ("Guardrail metrics", result.guardrailMetrics.map { "\($0.name) (\($0.direction) is good, margin \(ReportNumberFormat.setting($0.margin))\($0.relativeMargin ? " relative" : ""))" }.joined(separator: "; ")),
            ("A/A replicates", "\(result.settings.replicates) (seed \(result.settings.seed))"),
            ("Rollback latency", hours(result.settings.rollbackLatencyHours)),
            ("Injected regressions", result.settings.regressions.isEmpty ? "none" : result.settings.regressions.map(\.label).joined(separator: ", ")),
        ] {
            body += "<tr><th>\(e(label))</th><td>\(e(value))</td></tr>"
        }
        body += "</tbody></table>\n"

        body += "<h2>Frontier</h2>\n<p class=\"note\">Lower is better in every column. A dominated policy is matched or beaten on all three by another policy.</p>\n"
        body += "<table><thead><tr><th>Policy</th><th class=\"num\">Median time to full rollout (A/A)</th><th class=\"num\">p10–p90</th><th class=\"num\">False-stop rate</th><th class=\"num\">95% CI</th><th class=\"num\">Mean units exposed on bad scenarios</th><th>Dominated</th></tr></thead><tbody>\n"
        for (row, policy) in zip(result.frontier, result.policies) {
            let time = policy.good.hoursToFullRollout
            body += "<tr><th>\(e(row.policy))</th><td class=\"num\">\(e(time.map { hours($0.median) } ?? "never"))</td>"
            body += "<td class=\"num\">\(e(time.map { "\(hours($0.p10)) – \(hours($0.p90))" } ?? ReportNumberFormat.missing))</td>"
            body += "<td class=\"num\">\(e(ReportNumberFormat.percent(row.falseStopRate)))</td>"
            body += "<td class=\"num\">\(e("\(ReportNumberFormat.percent(policy.good.falseStopInterval[0])) – \(ReportNumberFormat.percent(policy.good.falseStopInterval[1]))"))</td>"
            body += "<td class=\"num\">\(e(row.meanExposedUnitsOnBad.map { ReportNumberFormat.value($0) } ?? ReportNumberFormat.missing))</td>"
            body += row.dominated
                ? "<td><span class=\"badge bad\">✗ dominated</span> by \(e(row.dominatedBy.joined(separator: ", ")))</td></tr>\n"
                : "<td><span class=\"badge good\">✓ on the frontier</span></td></tr>\n"
        }
        body += "</tbody></table>\n"
        body += "<figure>\(frontierChart(result))<figcaption>Each policy's median time to full rollout on A/A replicates (x) against the harm on bad scenarios (y: mean units exposed before the rollback, or the false-stop rate without regressions). Hollow markers are dominated policies.</figcaption></figure>\n"
        body += "<figure>\(timeChart(result))<figcaption>Time to full rollout on A/A replicates: bar from p10 to p90, marker at the median; the dashed tick marks the sum of the dwell times (the fastest possible).</figcaption></figure>\n"

        for policy in result.policies {
            body += "<h2>Policy \(e(policy.name))</h2>\n"
            body += "<p>Stages \(e(policy.stages.map { ReportNumberFormat.setting($0) + "%" }.joined(separator: " → "))); dwell \(e(policy.dwellHours.map(hours).joined(separator: ", "))); minimum exposures \(e(policy.minimumExposures.map { ReportNumberFormat.count($0) }.joined(separator: ", "))); rule <code>\(e(policy.rule))</code> (\(e(policy.ruleParameters))), judged from \(policy.minimumUnitsPerArm) units per arm\(policy.advanceRequiresNonInferiority ? "; advancing needs non-inferiority" : "").</p>\n"
            body += "<table><thead><tr><th class=\"num\">Stage</th><th class=\"num\">Units below it</th><th class=\"num\">Observed treated</th><th class=\"num\">Earliest end</th><th>Support</th></tr></thead><tbody>\n"
            for stage in policy.support {
                body += "<tr><td class=\"num\">\(e(ReportNumberFormat.setting(stage.percentage)))%</td><td class=\"num\">\(e(ReportNumberFormat.count(stage.unitsInHistory)))</td>"
                body += "<td class=\"num\">\(e(ReportNumberFormat.count(stage.observedTreatedUnits))) (\(e(ReportNumberFormat.percent(stage.observedShare))))</td><td class=\"num\">\(e(hours(stage.earliestEndHours)))</td>"
                body += stage.supported ? "<td><span class=\"badge good\">✓ ok</span></td></tr>\n"
                    : "<td><span class=\"badge bad\">✗ no support</span> \(e(stage.reasons.joined(separator: "; ")))</td></tr>\n"
            }
            body += "</tbody></table>\n"
            body += "<p><strong>Real history:</strong> \(e(outcomeText(policy.realHistory)))</p>\n"
            let good = policy.good
            var goodText = "\(good.fullRollouts) of \(good.replicates) reached full rollout"
            if let time = good.hoursToFullRollout {
                goodText += " after a median \(hours(time.median)) (p10 \(hours(time.p10)), p90 \(hours(time.p90)))"
            }
            goodText += "; \(good.falseStops) false stops (\(ReportNumberFormat.percent(good.falseStopRate)), 95% CI \(ReportNumberFormat.percent(good.falseStopInterval[0]))–\(ReportNumberFormat.percent(good.falseStopInterval[1]))); \(good.censored) ran out of history."
            body += "<p><strong>A/A (good) scenarios:</strong> \(e(goodText))</p>\n"
            if !policy.bad.isEmpty {
                body += "<table><thead><tr><th>Bad scenario</th><th class=\"num\">Stopped</th><th class=\"num\">95% CI</th><th class=\"num\">Missed</th><th class=\"num\">Median time to stop</th><th class=\"num\">Units exposed (mean / p90)</th><th class=\"num\">Harm (mean / p90)</th></tr></thead><tbody>\n"
                for bad in policy.bad {
                    body += "<tr><th>\(e(bad.regression))</th><td class=\"num\">\(bad.stops)/\(bad.replicates)</td>"
                    body += "<td class=\"num\">\(e("\(ReportNumberFormat.percent(bad.detectionInterval[0])) – \(ReportNumberFormat.percent(bad.detectionInterval[1]))"))</td><td class=\"num\">\(bad.missed)</td>"
                    body += "<td class=\"num\">\(e(bad.hoursToStop.map { hours($0.median) } ?? ReportNumberFormat.missing))</td>"
                    body += "<td class=\"num\">\(e("\(ReportNumberFormat.value(bad.exposedUnits.mean)) / \(ReportNumberFormat.value(bad.exposedUnits.p90))"))</td>"
                    body += "<td class=\"num\">\(e("\(ReportNumberFormat.value(bad.harm.mean)) / \(ReportNumberFormat.value(bad.harm.p90)) \(bad.harmUnit)"))</td></tr>\n"
                }
                body += "</tbody></table>\n"
            }
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Rollout simulation: \(e(result.experiment))</title>
            <style>\(ReportStyleSheet.css)</style></head>
            <body><main>
            \(body)<footer>workbench simulate · \(e(result.format))</footer>
            </main></body></html>

            """
    }

    /// Scatter of time to full rollout against harm (or false stops without regressions).
    static func frontierChart(_ result: SimulationResult) -> String {
        let width = 720.0, height = 360.0
        let left = 80.0, right = width - 24, top = 30.0, bottom = height - 56
        let useHarm = result.frontier.contains { $0.meanExposedUnitsOnBad != nil }
        let unit = TimeAxisUnit(hours: result.frontier.compactMap(\.medianHoursToFullRollout))
        let points = result.frontier.map { row -> (x: Double?, y: Double) in
            (row.medianHoursToFullRollout.map(unit.scaled), useHarm ? (row.meanExposedUnitsOnBad ?? 0) : row.falseStopRate)
        }
        let x = LinearScale(covering: points.compactMap(\.x) + [0], rangeLow: left, rangeHigh: right)
        let y = LinearScale(covering: points.map(\.y) + [0], rangeLow: bottom, rangeHigh: top)
        var canvas = SVGCanvas(width: width, height: height, identifier: "frontier")
        for tick in x.ticks() {
            canvas.line(x(tick), top, x(tick), bottom, stroke: ChartPalette.grid)
            canvas.text(unit.label(tick), x: x(tick), y: bottom + 18, anchor: .middle, size: 11, color: ChartPalette.muted)
        }
        for tick in y.ticks() {
            canvas.line(left, y(tick), right, y(tick), stroke: ChartPalette.grid)
            canvas.text(useHarm ? ReportNumberFormat.value(tick) : ReportNumberFormat.percent(tick), x: left - 6, y: y(tick) + 4,
                        anchor: .end, size: 11, color: ChartPalette.muted)
        }
        canvas.line(left, bottom, right, bottom, stroke: ChartPalette.axis)
        canvas.line(left, top, left, bottom, stroke: ChartPalette.axis)
        canvas.text("median time to full rollout on A/A replicates (\(unit.name))", x: (left + right) / 2, y: height - 12, anchor: .middle, size: 12)
        canvas.text(useHarm ? "units exposed on bad scenarios" : "false-stop rate", x: 14, y: top - 14, size: 12)
        for (index, row) in result.frontier.enumerated() {
            guard let hoursToFull = points[index].x else {
                canvas.text("\(row.policy): never reached full rollout", x: right, y: top + 14 + Double(index) * 14, anchor: .end, size: 11,
                            color: ChartPalette.bad)
                continue
            }
            let px = x(hoursToFull), py = y(points[index].y)
            canvas.marker(ChartPalette.marker(index), x: px, y: py, size: 11, color: ChartPalette.color(index), filled: !row.dominated)
            canvas.text(row.policy + (row.dominated ? " (dominated)" : ""), x: px + 9, y: py - 8, size: 11)
        }
        return canvas.render(title: "Policy frontier", description: result.frontier.enumerated().map { index, row in
            "\(row.policy): \(row.medianHoursToFullRollout.map(hours) ?? "never"), \(useHarm ? ReportNumberFormat.value(points[index].y) + " units exposed" : ReportNumberFormat.percent(points[index].y) + " false stops")\(row.dominated ? ", dominated" : "")"
        }.joined(separator: "; "))
    }

    /// Horizontal p10-p90 bars of time to full rollout per policy.
    static func timeChart(_ result: SimulationResult) -> String {
        let rowHeight = 30.0
        let width = 720.0, left = 150.0, right = width - 24, top = 14.0
        let bottom = top + rowHeight * Double(result.policies.count)
        let height = bottom + 40
        let values = result.policies.flatMap { policy in
            [policy.good.hoursToFullRollout?.p10, policy.good.hoursToFullRollout?.p90, policy.dwellHours.reduce(0, +)].compactMap { $0 }
        }
        let unit = TimeAxisUnit(hours: values)
        let scale = LinearScale(covering: values.map(unit.scaled) + [0], rangeLow: left, rangeHigh: right)
        let x = { (hours: Double) in scale(unit.scaled(hours)) }
        var canvas = SVGCanvas(width: width, height: height, identifier: "time-to-full")
        for tick in scale.ticks() {
            canvas.line(scale(tick), top, scale(tick), bottom, stroke: ChartPalette.grid)
            canvas.text(unit.label(tick), x: scale(tick), y: bottom + 16, anchor: .middle, size: 11, color: ChartPalette.muted)
        }
        for (index, policy) in result.policies.enumerated() {
            let centre = top + rowHeight * (Double(index) + 0.5)
            canvas.text(policy.name, x: left - 8, y: centre + 4, anchor: .end, size: 12)
            let fastest = policy.dwellHours.reduce(0, +)
            canvas.line(x(fastest), centre - 11, x(fastest), centre + 11, stroke: ChartPalette.muted, width: 1.5, dash: "3 2")
            guard let time = policy.good.hoursToFullRollout else {
                canvas.text("never reached full rollout", x: left + 6, y: centre + 4, size: 11, color: ChartPalette.bad)
                continue
            }
            canvas.rectangle(x: x(time.p10), y: centre - 6, width: max(2, x(time.p90) - x(time.p10)), height: 12,
                             fill: ChartPalette.color(index), opacity: 0.35)
            canvas.marker(ChartPalette.marker(index), x: x(time.median), y: centre, size: 10, color: ChartPalette.color(index), filled: true)
        }
        canvas.text("\(unit.name) from the rollout start", x: (left + right) / 2, y: height - 6, anchor: .middle, size: 12)
        return canvas.render(title: "Time to full rollout", description: result.policies.map { policy in
            "\(policy.name): " + (policy.good.hoursToFullRollout.map { "median \(hours($0.median)), p10 \(hours($0.p10)), p90 \(hours($0.p90))" } ?? "never")
        }.joined(separator: "; "))
    }
}

/// Hours or days on a time axis, so ticks fall on round numbers of the unit the reader thinks in.
struct TimeAxisUnit {
    /// Days when the longest time exceeds three days.
    let days: Bool

    init(hours: [Double]) { days = (hours.max() ?? 0) > 72 }

    var name: String { days ? "days" : "hours" }
    func scaled(_ hours: Double) -> Double { days ? hours / 24 : hours }
    func label(_ tick: Double) -> String { ReportNumberFormat.value(tick) + (days ? " d" : " h") }
}
