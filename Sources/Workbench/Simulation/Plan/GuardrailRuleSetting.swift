/// Which guardrail rule a policy runs at every look, with its parameters.
///
/// Every rule looks at each guardrail metric of the analysis spec (metrics with a
/// `guardrail:` margin) as the relative change treatment vs control, in the metric's harmful
/// direction; the family of G metrics is split Bonferroni-wise (alpha / G per metric) so the
/// policy's false-stop rate stays at or below alpha for the always-valid rules.
public enum GuardrailRuleSetting: Sendable, Equatable {
    /// Always-valid confidence sequence (GrowthBook's asymptotic CS tuned for `tuning` units,
    /// `Stats.Sequential.confidenceSequence`): stops when the sequence lies entirely on the
    /// harmful side of zero.
    case sequential(alpha: Double, tuning: Double)
    /// mSPRT (Johari et al. 2017) with mixing variance `mixingVariance` on the relative scale:
    /// stops when the always-valid p-value is below alpha and the estimate is harmful.
    case mixtureSPRT(alpha: Double, mixingVariance: Double)
    /// The peeking baseline: a fixed-horizon two-sided Welch test at every look; stops when
    /// p < alpha with a harmful estimate. Its false-stop rate exceeds alpha (that is the point).
    case naive(alpha: Double)
    /// Flagger/Argo style: stops when the relative change is worse than `bound` (a fraction,
    /// e.g. 0.1) at `looks` consecutive looks.
    case threshold(bound: Double, looks: Int)

    /// The name used in policy files and reports.
    public var typeName: String {
        switch self {
        case .sequential: return "sequential"
        case .mixtureSPRT: return "msprt"
        case .naive: return "naive"
        case .threshold: return "threshold"
        }
    }

    /// Parameters as text for reports, e.g. `alpha=0.05, tuning=5000`.
    public var parameterText: String {
        switch self {
        case let .sequential(alpha, tuning): return "alpha=\(alpha), tuning=\(tuning)"
        case let .mixtureSPRT(alpha, variance): return "alpha=\(alpha), mixing_variance=\(variance)"
        case let .naive(alpha): return "alpha=\(alpha)"
        case let .threshold(bound, looks): return "bound=\(bound), looks=\(looks)"
        }
    }
}
