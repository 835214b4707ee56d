/// The off-policy estimators (formulas and references in `docs/off-policy.md`).
public enum OffPolicyEstimator: String, Sendable, Equatable, Codable, CaseIterable {
    /// Inverse propensity scoring (Horvitz & Thompson 1952): `(1/n) sum w_i y_i`.
    case ips
    /// Self-normalised IPS (Swaminathan & Joachims 2015): `sum w_i y_i / sum w_i`.
    case snips
    /// Direct method: the mean of the cross-fitted outcome model's prediction for the policy's arm.
    case directMethod = "dm"
    /// Doubly robust (Dudik, Langford & Li 2011): DM plus the importance-weighted residual.
    case doublyRobust = "dr"
    /// The logged policy's on-policy value: the plain mean of the observed rewards.
    case observed

    /// The estimators computed for target policies.
    public static let offPolicy: [OffPolicyEstimator] = [.ips, .snips, .directMethod, .doublyRobust]

    /// A short label for reports.
    public var label: String {
        switch self {
        case .ips: return "IPS"
        case .snips: return "SNIPS"
        case .directMethod: return "DM"
        case .doublyRobust: return "DR"
        case .observed: return "observed"
        }
    }
}
