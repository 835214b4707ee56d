extension ExperimentSectionWriter {
    /// One table per metric and dimension: the dimension's values as rows.
    func segmentsSection() -> String {
        var html = "<h3 id=\"\(identifier)-segments\">Segments</h3>\n"
        var any = false
        for metric in result.metrics {
            for dimension in result.dimensionNames(of: metric) {
                any = true
                let rows = metric.comparisons.filter { $0.dimension?.name == dimension }
                html += "<table>\n<caption>\(e(metric.name)) by \(e(dimension))</caption>\n"
                html += HTMLFragments.headerRow([(e(dimension), false), ("variant", false), ("units", true), ("relative lift", true),
                                                 (result.intervalLabel, true), ("p&#8209;value", true), ("adjusted p", true), ("notes", false)])
                html += "<tbody>\n"
                for comparison in rows {
                    let significant = result.isSignificant(comparison)
                    html += "<tr><th scope=\"row\">\(e(comparison.dimension?.value ?? ""))</th><td class=\"variant\">\(e(comparison.variant))</td>"
                        + HTMLFragments.number(ReportNumberFormat.count(comparison.units))
                        + HTMLFragments.number(ReportNumberFormat.signedPercent(comparison.relativeLift) + (significant ? " ✱" : ""),
                                               bold: significant)
                        + HTMLFragments.number(ReportNumberFormat.percentInterval(comparison.ciLow, comparison.ciHigh))
                        + HTMLFragments.number(ReportNumberFormat.pValue(comparison.pValue))
                        + HTMLFragments.number(ReportNumberFormat.pValue(comparison.adjustedPValue))
                        + HTMLFragments.notes(comparison.notes) + "</tr>\n"
                }
                html += "</tbody>\n</table>\n"
            }
        }
        if !any { return html + "<p>No segments were analysed.</p>\n" }
        return html + "<p class=\"note\">✱ significant: adjusted p (or p, where no adjusted p is given) &lt; \(ReportNumberFormat.setting(result.settings.alpha)). "
            + "Segment results are exploratory: with many segments, some differences are significant by chance.</p>\n"
    }
}
