/// CUPED variance reduction with a pre-period covariate (Deng, Xu, Kohavi, Walker 2013).
///
/// The adjusted metric is y - theta * x with one theta pooled over both arms:
/// theta = sum_arms (n_i - 1) Cov_i(y, x) / sum_arms (n_i - 1) Var_i(x), the within-arm
/// (ANCOVA) slope, which equals the covariate coefficient of the OLS fit
/// y ~ treatment + x (statsmodels). Pooling keeps the same adjustment in both arms, so the
/// difference stays unbiased. Absolute lift: (mean_B - theta x_B) - (mean_A - theta x_A).
/// Relative lift divides that by |mean_A| (the *unadjusted* control mean, as gbstats) and
/// its delta-method variance keeps every covariance term of (mean_A, x_A): dropping them
/// is the "relative CUPED variance too small" pitfall. When the covariate has no variance
/// in either arm, the analysis falls back to the unadjusted test and says so in `notes`.
public enum CUPED {
    /// The pooled CUPED coefficient, or `nil` when the covariate has zero variance in both
    /// arms (or an arm has fewer than 2 units). `PairedSummary.x` is the metric, `.y` the covariate.
    public static func pooledTheta(control: PairedSummary, treatment: PairedSummary) -> Double? {
        guard control.count >= 2, treatment.count >= 2,
            let covarianceA = control.covariance, let covarianceB = treatment.covariance,
            let varianceA = control.y.variance, let varianceB = treatment.y.variance
        else { return nil }
        let denominator = (control.count - 1) * varianceA + (treatment.count - 1) * varianceB
        guard denominator > 0, denominator.isFinite else { return nil }
        let theta = ((control.count - 1) * covarianceA + (treatment.count - 1) * covarianceB) / denominator
        return theta.isFinite ? theta : nil
    }

    /// CUPED-adjusted comparison of means; `x` = metric, `y` = pre-period covariate.
    ///
    /// Welch-Satterthwaite degrees of freedom on the adjusted variances. O(1).
    public static func test(
        control: PairedSummary, treatment: PairedSummary, options: ComparisonOptions = ComparisonOptions()
    ) -> ComparisonOutcome<EffectEstimate> {
        guard let controlMoments = moments(of: control), let treatmentMoments = moments(of: treatment) else {
            return Frequentist.undefinedForCounts(control: control.count, treatment: treatment.count)
        }
        return adjustedComparison(
            control: controlMoments, treatment: treatmentMoments,
            theta: pooledTheta(control: control, treatment: treatment), options: options)
    }

    /// CUPED-adjusted comparison of a ratio metric with a pre-period ratio as covariate.
    ///
    /// Both ratios are linearised with the delta method per arm:
    /// r_i ~ (N_i - r D_i) / mean(D), c_i ~ (P_i - c Q_i) / mean(Q), so Var(r), Var(c) and
    /// Cov(r, c) come from the 4 x 4 cross-products; theta is pooled over arms as above.
    public static func ratioTest(
        control: RatioCUPEDSummary, treatment: RatioCUPEDSummary, options: ComparisonOptions = ComparisonOptions()
    ) -> ComparisonOutcome<EffectEstimate> {
        let controlMoments: ArmMoments
        let treatmentMoments: ArmMoments
        switch (ratioMoments(of: control, arm: "control"), ratioMoments(of: treatment, arm: "treatment")) {
        case let (.success(a), .success(b)):
            controlMoments = a
            treatmentMoments = b
        case let (.failure(failure), _), let (_, .failure(failure)):
            return .undefined(reason: failure.reason)
        }
        let denominator = (controlMoments.count - 1) * controlMoments.covariateUnitVariance
            + (treatmentMoments.count - 1) * treatmentMoments.covariateUnitVariance
        let numerator = (controlMoments.count - 1) * controlMoments.unitCovariance
            + (treatmentMoments.count - 1) * treatmentMoments.unitCovariance
        let theta = denominator > 0 ? numerator / denominator : nil
        return adjustedComparison(
            control: controlMoments, treatment: treatmentMoments, theta: theta?.isFinite == true ? theta : nil,
            options: options)
    }

