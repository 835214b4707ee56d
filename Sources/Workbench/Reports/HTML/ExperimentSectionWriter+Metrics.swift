extension ExperimentSectionWriter {
    /// The forest plot and the per-metric tables of overall comparisons.
    func metricsSection() -> String {
        var html = "<h3 id=\"\(identifier)-metrics\">Metrics</h3>\n"
        guard !result.metrics.isEmpty else { return html + "<p>No metrics were analysed.</p>\n" }
        html += forestPlot()
        html += liftTable()
        html += detailTable()
        html += guardrailTable()
        html += valuesTable()
        return html
    }

    private func forestPlot() -> String {
        var rows: [ForestPlot.Row] = []
        for metric in result.metrics {
            for comparison in metric.overallComparisons {
                rows.append(ForestPlot.Row(
                    metric: metric.name, variant: comparison.variant, lift: finite(comparison.relativeLift),
                    low: finite(comparison.ciLow), high: finite(comparison.ciHigh), significant: result.isSignificant(comparison),
                    favourable: metric.isFavourable(comparison),
                    margin: comparison.guardrail.flatMap { result.relativeMargin($0, metric: metric) },
                    guardrailPassed: comparison.guardrail?.nonInferior))
            }
        }
        let plot = ForestPlot(rows: rows, intervalLabel: result.intervalLabel)
        let correction = result.correctionApplied ? " after the \(e(result.settings.correction)) correction" : ""
        return "<figure>\n\(plot.svg(identifier: "\(identifier)-forest"))\n<figcaption>Relative lift of each treatment against control "
            + "with its \(result.intervalLabel) (unadjusted). Filled diamond and “significant”: p-value\(correction) below "
            + "\(ReportNumberFormat.setting(result.settings.alpha)) (green when the change goes the good way, red otherwise); "
            + "hollow circle: not significant. Red dashed mark: a guardrail’s non-inferiority margin.</figcaption>\n</figure>\n"
    }

    /// Lift, interval, p and adjusted p, with the notes explaining any missing number.
    private func liftTable() -> String {
        var html = "<table>\n<caption>Overall lift per metric and treatment (\(result.intervalLabel))\(adjustmentNote)</caption>\n"
        html += HTMLFragments.headerRow([("metric", false), ("variant", false), ("relative lift", true), (result.intervalLabel, true),
                                         ("p&#8209;value", true), ("adjusted p", true), ("verdict", false), ("notes", false)])
        html += "<tbody>\n"
        for metric in result.metrics {
            for comparison in metric.overallComparisons {
                let significant = result.isSignificant(comparison)
                var verdict = significant ? (metric.isFavourable(comparison) == true ? "▲ better" : "▼ worse") : "no significant difference"
                if comparison.relativeLift == nil && comparison.pValue == nil { verdict = "no estimate" }
                html += "<tr><th scope=\"row\">\(metricLabel(metric))</th><td class=\"variant\">\(e(comparison.variant))</td>"
                    + HTMLFragments.number(ReportNumberFormat.signedPercent(comparison.relativeLift), bold: significant)
                    + HTMLFragments.number(ReportNumberFormat.percentInterval(comparison.ciLow, comparison.ciHigh))
                    + HTMLFragments.number(ReportNumberFormat.pValue(comparison.pValue))
                    + HTMLFragments.number(ReportNumberFormat.pValue(comparison.adjustedPValue))
                    + "<td>\(verdict)</td>" + HTMLFragments.notes(comparison.notes) + "</tr>\n"
            }
        }
        return html + "</tbody>\n</table>\n"
    }

    /// Why adjusted p-values are missing, when they are.
    var adjustmentNote: String {
        result.correctionApplied ? "; adjusted p: \(e(result.settings.correction)) correction over \(e(result.settings.correctionFamily))"
            : "; adjusted p and adjusted CI: — because no multiple-testing correction was applied"
    }

    /// Absolute lift, adjusted and sequential intervals, Bayesian figures and guardrails.
    private func detailTable() -> String {
        var columns: [(String, numeric: Bool)] = [("metric", false), ("variant", false), ("absolute lift", true),
                                                  ("absolute \(result.intervalLabel)", true), ("adjusted CI", true), ("CUPED", false)]
        if result.sequentialEnabled { columns += [("sequential CI (always valid)", true), ("sequential p", true)] }
        if result.bayesianEnabled { columns += [("chance to win", true), ("risk (ship)", true), ("risk (keep control)", true)] }
        var html = "<table>\n<caption>Details per metric and treatment\(adjustmentNote)"
        if !result.sequentialEnabled { html += "; sequential testing was off" }
        if !result.bayesianEnabled { html += "; Bayesian analysis was off" }
        html += "</caption>\n" + HTMLFragments.headerRow(columns) + "<tbody>\n"
        for metric in result.metrics {
            for comparison in metric.overallComparisons {
                html += "<tr><th scope=\"row\">\(metricLabel(metric))</th><td class=\"variant\">\(e(comparison.variant))</td>"
                    + HTMLFragments.number(ReportNumberFormat.value(comparison.absoluteLift))
                    + HTMLFragments.number(ReportNumberFormat.valueInterval(comparison.absoluteCILow, comparison.absoluteCIHigh))
                    + HTMLFragments.number(ReportNumberFormat.percentInterval(comparison.adjustedCILow, comparison.adjustedCIHigh))
                    + "<td>\(comparison.cupedApplied ? "yes" : "no")</td>"
                if result.sequentialEnabled {
                    html += HTMLFragments.number(ReportNumberFormat.percentInterval(comparison.sequentialCILow, comparison.sequentialCIHigh))
                        + HTMLFragments.number(ReportNumberFormat.pValue(comparison.sequentialPValue))
                }
                if result.bayesianEnabled {
                    html += HTMLFragments.number(ReportNumberFormat.percent(comparison.chanceToWin))
                        + HTMLFragments.number(ReportNumberFormat.signedPercent(comparison.risk))
                        + HTMLFragments.number(ReportNumberFormat.signedPercent(comparison.riskControl))
                }
                html += "</tr>\n"
            }
        }
        return html + "</tbody>\n</table>\n"
    }

    /// Guardrails: margin, non-inferiority p-value and verdict per treatment.
    private func guardrailTable() -> String {
        let guardrails = result.metrics.filter { $0.role == "guardrail" }
        guard !guardrails.isEmpty else { return "" }
        var html = "<table>\n<caption>Guardrails (non-inferiority)</caption>\n"
        html += HTMLFragments.headerRow([("metric", false), ("variant", false), ("margin", false), ("non-inferiority p", true),
                                         ("verdict", false)])
        html += "<tbody>\n"
        for metric in guardrails {
            for comparison in metric.overallComparisons {
                let guardrail = comparison.guardrail
                html += "<tr><th scope=\"row\">\(e(metric.name))</th><td class=\"variant\">\(e(comparison.variant))</td>"
                    + "<td>\(guardrail?.marginText ?? ReportNumberFormat.missing)</td>"
                    + HTMLFragments.number(ReportNumberFormat.pValue(guardrail?.pValue))
                    + "<td>\(guardrail.map { "<strong>\($0.verdict)</strong>" } ?? "no verdict recorded")</td></tr>\n"
            }
        }
        return html + "</tbody>\n</table>\n"
    }

    /// Each variant's value and standard error per metric.
    private func valuesTable() -> String {
        var html = "<table>\n<caption>Metric values per variant</caption>\n"
        html += HTMLFragments.headerRow([("metric", false), ("type", false), ("good direction", false), ("variant", false),
                                         ("units", true), ("value", true), ("standard error", true)])
        html += "<tbody>\n"
        for metric in result.metrics {
            for summary in metric.variants {
                html += "<tr><th scope=\"row\">\(metricLabel(metric))</th><td>\(e(metric.type))</td>"
                    + "<td>\(metric.direction == "decrease" ? "↓ lower is better" : "↑ higher is better")</td>"
                    + "<td class=\"variant\">\(e(summary.variant))</td>" + HTMLFragments.number(ReportNumberFormat.count(summary.units))
                    + HTMLFragments.number(ReportNumberFormat.value(summary.mean))
                    + HTMLFragments.number(ReportNumberFormat.value(summary.standardError)) + "</tr>\n"
            }
        }
        return html + "</tbody>\n</table>\n"
    }

    /// The metric's escaped name with a guardrail tag.
    func metricLabel(_ metric: ExperimentResults.MetricResult) -> String {
        e(metric.name) + (metric.role == "guardrail" ? " <span class=\"tag\">guardrail</span>" : "")
    }

    func finite(_ value: Double?) -> Double? {
        guard let value, value.isFinite else { return nil }
        return value
    }
}
