/// Writes one experiment's part of the Markdown report, in the HTML report's section order.
struct MarkdownSectionWriter {
    let result: ExperimentResults
    let multiple: Bool

    func lines() -> [String] {
        var lines = ["## \(multiple ? "Experiment: " : "Decision for ")\(m(result.experiment))", ""]
        lines.append("**\(result.decision.ship ? "✓ SHIP" : "✗ DO NOT SHIP")**")
        lines.append("")
        lines += result.decision.reasons.isEmpty ? ["No reasons were recorded."] : result.decision.reasons.map { "- \(m($0))" }
        lines.append("")
        if result.srm.mismatch {
            lines += ["> **⚠ Sample ratio mismatch** (p = \(ReportNumberFormat.pValue(result.srm.pValue)) < "
                + "\(ReportNumberFormat.setting(result.srm.threshold))): the observed split differs from the planned weights, so "
                + "assignment or logging is broken and the metric results below should not be trusted until the cause is found.", ""]
        }
        lines += units() + metrics() + timeline() + exposures() + segments() + dataQuality() + settings()
        return lines
    }

    private func units() -> [String] {
        var lines = ["### Units and sample ratio", "", "Sample-ratio check: \(MarkdownReportWriter.sampleRatio(result.srm)); chi-square "
            + "\(ReportNumberFormat.value(result.srm.chiSquare)), threshold p < \(ReportNumberFormat.setting(result.srm.threshold)).", ""]
        if let note = result.srm.note { lines += ["Note: \(m(note))", ""] }
        lines += ["| variant | units | observed share | planned weight |", "|---|---:|---:|---:|"]
        let total = result.units.values.reduce(0, +)
        for variant in result.orderedVariants {
            let units = result.units[variant]
            let share = units.map { total > 0 ? Double($0) / Double(total) : 0 }
            lines.append("| \(m(variant))\(variant == result.control ? " (control)" : "") | \(ReportNumberFormat.count(units)) | "
                + "\(ReportNumberFormat.percent(share)) | \(ReportNumberFormat.percent(result.srm.plannedWeights[variant])) |")
        }
        lines.append("")
        if result.excluded.isEmpty {
            lines.append("No units were excluded.")
        } else {
            lines.append("Excluded units: " + result.excluded.sorted { $0.key < $1.key }
                .map { "\(m($0.key)): \(ReportNumberFormat.count($0.value))" }.joined(separator: "; ") + ".")
        }
        return lines + [""]
    }

