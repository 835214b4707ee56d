/// How the interval of a relative lift is built.
///
/// The relative lift D / |m_A| is a ratio of two random quantities; there is more than one
/// accepted interval for it.
public enum RelativeIntervalMethod: String, Sendable, Hashable, Codable, CaseIterable {
    /// First-order delta method: the variance of the ratio from its gradient, including the
    /// uncertainty of the control mean and every covariance term. Symmetric interval.
    /// Matches GrowthBook gbstats (the default there and here).
    case deltaMethod
    /// Fieller's interval for a ratio of (correlated) normal quantities: exact under
    /// normality of the numerator and denominator, asymmetric, and unbounded (so reported as
    /// undefined) when the control mean is not significantly different from zero.
    /// The p-value is the one of the absolute difference (the ratio is zero exactly when
    /// the difference is).
    case fieller
    /// The absolute interval divided by |control mean|, treating the control mean as known.
    /// Matches Spotify confidence's `difference(..., absolute=False)`; narrower-or-wider
    /// than the delta method depending on the means, and ignores the control mean's noise.
    case scaledAbsolute
}
