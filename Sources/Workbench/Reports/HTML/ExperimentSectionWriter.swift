/// Writes one experiment's `<section>` of the HTML report.
struct ExperimentSectionWriter {
    let result: ExperimentResults
    /// Prefix for element ids, unique in the document (`experiment-1`).
    let identifier: String
    /// Whether the document holds several experiments (headings then name the experiment).
    let multiple: Bool

    func section() -> String {
        var html = "<section id=\"\(identifier)\" aria-labelledby=\"\(identifier)-heading\">\n"
        html += "<h2 id=\"\(identifier)-heading\">\(multiple ? "Experiment: " : "Decision for ")\(e(result.experiment))</h2>\n"
        html += decision()
        html += summary()
        html += metricsSection()
        html += timelineSection()
        html += exposuresSection()
        html += segmentsSection()
        html += dataQualitySection()
        html += settingsSection()
        return html + "</section>\n"
    }

    /// The banner: SHIP / DO NOT SHIP and every reason, first thing in the section.
    private func decision() -> String {
        let ship = result.decision.ship
        var html = "<div class=\"banner \(ship ? "ship" : "no-ship")\" role=\"status\">\n"
        html += "<p class=\"verdict\">\(ship ? "✓ SHIP" : "✗ DO NOT SHIP")</p>\n"
        if result.decision.reasons.isEmpty {
            html += "<p>No reasons were recorded.</p>\n"
        } else {
            html += "<ul>\n" + result.decision.reasons.map { "<li>\(e($0))</li>\n" }.joined() + "</ul>\n"
        }
        html += "</div>\n"
        if result.srm.mismatch {
            html += "<div class=\"warning\" role=\"alert\"><p><strong>⚠ Sample ratio mismatch</strong> (p = "
                + "\(ReportNumberFormat.pValue(result.srm.pValue)) &lt; \(ReportNumberFormat.setting(result.srm.threshold))): "
                + "the observed split differs from the planned weights, so assignment or logging is broken and the "
                + "metric results below should not be trusted until the cause is found.</p></div>\n"
        }
        return html
    }

    /// Units per variant against planned weights, exclusions.
    private func summary() -> String {
        var html = "<h3 id=\"\(identifier)-units\">Units and sample ratio</h3>\n"
        let total = result.units.values.reduce(0, +)
        html += "<table>\n<caption>Analysed units per variant after exclusions; sample-ratio check "
            + "\(HTMLFragments.sampleRatioBadge(result.srm))</caption>\n"
        html += HTMLFragments.headerRow([("variant", false), ("units", true), ("observed share", true), ("planned weight", true)])
        html += "<tbody>\n"
        for variant in result.orderedVariants {
            let units = result.units[variant]
            let share = units.map { total > 0 ? Double($0) / Double(total) : 0 }
            let role = variant == result.control ? " <span class=\"tag\">control</span>" : ""
            html += "<tr><th scope=\"row\">\(e(variant))\(role)</th>" + HTMLFragments.number(ReportNumberFormat.count(units))
                + HTMLFragments.number(ReportNumberFormat.percent(share))
                + HTMLFragments.number(ReportNumberFormat.percent(result.srm.plannedWeights[variant])) + "</tr>\n"
        }
        html += "</tbody>\n</table>\n"
        var facts = ["Chi-square statistic: \(ReportNumberFormat.value(result.srm.chiSquare)); mismatch threshold p &lt; "
            + "\(ReportNumberFormat.setting(result.srm.threshold))."]
        if let note = result.srm.note { facts.append("Note: \(e(note))") }
        if result.excluded.isEmpty {
            facts.append("No units were excluded.")
        } else {
            let excluded = result.excluded.sorted { $0.key < $1.key }
                .map { "\(e($0.key)): \(ReportNumberFormat.count($0.value))" }.joined(separator: "; ")
            facts.append("Excluded units: \(excluded).")
        }
        return html + facts.map { "<p>\($0)</p>\n" }.joined()
    }

    private func settingsSection() -> String {
        let settings = result.settings
        var rows: [(String, String)] = [
            ("alpha (two-sided)", ReportNumberFormat.setting(settings.alpha)),
            ("multiple-testing correction", e(settings.correction)),
            ("correction family", e(settings.correctionFamily)),
            ("metric window", "\(ReportNumberFormat.setting(settings.windowDays)) days after first exposure"),
            ("pre-period (CUPED)", "\(ReportNumberFormat.setting(settings.prePeriodDays)) days before first exposure"),
        ]
        rows.append(("sequential testing", settings.sequentialTuning.map { "on (tuning \(ReportNumberFormat.setting($0)))" } ?? "off"))
        if let mean = settings.bayesianPriorMean {
            rows.append(("Bayesian prior", "on (normal prior on the relative lift, mean \(ReportNumberFormat.setting(mean)), "
                + "sd \(ReportNumberFormat.setting(settings.bayesianPriorStandardDeviation)))"))
        } else {
            rows.append(("Bayesian analysis", "off"))
        }
        rows.append(("schema", e(result.schemaVersion)))
        rows.append(("generated by", e(result.generatedBy)))
        var html = "<h3 id=\"\(identifier)-settings\">Settings</h3>\n<table class=\"settings\">\n<tbody>\n"
        for (name, value) in rows { html += "<tr><th scope=\"row\">\(name)</th><td>\(value)</td></tr>\n" }
        return html + "</tbody>\n</table>\n"
    }

    func e(_ text: String) -> String { ReportEscaping.html(text) }
}