    private func metrics() -> [String] {
        var lines = ["### Metrics", ""]
        guard !result.metrics.isEmpty else { return lines + ["No metrics were analysed.", ""] }
        let label = result.intervalLabel
        let correction = result.correctionApplied ? " after the \(m(result.settings.correction)) correction" : ""
        lines += ["Relative lift against control with its \(label). ◆ significant (p\(correction) < "
            + "\(ReportNumberFormat.setting(result.settings.alpha))), ○ not significant, ┃ zero, ╎ guardrail margin.", ""]
        lines += [result.correctionApplied
            ? "Adjusted p: \(m(result.settings.correction)) correction over \(m(result.settings.correctionFamily))."
            : "Adjusted p and adjusted CI: — because no multiple-testing correction was applied.", ""]
        lines += ["| metric | variant | relative lift | \(label) | p-value | adjusted p | chart | verdict | notes |",
                  "|---|---|---:|---:|---:|---:|---|---|---|"]
        let bars = TextForestPlot(result: result)
        for metric in result.metrics {
            for comparison in metric.overallComparisons {
                let significant = result.isSignificant(comparison)
                var verdict = significant ? (metric.isFavourable(comparison) == true ? "▲ better" : "▼ worse") : "no significant difference"
                if comparison.relativeLift == nil && comparison.pValue == nil { verdict = "no estimate" }
                if let guardrail = comparison.guardrail { verdict += "; guardrail \(guardrail.verdict)" }
                let lift = ReportNumberFormat.signedPercent(comparison.relativeLift)
                lines.append("| \(metricLabel(metric)) | \(m(comparison.variant)) | \(Self.emphasised(lift, significant)) | "
                    + "\(ReportNumberFormat.percentInterval(comparison.ciLow, comparison.ciHigh)) | "
                    + "\(ReportNumberFormat.pValue(comparison.pValue)) | \(ReportNumberFormat.pValue(comparison.adjustedPValue)) | "
                    + "`\(bars.bar(comparison, metric: metric))` | \(verdict) | \(notes(comparison.notes)) |")
            }
        }
        lines.append("")
        lines.append("Chart scale: \(bars.scaleText).")
        lines.append("")
        var header = "| metric | variant | absolute lift | absolute \(label) | adjusted CI | CUPED |"
        var rule = "|---|---|---:|---:|---:|---|"
        if result.sequentialEnabled { header += " sequential CI (always valid) | sequential p |"; rule += "---:|---:|" }
        if result.bayesianEnabled { header += " chance to win | risk (ship) | risk (keep control) |"; rule += "---:|---:|---:|" }
        header += " guardrail |"
        rule += "---|"
        var caption = "Details"
        if !result.sequentialEnabled { caption += "; sequential testing was off" }
        if !result.bayesianEnabled { caption += "; Bayesian analysis was off" }
        lines += [caption + ":", "", header, rule]
        for metric in result.metrics {
            for comparison in metric.overallComparisons {
                var row = "| \(metricLabel(metric)) | \(m(comparison.variant)) | \(ReportNumberFormat.value(comparison.absoluteLift)) | "
                    + "\(ReportNumberFormat.valueInterval(comparison.absoluteCILow, comparison.absoluteCIHigh)) | "
                    + "\(ReportNumberFormat.percentInterval(comparison.adjustedCILow, comparison.adjustedCIHigh)) | "
                    + "\(comparison.cupedApplied ? "applied" : "not applied") |"
                if result.sequentialEnabled {
                    row += " \(ReportNumberFormat.percentInterval(comparison.sequentialCILow, comparison.sequentialCIHigh)) | "
                        + "\(ReportNumberFormat.pValue(comparison.sequentialPValue)) |"
                }
                if result.bayesianEnabled {
                    row += " \(ReportNumberFormat.percent(comparison.chanceToWin)) | \(ReportNumberFormat.signedPercent(comparison.risk)) | "
                        + "\(ReportNumberFormat.signedPercent(comparison.riskControl)) |"
                }
                if let guardrail = comparison.guardrail {
                    row += " \(guardrail.verdict) (margin \(guardrail.marginText), p = \(ReportNumberFormat.pValue(guardrail.pValue))) |"
                } else {
                    row += " \(metric.role == "guardrail" ? ReportNumberFormat.missing : "") |"
                }
                lines.append(row)
            }
        }
        lines += ["", "| metric | type | good direction | variant | units | value | standard error |", "|---|---|---|---|---:|---:|---:|"]
        for metric in result.metrics {
            for summary in metric.variants {
                lines.append("| \(metricLabel(metric)) | \(m(metric.type)) | \(metric.direction == "decrease" ? "↓ lower" : "↑ higher") | "
                    + "\(m(summary.variant)) | \(ReportNumberFormat.count(summary.units)) | \(ReportNumberFormat.value(summary.mean)) | "
                    + "\(ReportNumberFormat.value(summary.standardError)) |")
            }
        }
        return lines + [""]
    }

    private func timeline() -> [String] {
        var lines = ["### Cumulative lift over time", ""]
        guard let timeline = result.timeline, !timeline.cumulativeLift.isEmpty else {
            return lines + ["No timeline was recorded (for example when analysing warehouse aggregates).", ""]
        }
        var metricNames: [String] = []
        for series in timeline.cumulativeLift where !metricNames.contains(series.metric) { metricNames.append(series.metric) }
        for metric in metricNames {
            let series = timeline.cumulativeLift.filter { $0.metric == metric }
            let sequential = series.allSatisfy { $0.interval == "sequential" }
            lines.append("#### \(m(metric))")
            lines.append("")
            lines.append(sequential ? "Interval: always-valid (sequential); valid however often the results are looked at."
                : "**⚠ Interval: fixed-horizon \(result.intervalLabel), not valid for peeking** (sequential testing was off).")
            lines.append("")
            lines.append("| day | " + series.map { m($0.variant) }.joined(separator: " | ") + " |")
            lines.append("|---|" + String(repeating: "---:|", count: series.count))
            for (day, name) in timeline.days.enumerated() {
                let cells = series.map { line -> String in
                    let lift = line.lift[safe: day] ?? nil
                    return "\(ReportNumberFormat.signedPercent(lift)) \(ReportNumberFormat.percentInterval(line.low[safe: day] ?? nil, line.high[safe: day] ?? nil))"
                }
                lines.append("| \(m(name)) | " + cells.joined(separator: " | ") + " |")
            }
            lines.append("")
        }
        return lines
    }

