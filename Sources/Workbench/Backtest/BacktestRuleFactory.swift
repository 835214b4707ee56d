/// Turns the spec's rule settings into `GuardrailRule` values.
enum BacktestRuleFactory {
    static func rule(_ settings: BacktestSettings.Rule, alpha specAlpha: Double) -> any GuardrailRule {
        let alpha = settings.alpha ?? specAlpha
        let threshold: HarmThreshold = settings.threshold == .zero ? .zero : .margin
        switch settings.kind {
        case .sequential(let tuning):
            return SequentialRule(name: settings.name, alpha: alpha, tuningUnits: tuning, threshold: threshold, minimumUnitsPerArm: settings.minimumUnits ?? 100)
        case .msprt(let tau):
            return MixtureSPRTRule(name: settings.name, alpha: alpha, mixingStandardDeviation: tau, threshold: threshold, minimumUnitsPerArm: settings.minimumUnits ?? 100)
        case .naive:
            return NaivePeekingRule(name: settings.name, alpha: alpha, threshold: threshold, minimumUnitsPerArm: settings.minimumUnits ?? 100)
        case .canary(let pass, let marginal, let critical, let tolerance, let maximumUnits):
            return CanaryJudgeRule(
                name: settings.name, alpha: alpha, passScore: pass, marginalScore: marginal, critical: Set(critical),
                tolerance: tolerance, maximumUnitsPerArm: maximumUnits, minimumUnitsPerArm: settings.minimumUnits ?? 10)
        case .thresholdRatio(let bound):
            return ThresholdCounterRule(
                name: settings.name, check: .ratio(bound: bound), looks: settings.looks, consecutive: settings.consecutive,
                minimumUnitsPerArm: settings.minimumUnits ?? 100)
        case .thresholdValue(let bounds):
            return ThresholdCounterRule(
                name: settings.name, check: .treatmentValue(bounds: bounds), looks: settings.looks,
                consecutive: settings.consecutive, minimumUnitsPerArm: settings.minimumUnits ?? 100)
        }
    }

    static func typeName(_ kind: BacktestSettings.Rule.Kind) -> String {
        switch kind {
        case .sequential: return "sequential"
        case .msprt: return "msprt"
        case .naive: return "naive"
        case .canary: return "canary"
        case .thresholdRatio, .thresholdValue: return "threshold"
        }
    }

    /// The rule's parameters in words, for reports.
    static func describe(_ settings: BacktestSettings.Rule, alpha specAlpha: Double) -> String {
        let alpha = ReportNumberFormat.value(settings.alpha ?? specAlpha)
        let against = (settings.threshold == .zero ? "any harm (threshold zero)" : "harm beyond the margin")
            + ", from \(settings.minimumUnits ?? 100) units per arm"
        switch settings.kind {
        case .sequential(let tuning):
            return "confidence sequence (GrowthBook asymptotic, N* = \(ReportNumberFormat.value(tuning))), alpha \(alpha), alarm on \(against)"
        case .msprt(let tau):
            return "mSPRT always-valid p < \(alpha), tau = \(ReportNumberFormat.value(tau)), alarm on \(against)"
        case .naive:
            return "fixed-horizon interval at every look, alpha \(alpha), alarm on \(against)"
        case .canary(let pass, let marginal, let critical, let tolerance, let maximumUnits):
            return "Mann-Whitney U + Hodges-Lehmann per metric at alpha \(alpha), pass score >= \(ReportNumberFormat.value(pass)), marginal >= \(ReportNumberFormat.value(marginal)), critical: \(critical.isEmpty ? "none" : critical.joined(separator: ", ")), tolerance \(ReportNumberFormat.value(tolerance)), <= \(maximumUnits) units per arm"
        case .thresholdRatio(let bound):
            return "treatment/control worse than 1 + \(ReportNumberFormat.value(bound)) in \(settings.looks) \(settings.consecutive ? "consecutive" : "total") looks (cumulative values, >= \(settings.minimumUnits ?? 100) units per arm)"
        case .thresholdValue(let bounds):
            let listed = bounds.keys.sorted().map { "\($0) \(ReportNumberFormat.value(bounds[$0]))" }.joined(separator: ", ")
            return "treatment value beyond \(listed) in \(settings.looks) \(settings.consecutive ? "consecutive" : "total") looks (cumulative values, >= \(settings.minimumUnits ?? 100) units per arm)"
        }
    }
}
