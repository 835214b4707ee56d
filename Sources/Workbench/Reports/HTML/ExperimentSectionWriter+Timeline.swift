extension ExperimentSectionWriter {
    /// Cumulative lift per metric with its interval band.
    func timelineSection() -> String {
        var html = "<h3 id=\"\(identifier)-cumulative\">Cumulative lift over time</h3>\n"
        guard let timeline = result.timeline, !timeline.cumulativeLift.isEmpty else {
            return html + "<p>No timeline was recorded (for example when analysing warehouse aggregates), so there is no chart.</p>\n"
        }
        var metricNames: [String] = []
        for series in timeline.cumulativeLift where !metricNames.contains(series.metric) { metricNames.append(series.metric) }
        for (index, metric) in metricNames.enumerated() {
            let lines = timeline.cumulativeLift.filter { $0.metric == metric }
            let sequential = lines.allSatisfy { $0.interval == "sequential" }
            let bandLabel = sequential ? "always-valid (sequential) interval" : "fixed-horizon \(result.intervalLabel), not valid for peeking"
            let chart = TimeSeriesChart(
                days: timeline.days,
                series: lines.map { TimeSeriesChart.Series(name: $0.variant, values: $0.lift, low: $0.low, high: $0.high) },
                style: .relative, yLabel: "relative lift", bandLabel: bandLabel)
            let summary = lines.map { line -> String in
                let last = line.lift.lastIndex { $0 != nil }
                guard let last else { return "\(line.variant): no estimate on any day" }
                return "\(line.variant) on \(last < timeline.days.count ? timeline.days[last] : "day \(last + 1)"): "
                    + "\(ReportNumberFormat.signedPercent(line.lift[last])) "
                    + "\(ReportNumberFormat.percentInterval(line.low[safe: last] ?? nil, line.high[safe: last] ?? nil))"
            }.joined(separator: "; ")
            let title = "Cumulative relative lift of \(metric) over time"
            html += "<figure>\n<h4>\(e(metric))</h4>\n"
            html += chart.svg(identifier: "\(identifier)-cumulative-\(index + 1)", title: title,
                              description: "Lift of units enrolled up to each day, with the \(bandLabel). Latest: \(summary).")
            html += "\n<figcaption>"
            if sequential {
                html += "Band: always-valid (sequential) interval; it stays valid however often the results are looked at."
            } else {
                html += "<strong>⚠ Band: fixed-horizon \(result.intervalLabel), not valid for peeking</strong>: sequential testing was off, "
                    + "so judging the experiment by this band before its planned end inflates false positives."
            }
            html += " Latest: \(e(summary)). Early days’ intervals may be wider than the chart and are cut at its edge.</figcaption>\n</figure>\n"
        }
        return html
    }

    /// Daily new units per variant with the SRM verdict.
    func exposuresSection() -> String {
        var html = "<h3 id=\"\(identifier)-exposures\">Daily exposures</h3>\n"
        let srm = result.srm
        let weights = result.orderedVariants.compactMap { variant in
            result.srm.plannedWeights[variant].map { "\(e(variant)) \(ReportNumberFormat.percent($0))" }
        }.joined(separator: ", ")
        html += "<p>Sample-ratio check: \(HTMLFragments.sampleRatioBadge(srm)) (chi-square "
            + "\(ReportNumberFormat.value(srm.chiSquare)), threshold \(ReportNumberFormat.setting(srm.threshold))); planned weights: "
            + "\(weights.isEmpty ? ReportNumberFormat.missing : weights).\(srm.note.map { " \(e($0))" } ?? "")</p>\n"
        guard let timeline = result.timeline, !timeline.exposuresPerDay.isEmpty else {
            return html + "<p>No daily exposures were recorded.</p>\n"
        }
        let variants = result.orderedVariants.filter { timeline.exposuresPerDay[$0] != nil }
        let chart = TimeSeriesChart(
            days: timeline.days,
            series: variants.map { variant in
                TimeSeriesChart.Series(name: variant, values: (timeline.exposuresPerDay[variant] ?? []).map { Double($0) })
            },
            style: .count, yLabel: "new units per day", bandLabel: nil)
        let totals = variants.map { "\($0): \(ReportNumberFormat.count(timeline.exposuresPerDay[$0]?.reduce(0, +)))" }.joined(separator: ", ")
        html += "<figure>\n" + chart.svg(identifier: "\(identifier)-exposures-chart", title: "Daily exposures per variant",
                                          description: "New units per day by first exposure. Totals: \(totals).")
        html += "\n<figcaption>New units per day by first exposure. Totals: \(e(totals)).</figcaption>\n</figure>\n"
        html += "<details>\n<summary>Daily exposures as a table</summary>\n<table>\n"
        html += "<thead><tr><th scope=\"col\">day</th>" + variants.map { "<th scope=\"col\" class=\"num\">\(e($0))</th>" }.joined()
            + "</tr></thead>\n<tbody>\n"
        for (day, name) in timeline.days.enumerated() {
            html += "<tr><th scope=\"row\">\(e(name))</th>"
                + variants.map { HTMLFragments.number(ReportNumberFormat.count(timeline.exposuresPerDay[$0]?[safe: day])) }.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n</details>\n"
    }
}

extension Array {
    /// The element at `index`, or `nil` outside the array.
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
