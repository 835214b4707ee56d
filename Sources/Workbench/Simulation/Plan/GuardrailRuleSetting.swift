/// Which of the rollout engine's guardrail rules a policy runs at every look, with its
/// parameters (defaults as in `docs/backtest.md`).
///
/// Each case builds the engine's rule (`Sources/Workbench/Rollout/Rules`): all of them judge
/// every guardrail metric of the analysis spec and alarm when any metric does, so the
/// family-wise false-stop rate over G metrics is up to about G x alpha / 2 for the
/// always-valid rules; the simulation measures it on A/A replicates.
public enum GuardrailRuleSetting: Sendable, Equatable {
    /// Always-valid confidence sequence (`SequentialRule`) tuned for `tuning` units.
    case sequential(alpha: Double, tuning: Double, threshold: HarmThreshold)
    /// mSPRT (`MixtureSPRTRule`) with mixing standard deviation `tau` on the margin's scale.
    case mixtureSPRT(alpha: Double, tau: Double, threshold: HarmThreshold)
    /// The peeking baseline (`NaivePeekingRule`): a fixed-horizon test at every look.
    case naive(alpha: Double, threshold: HarmThreshold)
    /// Kayenta-style canary judge (`CanaryJudgeRule`): Mann-Whitney U with Hodges-Lehmann shift.
    case canary(alpha: Double, passScore: Double, marginalScore: Double, critical: [String], tolerance: Double, maximumUnits: Int)
    /// Flagger-style threshold counter (`ThresholdCounterRule` with a treatment/control ratio bound).
    case threshold(bound: Double, looks: Int, consecutive: Bool, minimumUnits: Int)

    /// A fresh engine rule (stateful rules need one per replay); the interval rules judge from
    /// `minimumUnitsPerArm` units per arm, the policy's `min_units_per_arm`.
    public func makeRule(minimumUnitsPerArm: Int = 100) -> any GuardrailRule {
        switch self {
        case let .sequential(alpha, tuning, threshold):
            return SequentialRule(alpha: alpha, tuningUnits: tuning, threshold: threshold, minimumUnitsPerArm: minimumUnitsPerArm)
        case let .mixtureSPRT(alpha, tau, threshold):
            return MixtureSPRTRule(alpha: alpha, mixingStandardDeviation: tau, threshold: threshold, minimumUnitsPerArm: minimumUnitsPerArm)
        case let .naive(alpha, threshold):
            return NaivePeekingRule(alpha: alpha, threshold: threshold, minimumUnitsPerArm: minimumUnitsPerArm)
        case let .canary(alpha, passScore, marginalScore, critical, tolerance, maximumUnits):
            return CanaryJudgeRule(alpha: alpha, passScore: passScore, marginalScore: marginalScore, critical: Set(critical),
                                   tolerance: tolerance, maximumUnitsPerArm: maximumUnits)
        case let .threshold(bound, looks, consecutive, minimumUnits):
            return ThresholdCounterRule(check: .ratio(bound: bound), looks: looks, consecutive: consecutive, minimumUnitsPerArm: minimumUnits)
        }
    }

    /// The alpha of the interval rules (used for the non-inferiority check), 0.05 otherwise.
    public var alpha: Double {
        switch self {
        case let .sequential(alpha, _, _), let .mixtureSPRT(alpha, _, _), let .naive(alpha, _), let .canary(alpha, _, _, _, _, _): return alpha
        case .threshold: return 0.05
        }
    }

    /// The name used in policy files and reports.
    public var typeName: String {
        switch self {
        case .sequential: return "sequential"
        case .mixtureSPRT: return "msprt"
        case .naive: return "naive"
        case .canary: return "canary"
        case .threshold: return "threshold"
        }
    }

    /// Parameters as text for reports, e.g. `alpha=0.05, tuning=5000, threshold=margin`.
    public var parameterText: String {
        func number(_ value: Double) -> String { ReportNumberFormat.setting(value) }
        switch self {
        case let .sequential(alpha, tuning, threshold): return "alpha=\(number(alpha)), tuning=\(number(tuning)), threshold=\(threshold.rawValue)"
        case let .mixtureSPRT(alpha, tau, threshold): return "alpha=\(number(alpha)), tau=\(number(tau)), threshold=\(threshold.rawValue)"
        case let .naive(alpha, threshold): return "alpha=\(number(alpha)), threshold=\(threshold.rawValue)"
        case let .canary(alpha, pass, marginal, critical, tolerance, maximum):
            return "alpha=\(number(alpha)), pass_score=\(number(pass)), marginal_score=\(number(marginal)), critical=[\(critical.joined(separator: ","))], tolerance=\(number(tolerance)), maximum_units=\(maximum)"
        case let .threshold(bound, looks, consecutive, minimum):
            return "bound=\(number(bound)), looks=\(looks), consecutive=\(consecutive), minimum_units=\(minimum)"
        }
    }
}