    private func exposures() -> [String] {
        var lines = ["### Daily exposures", ""]
        let weights = result.orderedVariants.compactMap { variant in
            result.srm.plannedWeights[variant].map { "\(m(variant)) \(ReportNumberFormat.percent($0))" }
        }.joined(separator: ", ")
        lines += ["Sample-ratio check: \(MarkdownReportWriter.sampleRatio(result.srm)); planned weights: "
            + "\(weights.isEmpty ? ReportNumberFormat.missing : weights).", ""]
        guard let timeline = result.timeline, !timeline.exposuresPerDay.isEmpty else { return lines + ["No daily exposures were recorded.", ""] }
        let variants = result.orderedVariants.filter { timeline.exposuresPerDay[$0] != nil }
        lines.append("| day | " + variants.map { m($0) }.joined(separator: " | ") + " |")
        lines.append("|---|" + String(repeating: "---:|", count: variants.count))
        for (day, name) in timeline.days.enumerated() {
            lines.append("| \(m(name)) | " + variants.map { ReportNumberFormat.count(timeline.exposuresPerDay[$0]?[safe: day]) }
                .joined(separator: " | ") + " |")
        }
        lines.append("| **total** | " + variants.map { "**\(ReportNumberFormat.count(timeline.exposuresPerDay[$0]?.reduce(0, +)))**" }
            .joined(separator: " | ") + " |")
        return lines + [""]
    }

    private func segments() -> [String] {
        var lines = ["### Segments", ""]
        var any = false
        for metric in result.metrics {
            for dimension in result.dimensionNames(of: metric) {
                any = true
                lines += ["\(m(metric.name)) by \(m(dimension)):", "",
                          "| \(m(dimension)) | variant | units | relative lift | \(result.intervalLabel) | p-value | adjusted p | notes |",
                          "|---|---|---:|---:|---:|---:|---:|---|"]
                for comparison in metric.comparisons where comparison.dimension?.name == dimension {
                    let significant = result.isSignificant(comparison)
                    let lift = ReportNumberFormat.signedPercent(comparison.relativeLift)
                    lines.append("| \(m(comparison.dimension?.value ?? "")) | \(m(comparison.variant)) | \(ReportNumberFormat.count(comparison.units)) | "
                        + "\(Self.emphasised(lift, significant))\(significant ? " ✱" : "") | \(ReportNumberFormat.percentInterval(comparison.ciLow, comparison.ciHigh)) | "
                        + "\(ReportNumberFormat.pValue(comparison.pValue)) | \(ReportNumberFormat.pValue(comparison.adjustedPValue)) | "
                        + "\(notes(comparison.notes)) |")
                }
                lines.append("")
            }
        }
        if !any { return lines + ["No segments were analysed.", ""] }
        return lines + ["✱ significant: adjusted p (or p, where no adjusted p is given) < \(ReportNumberFormat.setting(result.settings.alpha)). "
            + "Segment results are exploratory: with many segments, some differences are significant by chance.", ""]
    }

