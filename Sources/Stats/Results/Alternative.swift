/// The alternative hypothesis of a test, which also decides the shape of the interval.
///
/// * `twoSided`: H1 is "effect != null"; the interval is two-sided.
/// * `greater`: H1 is "effect > null"; the interval is `[lower, +infinity)`.
/// * `less`: H1 is "effect < null"; the interval is `(-infinity, upper]`.
///
/// Matches `alternative=` in scipy (`"two-sided"`, `"greater"`, `"less"`) and gbstats'
/// `OneSidedTreatmentGreaterTTest` / `OneSidedTreatmentLesserTTest`.
public enum Alternative: String, Sendable, Hashable, Codable, CaseIterable {
    /// H1: the effect differs from the null value in either direction.
    case twoSided
    /// H1: the treatment effect is larger than the null value.
    case greater
    /// H1: the treatment effect is smaller than the null value.
    case less
}
