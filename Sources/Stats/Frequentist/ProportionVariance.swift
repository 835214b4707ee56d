/// Which variance a two-proportion test uses for its statistic.
public enum ProportionVariance: String, Sendable, Hashable, Codable, CaseIterable {
    /// Each arm's own p(1 - p) / n, with a Welch t reference distribution (gbstats).
    case unpooled
    /// The pooled p(1 - p)(1/n_A + 1/n_B) under H0 with a normal reference distribution,
    /// as statsmodels `proportions_ztest`. Only the statistic and p-value use the pooled
    /// variance; the interval keeps the unpooled standard error (with normal quantiles),
    /// because H0 does not hold where the interval is evaluated. With a relative lift and
    /// `relativeInterval: .fieller`, the interval stays Fieller's (t quantile, Welch degrees of
    /// freedom) while `degreesOfFreedom` reports the normal reference of the p-value.
    case pooled
}
