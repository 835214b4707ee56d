/// Phrases shared by the HTML and Markdown backtest reports, so both say the same thing.
enum BacktestReportFacts {
    static func alarm(_ real: BacktestResult.RealHistory) -> String {
        guard let time = real.alarmTime else { return "none" }
        return "look \((real.alarmLook ?? 0) + 1), \(time)"
    }

    static func delay(_ real: BacktestResult.RealHistory) -> String {
        guard let hours = real.detectionDelayHours else { return "–" }
        return hours < 0 ? "\(ReportNumberFormat.value(-hours)) h before onset" : "\(ReportNumberFormat.value(hours)) h"
    }

    static func rate(_ rate: BacktestResult.Rate) -> String {
        "\(ReportNumberFormat.percent(rate.rate)) (\(rate.alarms)/\(rate.replicates); 95% CI \(ReportNumberFormat.percent(rate.lower)) to \(ReportNumberFormat.percent(rate.upper)))"
    }

    static func size80(_ curve: BacktestResult.PowerCurve) -> String {
        guard let size = curve.sizeDetected80 else { return "not reached" }
        let prefix = curve.sizeDetected80Note == "interpolated" ? "" : "<= "
        return prefix + ReportNumberFormat.percent(size)
    }

    static func harm(_ harm: BacktestResult.ExcessHarm) -> String {
        "\(harm.metric): \(ReportNumberFormat.value(harm.excess)) \(harm.unit)"
    }

    static func power(_ point: BacktestResult.PowerPoint) -> String {
        "\(ReportNumberFormat.percent(point.detection.rate)) (\(point.detection.alarms)/\(point.detection.replicates))"
    }

    /// The opening sentence: arms, units, events.
    static func overview(_ result: BacktestResult) -> String {
        "Treatment \"\(result.treatment)\" against control \"\(result.control)\": \(ReportNumberFormat.count(result.data.treatmentUnits)) treatment and "
            + "\(ReportNumberFormat.count(result.data.controlUnits)) control units, \(ReportNumberFormat.count(result.data.events)) guardrail events in their windows, "
            + "\(ReportNumberFormat.count(result.data.excludedUnits)) units excluded (seen in several variants). "
            + "\(result.settings.looks) looks every \(ReportNumberFormat.value(result.settings.intervalHours)) h from \(result.settings.start); "
            + "rollback latency \(ReportNumberFormat.value(result.settings.rollbackLatencyHours)) h; regression onset \(result.settings.onset); "
            + "alpha \(ReportNumberFormat.value(result.settings.alpha)); \(result.settings.replicates) A/A replicates and \(result.settings.powerReplicates) power replicates per size; seed \(result.settings.seed)."
    }

    /// Short look labels: `01-06` for whole-day intervals, `01-06 13:00` otherwise.
    static func lookLabels(_ result: BacktestResult) -> [String] {
        let daily = result.settings.intervalHours.truncatingRemainder(dividingBy: 24) == 0 && result.settings.start.hasSuffix("T00:00:00Z")
        return result.timeline.map { look in
            let text = Array(look.time)
            guard text.count >= 16 else { return look.time }
            return daily ? String(text[5..<10]) : String(text[5..<10]) + " " + String(text[11..<16])
        }
    }

    /// One sentence on what the A/A rates mean.
    static let falseAlarmExplanation = "A/A replays split the control units with a fresh salt per replicate into pseudo-arms that follow the real rollout's treatment share per look interval; every alarm is a false alarm. Family-wise: any guardrail metric alarmed at any look."

    static let powerExplanation = "Power replay p reuses A/A replicate p's split and injects the regression into its pseudo-treatment arm from the onset on (a step); detected = the rule's first alarm comes after the onset."
}