    /// Runs the engine with theta, or falls back to the unadjusted analysis with a note.
    static func adjustedComparison(
        control: ArmMoments, treatment: ArmMoments, theta: Double?, options: ComparisonOptions
    ) -> ComparisonOutcome<EffectEstimate> {
        guard let theta else {
            return EffectCalculator.compare(
                control: control, treatment: treatment, theta: 0, options: options,
                notes: ["CUPED not applied: the covariate has no variance in either arm, so this is the unadjusted analysis"])
        }
        let unadjusted = control.unitVariance / control.count + treatment.unitVariance / treatment.count
        let adjusted = control.adjustedUnitVariance(theta: theta) / control.count
            + treatment.adjustedUnitVariance(theta: theta) / treatment.count
        let reduction = unadjusted > 0 ? 1 - adjusted / unadjusted : 0
        let note = "CUPED applied: theta = \(theta) pooled over both arms; variance of the absolute lift reduced by \((reduction * 1000).rounded() / 10) %"
        return EffectCalculator.compare(
            control: control, treatment: treatment, theta: theta, options: options, notes: [note])
    }

    /// Arm moments with covariate fields from a paired summary (x = metric, y = covariate).
    static func moments(of summary: PairedSummary) -> ArmMoments? {
        guard summary.count >= 2, let metric = summary.x.variance, let covariate = summary.y.variance,
            let covariance = summary.covariance
        else { return nil }
        return ArmMoments(
            count: summary.count, mean: summary.sumX / summary.count, unitVariance: metric,
            covariateMean: summary.sumY / summary.count, covariateUnitVariance: covariate,
            unitCovariance: covariance)
    }

    /// Delta-method moments of the post ratio (metric) and pre ratio (covariate).
    static func ratioMoments(of summary: RatioCUPEDSummary, arm: String) -> Result<ArmMoments, UndefinedFailure> {
        guard summary.count.isFinite, summary.count >= 0 else {
            return .failure(UndefinedFailure(.invalidInput("counts must be finite and non-negative")))
        }
        guard summary.count >= 2 else {
            return .failure(UndefinedFailure(.tooFewUnits(arm: arm, count: summary.count, needed: 2)))
        }
        typealias V = RatioCUPEDSummary.Variable
        let n = summary.count
        let meanN = summary.sum(.numerator) / n
        let meanD = summary.sum(.denominator) / n
        let meanP = summary.sum(.preNumerator) / n
        let meanQ = summary.sum(.preDenominator) / n
        guard meanD != 0, meanQ != 0 else { return .failure(UndefinedFailure(.zeroDenominatorMean(arm: arm))) }
        let ratio = meanN / meanD
        let covariateRatio = meanP / meanQ
        // Linearised per-unit values: (N - r D) / mean(D) and (P - c Q) / mean(Q).
        let metricWeights: [(V, Double)] = [(.numerator, 1 / meanD), (.denominator, -ratio / meanD)]
        let covariateWeights: [(V, Double)] = [(.preNumerator, 1 / meanQ), (.preDenominator, -covariateRatio / meanQ)]
        func bilinear(_ left: [(V, Double)], _ right: [(V, Double)]) -> Double {
            var total = 0.0
            for (first, a) in left { for (second, b) in right { total += a * b * summary.covariance(first, second) } }
            return total
        }
        return .success(
            ArmMoments(
                count: n, mean: ratio, unitVariance: max(0, bilinear(metricWeights, metricWeights)),
                covariateMean: covariateRatio, covariateUnitVariance: max(0, bilinear(covariateWeights, covariateWeights)),
                unitCovariance: bilinear(metricWeights, covariateWeights)))
    }
}
