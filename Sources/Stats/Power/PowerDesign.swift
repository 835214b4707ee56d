/// The fixed parts of a two-arm experiment's power calculation: per-unit variances, split,
/// significance level, sidedness and test distribution.
///
/// The test is the difference of means treatment - control with standard error
/// SE = sqrt(varianceControl / nControl + varianceTreatment / nTreatment). With equal variances
/// this is statsmodels' `NormalIndPower` (`.normal`) or `TTestIndPower` (`.studentT`) with
/// `effect_size = effect / sigma` and `ratio = allocationRatio`, and the results match them
/// (fixtures/power). Conventions:
///
/// * variances are per unit and per arm (not of the difference);
/// * counts are per arm; `SampleSizePlan.totalCount` is their sum;
/// * a two-sided power counts rejections in both tails (as statsmodels does);
/// * a one-sided test points the way of the effect to detect, so only |effect| matters;
/// * the t test uses nControl + nTreatment - 2 degrees of freedom (Student's, exact for equal
///   variances; with unequal variances it is an approximation to Welch's test).
///
/// Published check (GrowthBook/`confidence` test vector): effect 0.3, variance 100 in each arm,
/// alpha 0.05, power 0.85, t test, 50/50 -> 19,953 units per arm, 39,906 in total.
public struct PowerDesign: Sendable, Hashable, Codable {
    /// The sidedness of the planned test.
    public enum Alternative: String, Sendable, Hashable, Codable, CaseIterable {
        /// Reject when |z| > z(1 - alpha / 2).
        case twoSided = "two-sided"
        /// Reject when z > z(1 - alpha) in the direction of the effect.
        case oneSided = "one-sided"
    }

    /// The distribution of the test statistic.
    public enum TestDistribution: String, Sendable, Hashable, Codable, CaseIterable {
        /// z test: power from the normal distribution (statsmodels `NormalIndPower`).
        case normal
        /// t test: power from the noncentral t with n_c + n_t - 2 degrees of freedom
        /// (statsmodels `TTestIndPower`).
        case studentT
    }

    /// Per-unit variance of the metric in the control arm, > 0.
    public var controlVariance: Double
    /// Per-unit variance of the metric in the treatment arm, > 0.
    public var treatmentVariance: Double
    /// Treatment units per control unit, > 0 (1 = even split; 0.25 = 80/20 control-heavy).
    public var allocationRatio: Double
    /// Significance level in (0, 1); default 0.05.
    public var alpha: Double
    /// Two-sided (default) or one-sided.
    public var alternative: Alternative
    /// Normal (default) or Student t.
    public var testDistribution: TestDistribution

    /// Creates a design with the same per-unit variance in both arms.
    public init(
        variance: Double, allocationRatio: Double = 1, alpha: Double = 0.05,
        alternative: Alternative = .twoSided, testDistribution: TestDistribution = .normal
    ) {
        self.init(controlVariance: variance, treatmentVariance: variance, allocationRatio: allocationRatio,
                  alpha: alpha, alternative: alternative, testDistribution: testDistribution)
    }

    /// Creates a design with a per-unit variance for each arm.
    public init(
        controlVariance: Double, treatmentVariance: Double, allocationRatio: Double = 1, alpha: Double = 0.05,
        alternative: Alternative = .twoSided, testDistribution: TestDistribution = .normal
    ) {
        self.controlVariance = controlVariance
        self.treatmentVariance = treatmentVariance
        self.allocationRatio = allocationRatio
        self.alpha = alpha
        self.alternative = alternative
        self.testDistribution = testDistribution
    }
}
