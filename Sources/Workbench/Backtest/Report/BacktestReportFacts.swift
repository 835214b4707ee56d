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
        "\(ReportNumberFormat.percent(rate.rate)) (\(rate.alarms)/\(rate.replicates); 95% CI \(ReportNumberFormat.percentInterval(rate.lower, rate.upper)))"
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

    /// One sentence on what the A/A rates mean.
    static let falseAlarmExplanation = "A/A replays split the control units with a fresh salt per replicate into pseudo-arms that follow the real rollout's treatment share per look interval; every alarm is a false alarm. Family-wise: any guardrail metric alarmed at any look."

    static let powerExplanation = "Power replay p reuses A/A replicate p's split and injects the regression into its pseudo-treatment arm from the onset on (a step); detected = the rule's first alarm comes after the onset."
}