    private func dataQuality() -> [String] {
        var lines = ["### Data quality", ""]
        guard let quality = result.dataQuality else {
            return lines + ["No data-quality report: the results were computed from aggregates, not from raw exports.", ""]
        }
        lines += ["| file | rows read | delivered | skipped | MB read |", "|---|---:|---:|---:|---:|"]
        for file in quality.files {
            lines.append("| \(m(file.file)) | \(ReportNumberFormat.count(file.rowsRead)) | \(ReportNumberFormat.count(file.rowsDelivered)) | "
                + "\(ReportNumberFormat.count(file.totalSkipped)) | \(ReportNumberFormat.fixed(Double(file.bytesRead) / 1e6, decimals: 1)) |")
        }
        lines.append("")
        let skipped = quality.files.flatMap { file in file.rowsSkipped.map { (file: file.file, reason: $0.key, rows: $0.value) } }
            .sorted { ($0.file, $0.reason) < ($1.file, $1.reason) }
        if skipped.isEmpty {
            lines += ["No rows were skipped.", ""]
        } else {
            lines += ["| file | reason | rows skipped |", "|---|---|---:|"]
            lines += skipped.map { "| \(m($0.file)) | \(m($0.reason)) | \(ReportNumberFormat.count($0.rows)) |" }
            lines += ["", "First skipped rows:", ""] + quality.files.flatMap(\.examples).prefix(5).map { "- \(m($0))" } + [""]
        }
        lines += ["| experiment | exposure rows | units per variant | units in several variants (excluded) |", "|---|---:|---|---:|"]
        for experiment in quality.experiments {
            let variants = experiment.unitsPerVariant.sorted { $0.key < $1.key }
                .map { "\(m($0.key)): \(ReportNumberFormat.count($0.value))" }.joined(separator: ", ")
            lines.append("| \(m(experiment.name)) | \(ReportNumberFormat.count(experiment.exposureRows)) | \(variants) | "
                + "\(ReportNumberFormat.count(experiment.unitsInSeveralVariants)) |")
        }
        lines.append("")
        if !quality.eventsByName.isEmpty {
            lines += ["Metric events read: " + quality.eventsByName.sorted { $0.key < $1.key }
                .map { "\(m($0.key)) \(ReportNumberFormat.count($0.value))" }.joined(separator: ", ") + ".", ""]
        }
        lines += ["Units in the export: \(ReportNumberFormat.count(quality.units)); time range \(m(quality.firstTimestamp ?? ReportNumberFormat.missing)) "
            + "to \(m(quality.lastTimestamp ?? ReportNumberFormat.missing)). Events of units never exposed: "
            + "\(ReportNumberFormat.count(quality.eventsOfUnexposedUnits)). Events outside every window "
            + "(\(ReportNumberFormat.setting(quality.prePeriodDays)) days before to \(ReportNumberFormat.setting(quality.windowDays)) days "
            + "after first exposure): \(ReportNumberFormat.count(quality.eventsOutsideWindows)).", ""]
        return lines
    }

    private func settings() -> [String] {
        let settings = result.settings
        var lines = ["### Settings", "", "| setting | value |", "|---|---|",
                     "| alpha (two-sided) | \(ReportNumberFormat.setting(settings.alpha)) |",
                     "| multiple-testing correction | \(m(settings.correction)) |",
                     "| correction family | \(m(settings.correctionFamily)) |",
                     "| metric window | \(ReportNumberFormat.setting(settings.windowDays)) days after first exposure |",
                     "| pre-period (CUPED) | \(ReportNumberFormat.setting(settings.prePeriodDays)) days before first exposure |",
                     "| sequential testing | \(settings.sequentialTuning.map { "on (tuning \(ReportNumberFormat.setting($0)))" } ?? "off") |"]
        if let mean = settings.bayesianPriorMean {
            lines.append("| Bayesian prior | on (normal prior on the relative lift, mean \(ReportNumberFormat.setting(mean)), "
                + "sd \(ReportNumberFormat.setting(settings.bayesianPriorStandardDeviation))) |")
        } else {
            lines.append("| Bayesian analysis | off |")
        }
        lines += ["| schema | \(m(result.schemaVersion)) |", "| generated by | \(m(result.generatedBy)) |", ""]
        return lines
    }

    /// Bold for a significant number; a missing number stays plain.
    private static func emphasised(_ text: String, _ significant: Bool) -> String {
        significant && text != ReportNumberFormat.missing ? "**\(text)**" : text
    }

    private func metricLabel(_ metric: ExperimentResults.MetricResult) -> String {
        m(metric.name) + (metric.role == "guardrail" ? " (guardrail)" : "")
    }

    private func notes(_ notes: [String]) -> String { notes.map(m).joined(separator: "; ") }

    private func m(_ text: String) -> String { ReportEscaping.markdown(text) }
}
