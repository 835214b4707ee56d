/// The Markdown and HTML reports of a simulation (`DIR/report.md`, `DIR/report.html`).
public enum SimulationReport {
    /// The Markdown report: semantics, history, frontier, then each policy in detail.
    public static func markdown(_ result: SimulationResult) -> String {
        var out = "# Rollout policy simulation: \(ReportEscaping.markdown(result.experiment))\n\n"
        out += "Treatment `\(result.treatment)` vs control `\(result.control)`, flag key `\(result.flagKey)`, hash `\(result.hash)`.\n\n"
        out += "**How the replay works.** \(result.semantics)\n\n"
        out += "## History\n\n"
        let history = result.history
        out += "| units | treatment | control | treated share | events kept | metric window | start | last look | look every |\n|---:|---:|---:|---:|---:|---:|---|---|---:|\n"
        out += "| \(ReportNumberFormat.count(history.units)) | \(ReportNumberFormat.count(history.treatmentUnits)) | \(ReportNumberFormat.count(history.controlUnits)) | \(ReportNumberFormat.percent(history.treatmentShare)) | \(ReportNumberFormat.count(history.eventsKept)) | \(ReportNumberFormat.setting(history.windowDays)) d | \(history.start) | \(history.end) | \(hours(history.lookEveryHours)) |\n\n"
        out += "Guardrail metrics: " + result.guardrailMetrics.map {
            "\(ReportEscaping.markdown($0.name)) (\($0.direction) is good, margin \(ReportNumberFormat.setting($0.margin))\($0.relativeMargin ? " relative" : ""))"
        }.joined(separator: "; ") + ".\n\n"
        out += "\(result.settings.replicates) A/A replicates (seed \(result.settings.seed)), rollback latency \(hours(result.settings.rollbackLatencyHours))"
        out += result.settings.regressions.isEmpty ? ", no injected regressions.\n\n"
            : ", injected regressions: " + result.settings.regressions.map(\.label).joined(separator: ", ") + ".\n\n"

        out += "## Frontier\n\n"
        out += "Lower is better in every column. A dominated policy is beaten or matched on all three by another one.\n\n"
        out += "| policy | median time to full rollout (A/A) | false-stop rate [95% CI] | mean units exposed on bad scenarios | dominated |\n|---|---:|---:|---:|---|\n"
        for (row, policy) in zip(result.frontier, result.policies) {
            let time = policy.good.hoursToFullRollout.map { "\(hours($0.median)) (p10 \(hours($0.p10)), p90 \(hours($0.p90)))" } ?? "never"
            out += "| \(ReportEscaping.markdown(row.policy)) | \(time) | \(ReportNumberFormat.percent(row.falseStopRate)) [\(ReportNumberFormat.percent(policy.good.falseStopInterval[0])), \(ReportNumberFormat.percent(policy.good.falseStopInterval[1]))] | \(row.meanExposedUnitsOnBad.map { ReportNumberFormat.value($0) } ?? ReportNumberFormat.missing) | \(row.dominated ? "yes, by " + row.dominatedBy.map(ReportEscaping.markdown).joined(separator: ", ") : "no") |\n"
        }
        out += "\n"
        for policy in result.policies { out += policySection(policy) }
        return out
    }

    static func policySection(_ policy: PolicyResult) -> String {
        var out = "## Policy \(ReportEscaping.markdown(policy.name))\n\n"
        out += "Stages \(policy.stages.map { ReportNumberFormat.setting($0) + "%" }.joined(separator: " → ")); dwell \(policy.dwellHours.map(hours).joined(separator: ", ")); minimum exposures \(policy.minimumExposures.map { ReportNumberFormat.count($0) }.joined(separator: ", ")); rule \(policy.rule) (\(policy.ruleParameters)), judged from \(policy.minimumUnitsPerArm) units per arm\(policy.advanceRequiresNonInferiority ? "; advancing needs non-inferiority" : "").\n\n"
        out += "| stage | units below it | observed treated | earliest end | support |\n|---:|---:|---:|---:|---|\n"
        for stage in policy.support {
            out += "| \(ReportNumberFormat.setting(stage.percentage))% | \(ReportNumberFormat.count(stage.unitsInHistory)) | \(ReportNumberFormat.count(stage.observedTreatedUnits)) (\(ReportNumberFormat.percent(stage.observedShare))) | \(hours(stage.earliestEndHours)) | \(stage.supported ? "ok" : "**no support**: " + stage.reasons.joined(separator: "; ")) |\n"
        }
        out += "\n**Real history:** \(outcomeText(policy.realHistory))\n\n"
        let good = policy.good
        out += "**A/A (good) scenarios:** \(good.fullRollouts) of \(good.replicates) reached full rollout"
        if let time = good.hoursToFullRollout {
            out += " after a median \(hours(time.median)) (p10 \(hours(time.p10)), p90 \(hours(time.p90)), range \(hours(time.minimum))–\(hours(time.maximum)))"
        }
        out += "; \(good.falseStops) false stops (rate \(ReportNumberFormat.percent(good.falseStopRate)), 95% CI \(ReportNumberFormat.percent(good.falseStopInterval[0]))–\(ReportNumberFormat.percent(good.falseStopInterval[1]))); \(good.censored) ran out of history.\n\n"
        if !policy.bad.isEmpty {
            out += "| bad scenario | stopped [95% CI] | missed (full rollout) | median time to stop | units exposed (mean, p90) | harm (mean, p90) |\n|---|---:|---:|---:|---:|---:|\n"
            for bad in policy.bad {
                out += "| \(ReportEscaping.markdown(bad.regression)) | \(bad.stops)/\(bad.replicates) [\(ReportNumberFormat.percent(bad.detectionInterval[0])), \(ReportNumberFormat.percent(bad.detectionInterval[1]))] | \(bad.missed) | \(bad.hoursToStop.map { hours($0.median) } ?? ReportNumberFormat.missing) | \(ReportNumberFormat.value(bad.exposedUnits.mean)), \(ReportNumberFormat.value(bad.exposedUnits.p90)) | \(ReportNumberFormat.value(bad.harm.mean)), \(ReportNumberFormat.value(bad.harm.p90)) \(bad.harmUnit) |\n"
            }
            out += "\n"
        }
        return out
    }

    /// One replay outcome in words.
    static func outcomeText(_ outcome: ReplayOutcome) -> String {
        if let stop = outcome.stopHours {
            return "stopped at \(hours(stop)) at the \(ReportNumberFormat.setting(outcome.stoppedAtPercentage))% stage by \(outcome.alarmingMetrics.joined(separator: ", ")); \(ReportNumberFormat.count(outcome.exposedUnits)) units exposed before the rollback."
        }
        if let full = outcome.fullRolloutHours {
            return "full rollout after \(hours(full)) (stages began at \(outcome.stageStartHours.map(hours).joined(separator: ", ")))."
        }
        return "neither stopped nor fully rolled out before the history ended (stages began at \(outcome.stageStartHours.map(hours).joined(separator: ", ")))."
    }

    /// Hours as `36 h` or `4.5 d` (from 48 h on).
    static func hours(_ value: Double) -> String {
        if value >= 48 { return ReportNumberFormat.value(value / 24) + " d" }
        return ReportNumberFormat.value(value) + " h"
    }
}
