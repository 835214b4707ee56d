import Stats

/// A Kayenta-style canary judge: per metric a Mann-Whitney U test with the Hodges-Lehmann
/// shift on per-unit values, a score from the metrics that pass, and score thresholds.
///
/// Per metric (per-unit values of the units that entered, at most `maximumUnitsPerArm` per
/// arm spread evenly over entry order; ratio metrics use x / y per unit with y > 0):
/// * fail: two-sided U test p < alpha, the treatment tends the harmful way (probability of
///   superiority on the harmful side of 1/2), and the HL shift is harmful by more than
///   `tolerance` x |control mean per unit|;
/// * marginal: p < alpha and harmful, but the HL shift within the tolerance (typical for
///   sparse counts where most units are 0 and the median difference is 0);
/// * pass: otherwise; metrics with fewer than `minimumUnitsPerArm` units in an arm have no
///   data and are left out of the score.
/// Score = passing metrics / metrics with data. Judgement: fail when a `critical` metric
/// fails or score < `marginalScore`; pass when score >= `passScore`; marginal between.
/// The rule alarms on a failed judgement (not on a marginal one: Spinnaker continues with a
/// warning). Kayenta scores in percent; these are fractions. Stateless.
/// Cost per look: O(N log N) per metric for N = the units compared.
public struct CanaryJudgeRule: GuardrailRule {
    public var name: String
    public var alpha: Double
    public var passScore: Double
    public var marginalScore: Double
    /// Metric names whose failure fails the judgement whatever the score.
    public var critical: Set<String>
    /// Harmful HL shift tolerated, as a fraction of |control mean per unit| (>= 0).
    public var tolerance: Double
    public var maximumUnitsPerArm: Int
    public var minimumUnitsPerArm: Int

    public init(
        name: String = "canary", alpha: Double = 0.05, passScore: Double = 0.95, marginalScore: Double = 0.75,
        critical: Set<String> = [], tolerance: Double = 0, maximumUnitsPerArm: Int = 2000, minimumUnitsPerArm: Int = 10
    ) {
        precondition(alpha > 0 && alpha < 1, "alpha must be in (0, 1), got \(alpha)")
        precondition(0 <= marginalScore && marginalScore <= passScore && passScore <= 1,
                     "need 0 <= marginal \(marginalScore) <= pass \(passScore) <= 1")
        precondition(tolerance >= 0 && maximumUnitsPerArm >= 2 && minimumUnitsPerArm >= 1,
                     "tolerance \(tolerance) >= 0, maximum units \(maximumUnitsPerArm) >= 2, minimum \(minimumUnitsPerArm) >= 1")
        self.name = name
        self.alpha = alpha
        self.passScore = passScore
        self.marginalScore = marginalScore
        self.critical = critical
        self.tolerance = tolerance
        self.maximumUnitsPerArm = maximumUnitsPerArm
        self.minimumUnitsPerArm = minimumUnitsPerArm
    }

    public mutating func evaluate(_ snapshot: LookSnapshot, metrics: [GuardrailMetric]) -> RuleVerdict {
        var alarms: [Bool] = []
        var passed = 0, judged = 0
        var criticalFailure = false
        var notes: [String] = []
        for (index, metric) in metrics.enumerated() {
            let verdict = judge(metric: index, snapshot: snapshot, metrics: metrics)
            alarms.append(verdict == .fail)
            guard let verdict else { continue }
            judged += 1
            switch verdict {
            case .pass: passed += 1
            case .marginal: notes.append("\(metric.name) marginal")
            case .fail:
                notes.append("\(metric.name) fails")
                if critical.contains(metric.name) { criticalFailure = true }
            }
        }
        guard judged > 0 else {
            return RuleVerdict(alarm: false, metricAlarms: alarms, judgement: .pass, reason: "no metric has data yet")
        }
        let score = Double(passed) / Double(judged)
        let judgement: RuleVerdict.Judgement = criticalFailure || score < marginalScore ? .fail : score >= passScore ? .pass : .marginal
        var reason = "score \(ReportNumberFormat.value(score))"
        if criticalFailure { reason += ", a critical metric fails" }
        if !notes.isEmpty { reason += " (" + notes.joined(separator: ", ") + ")" }
        return RuleVerdict(alarm: judgement == .fail, metricAlarms: alarms, judgement: judgement, reason: reason)
    }

    /// One metric's classification, nil without enough data.
    func judge(metric index: Int, snapshot: LookSnapshot, metrics: [GuardrailMetric]) -> RuleVerdict.Judgement? {
        let metric = metrics[index]
        let control = snapshot.unitValues(metric: index, arm: 0, limit: maximumUnitsPerArm)
        let treatment = snapshot.unitValues(metric: index, arm: 1, limit: maximumUnitsPerArm)
        guard control.count >= minimumUnitsPerArm, treatment.count >= minimumUnitsPerArm,
            let test = try? MannWhitney.test(treatment: treatment, control: control, method: .asymptotic)
        else { return nil }
        let harmful = metric.harmSign * (test.probabilityOfSuperiority - 0.5) > 0
        guard test.pValue < alpha, harmful else { return .pass }
        guard let shift = try? MannWhitney.hodgesLehmann(treatment: treatment, control: control, confidenceLevel: 1 - alpha) else {
            return .marginal
        }
        let controlMean = control.reduce(0, +) / Double(control.count)
        return metric.harmSign * shift.shift > tolerance * abs(controlMean) ? .fail : .marginal
    }
}
