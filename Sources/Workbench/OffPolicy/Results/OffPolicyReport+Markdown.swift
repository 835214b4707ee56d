extension OffPolicyReport {
    /// The report as Markdown (`offpolicy.md`): setup, warnings, the value metric's table,
    /// guardrails, the sweep and the support diagnostics. Deterministic for the same report.
    public var markdown: String {
        let evaluation = self.evaluation
        let level = ReportNumberFormat.percent(evaluation.confidenceLevel)
        var lines: [String] = []
        // Names come from the data and the registry: escaped for Markdown.
        let md = ReportEscaping.markdown
        let treatment = md(self.treatment), control = md(self.control), valueMetricName = md(valueMetric)
        lines.append("# Off-policy evaluation: \(md(model.name))@\(model.version) on \(md(experiment))")
        lines.append("")
        lines.append("Target policies: **\(treatment)** when the model's score >= threshold, else **\(control)**. Values are per-unit metric values over each unit's window after first exposure; intervals are \(level) unit-level bootstrap percentile intervals (\(evaluation.replicates) replicates, seed \(evaluation.seed)).")
        lines.append("")
        lines.append("| setup | |")
        lines.append("|---|---|")
        lines.append("| units analysed | \(ReportNumberFormat.count(evaluation.units)) (\(ReportNumberFormat.count(evaluation.treatmentUnits)) \(treatment), \(ReportNumberFormat.count(evaluation.controlUnits)) \(control), \(ReportNumberFormat.count(evaluation.otherUnits)) other variants) |")
        lines.append("| excluded (several variants) | \(ReportNumberFormat.count(unitsExcludedSeveralVariants)) |")
        lines.append("| model | \(md(model.name))@\(model.version) (\(model.modelType)), features: \(model.features.map(md).joined(separator: ", ")) |")
        lines.append("| feature cutoff | \(cutoff) (\(cutoffSource)); \(ReportNumberFormat.count(unitsWithoutHistory)) units without history scored on default features |")
        lines.append("| propensities | \(propensityMethod) |")
        lines.append("| outcome models | ridge least squares per arm on \(evaluation.outcomeModelColumns.count) columns, \(evaluation.folds)-fold cross-fitted |")
        lines.append("| value metric | \(valueMetricName) |")
        lines.append("")
        let warnings = readerWarnings
        if !warnings.isEmpty {
            lines.append("## Warnings")
            lines.append("")
            for warning in warnings { lines.append("* \(md(warning))") }
            lines.append("")
        }
        var notes: [String] = []
        func cell(_ interval: EstimateInterval?, signed: Bool = false) -> String {
            guard let interval else { return ReportNumberFormat.missing }
            if let reason = interval.undefinedReason {
                if !notes.contains(reason) { notes.append(reason) }
            }
            let marker = interval.undefinedReason.map { " [\((notes.firstIndex(of: $0) ?? 0) + 1)]" } ?? ""
            guard let estimate = interval.estimate else { return ReportNumberFormat.missing + marker }
            let text = (signed && estimate > 0 ? "+" : "") + ReportNumberFormat.value(estimate)
            return text + " " + ReportNumberFormat.valueInterval(interval.lower, interval.upper) + marker
        }
        func metricTable(_ metric: String, policies: [PolicyEvaluation], difference: Bool) -> [String] {
            var rows = ["| policy | treated | support | ESS | IPS | SNIPS | DM | DR |", "|---|---|---|---|---|---|---|---|"]
            for policy in policies {
                let values = OffPolicyEstimator.offPolicy.map { estimator -> String in
                    if policy.kind == .logged {
                        return difference ? ReportNumberFormat.missing : cell(policy.estimate(metric, .observed)?.value)
                    }
                    let estimate = policy.estimate(metric, estimator)
                    return difference ? cell(estimate?.differenceFromAllControl, signed: true) : cell(estimate?.value)
                }
                let ess = policy.kind == .logged ? ReportNumberFormat.missing : ReportNumberFormat.value(policy.effectiveSampleSize)
                rows.append("| \(ReportEscaping.markdown(policy.name)) | \(ReportNumberFormat.percent(policy.treatedShare)) | \(ReportNumberFormat.percent(policy.supportCoverage)) | \(ess) | \(values.joined(separator: " | ")) |")
            }
            return rows
        }
        lines.append("## Value metric: \(valueMetricName)")
        lines.append("")
        lines += metricTable(valueMetric, policies: evaluation.policies, difference: false)
        lines.append("")
        lines.append("The logged policy's row is its observed mean (on-policy, no weighting), the same in every column.")
        lines.append("")
        lines.append("### Difference from all \(control)")
        lines.append("")
        lines += metricTable(valueMetric, policies: evaluation.policies.filter { $0.kind != .logged && $0.kind != .allControl }, difference: true)
        lines.append("")
        for metric in evaluation.metrics where metric.name != valueMetric {
            let role = metric.isGuardrail ? "guardrail" : "metric"
            lines.append("## \(metric.isGuardrail ? "Guardrail" : "Metric"): \(md(metric.name)) (\(role), \(metric.increaseIsGood ? "higher" : "lower") is better)")
            lines.append("")
            lines += metricTable(metric.name, policies: evaluation.policies, difference: false)
            lines.append("")
            lines.append("Difference from all \(control):")
            lines.append("")
            lines += metricTable(metric.name, policies: evaluation.policies.filter { $0.kind != .logged && $0.kind != .allControl }, difference: true)
            lines.append("")
        }
        if !evaluation.sweep.isEmpty {
            lines.append("## Threshold sweep (DR)")
            lines.append("")
            let names = evaluation.metrics.map(\.name)
            lines.append("| threshold | treated | support | ESS | " + names.map { "\(md($0)) DR" }.joined(separator: " | ") + " | " + names.map { "\(md($0)) DR vs all \(control)" }.joined(separator: " | ") + " |")
            lines.append("|---|---|---|---|" + String(repeating: "---|", count: names.count * 2))
            for policy in evaluation.sweep {
                let values = names.map { cell(policy.estimate($0, .doublyRobust)?.value) }
                let differences = names.map { cell(policy.estimate($0, .doublyRobust)?.differenceFromAllControl, signed: true) }
                lines.append("| \(ReportNumberFormat.value(policy.threshold)) | \(ReportNumberFormat.percent(policy.treatedShare)) | \(ReportNumberFormat.percent(policy.supportCoverage)) | \(ReportNumberFormat.value(policy.effectiveSampleSize)) | \((values + differences).joined(separator: " | ")) |")
            }
            lines.append("")
        }
        lines.append("## Support by score decile")
        lines.append("")
        lines.append("| decile | scores | units | \(treatment) | \(control) | note |")
        lines.append("|---|---|---|---|---|---|")
        for decile in evaluation.deciles {
            lines.append("| \(decile.decile) | \(ReportNumberFormat.value(decile.minimumScore)) – \(ReportNumberFormat.value(decile.maximumScore)) | \(ReportNumberFormat.count(decile.units)) | \(ReportNumberFormat.count(decile.treatment)) | \(ReportNumberFormat.count(decile.control)) | \(decile.warning ?? "") |")
        }
        lines.append("")
        lines.append("## Propensities")
        lines.append("")
        lines.append("\(propensityMethod).")
        lines.append("")
        lines.append("| stratum | units | \(treatment) | \(control) | P(\(treatment)) | P(\(control)) | \(level) interval of the \(treatment) share |")
        lines.append("|---|---|---|---|---|---|---|")
        for stratum in evaluation.propensityStrata {
            let interval = stratum.treatmentShareLower == nil ? ReportNumberFormat.missing
                : ReportNumberFormat.valueInterval(stratum.treatmentShareLower, stratum.treatmentShareUpper)
            lines.append("| \(stratum.label) | \(ReportNumberFormat.count(stratum.units)) | \(ReportNumberFormat.count(stratum.treatment)) | \(ReportNumberFormat.count(stratum.control)) | \(ReportNumberFormat.value(stratum.treatmentPropensity)) | \(ReportNumberFormat.value(stratum.controlPropensity)) | \(interval) |")
        }
        lines.append("")
        if !skippedMetrics.isEmpty {
            lines.append("Not evaluated: " + skippedMetrics.map { "\(md($0.name)) (\(md($0.reason)))" }.joined(separator: "; ") + ".")
            lines.append("")
        }
        if !notes.isEmpty {
            lines.append("## Notes")
            lines.append("")
            for (index, note) in notes.enumerated() { lines.append("\(index + 1). \(md(note))") }
            lines.append("")
        }
        lines.append("Estimators, formulas and assumptions: docs/off-policy.md.")
        return lines.joined(separator: "\n") + "\n"
    }
}
