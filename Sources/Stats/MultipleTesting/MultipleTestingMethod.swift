/// A family-wise or false-discovery-rate correction for a family of hypothesis tests.
///
/// The raw names match statsmodels' `multipletests(method:)` so that reports and fixtures can
/// name the peer method directly.
public enum MultipleTestingMethod: String, Sendable, Hashable, Codable, CaseIterable {
    /// Bonferroni: adjusted p = min(1, m p). Controls the family-wise error rate (FWER) under any
    /// dependence.
    case bonferroni = "bonferroni"
    /// Holm's step-down method: uniformly more powerful than Bonferroni, same FWER guarantee
    /// under any dependence (Holm 1979).
    case holm = "holm"
    /// Benjamini-Hochberg step-up: controls the false discovery rate (FDR) for independent or
    /// positively dependent tests (Benjamini & Hochberg 1995). statsmodels `fdr_bh`.
    case benjaminiHochberg = "fdr_bh"
    /// Benjamini-Yekutieli: BH with the extra factor c(m) = 1 + 1/2 + ... + 1/m, controls the FDR
    /// under arbitrary dependence (Benjamini & Yekutieli 2001). statsmodels `fdr_by`.
    case benjaminiYekutieli = "fdr_by"

    /// Whether the method controls the family-wise error rate (otherwise the false discovery
    /// rate).
    public var controlsFamilyWiseErrorRate: Bool {
        switch self {
        case .bonferroni, .holm: return true
        case .benjaminiHochberg, .benjaminiYekutieli: return false
        }
    }
}
