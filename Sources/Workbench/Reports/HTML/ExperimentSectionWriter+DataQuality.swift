extension ExperimentSectionWriter {
    /// Files, rows read and skipped by reason with examples, exposure anomalies, windows.
    func dataQualitySection() -> String {
        var html = "<h3 id=\"\(identifier)-quality\">Data quality</h3>\n"
        guard let quality = result.dataQuality else {
            return html + "<p>No data-quality report: the results were computed from aggregates, not from raw exports.</p>\n"
        }
        html += "<table>\n<caption>Files read</caption>\n"
        html += HTMLFragments.headerRow([("file", false), ("rows read", true), ("delivered", true), ("skipped", true), ("MB read", true)])
        html += "<tbody>\n"
        for file in quality.files {
            html += "<tr><th scope=\"row\"><code>\(e(file.file))</code></th>" + HTMLFragments.number(ReportNumberFormat.count(file.rowsRead))
                + HTMLFragments.number(ReportNumberFormat.count(file.rowsDelivered))
                + HTMLFragments.number(ReportNumberFormat.count(file.totalSkipped))
                + HTMLFragments.number(ReportNumberFormat.fixed(Double(file.bytesRead) / 1e6, decimals: 1)) + "</tr>\n"
        }
        html += "</tbody>\n</table>\n"
        let skipped = quality.files.flatMap { file in file.rowsSkipped.map { (file: file.file, reason: $0.key, rows: $0.value) } }
            .sorted { ($0.file, $0.reason) < ($1.file, $1.reason) }
        if skipped.isEmpty {
            html += "<p>No rows were skipped.</p>\n"
        } else {
            html += "<table>\n<caption>Skipped rows by reason</caption>\n"
                + HTMLFragments.headerRow([("file", false), ("reason", false), ("rows", true)]) + "<tbody>\n"
            for row in skipped {
                html += "<tr><th scope=\"row\"><code>\(e(row.file))</code></th><td>\(e(row.reason))</td>"
                    + HTMLFragments.number(ReportNumberFormat.count(row.rows)) + "</tr>\n"
            }
            html += "</tbody>\n</table>\n"
            let examples = quality.files.flatMap { $0.examples }.prefix(5)
            if !examples.isEmpty {
                html += "<p>First skipped rows:</p>\n<ul class=\"examples\">\n" + examples.map { "<li><code>\(e($0))</code></li>\n" }.joined() + "</ul>\n"
            }
        }
        html += "<table>\n<caption>Exposures per experiment in the export</caption>\n"
        html += HTMLFragments.headerRow([("experiment", false), ("exposure rows", true), ("units per variant", false),
                                         ("units in several variants (excluded)", true)])
        html += "<tbody>\n"
        for experiment in quality.experiments {
            let variants = experiment.unitsPerVariant.sorted { $0.key < $1.key }
                .map { "\(e($0.key)): \(ReportNumberFormat.count($0.value))" }.joined(separator: ", ")
            html += "<tr><th scope=\"row\">\(e(experiment.name))</th>" + HTMLFragments.number(ReportNumberFormat.count(experiment.exposureRows))
                + "<td>\(variants)</td>" + HTMLFragments.number(ReportNumberFormat.count(experiment.unitsInSeveralVariants), bold: experiment.unitsInSeveralVariants > 0)
                + "</tr>\n"
        }
        html += "</tbody>\n</table>\n"
        if !quality.eventsByName.isEmpty {
            let events = quality.eventsByName.sorted { $0.key < $1.key }
                .map { "\(e($0.key)) \(ReportNumberFormat.count($0.value))" }.joined(separator: ", ")
            html += "<p>Metric events read: \(events).</p>\n"
        }
        html += "<p>Units in the export: \(ReportNumberFormat.count(quality.units)); time range \(e(quality.firstTimestamp ?? ReportNumberFormat.missing)) "
            + "to \(e(quality.lastTimestamp ?? ReportNumberFormat.missing)). Events of units never exposed: "
            + "\(ReportNumberFormat.count(quality.eventsOfUnexposedUnits)). Events outside every window "
            + "(\(ReportNumberFormat.setting(quality.prePeriodDays)) days before to \(ReportNumberFormat.setting(quality.windowDays)) days "
            + "after first exposure): \(ReportNumberFormat.count(quality.eventsOutsideWindows)).</p>\n"
        return html
    }
}
