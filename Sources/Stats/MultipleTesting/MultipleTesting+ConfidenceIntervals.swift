extension MultipleTesting {
    /// Adjusted p-values and confidence intervals for a family of z or t comparisons.
    ///
    /// Each comparison i has an estimate and a standard error (and optionally degrees of freedom,
    /// for t statistics such as Welch's); its raw two-sided p-value is
    /// p_i = 2 (1 - F(|estimate_i| / se_i)), F the standard normal or Student t(df_i) cdf, and its adjusted p-value q_i comes from
    /// `adjustedPValues`. The adjusted interval is the ordinary interval at the per-comparison
    /// level alpha_i = alpha / k_i, where k_i = q*_i / p_i is the test's *effective multiplier*
    /// and q*_i the adjusted p-value before clipping at 1:
    ///
    /// * Bonferroni: k_i = m, so every interval is at level 1 - alpha / m (the textbook
    ///   Bonferroni interval).
    /// * Holm, BH, BY: k_i is the multiplier that the step-wise procedure effectively applied
    ///   to test i (Holm: between 1 and m; BH: between 1 and m; BY: between c(m) and m c(m)).
    ///   Because p_i < alpha / k_i exactly when q*_i < alpha, the interval excludes 0 exactly
    ///   when the adjusted p-value is below alpha. For Holm these intervals are the ones
    ///   "implied by the adjusted p-value"; they are not simultaneous intervals in the sense of
    ///   Strassburger & Bretz (2008), which can only be given for rejected hypotheses. For BH/BY
    ///   they are FDR-adjusted intervals in the spirit of Benjamini & Yekutieli (2005), but
    ///   per-test rather than selected-set (FCR) intervals.
    ///
    /// The interval is estimate -+ F^-1(1 - alpha_i / 2) se_i with the same F.
    ///
    /// When p_i = 0 (the statistic overflows the tail), k_i is the procedure's multiplier
    /// at the test's rank (m, m - i + 1, m / i, m c(m) / i).
    ///
    /// Degenerate inputs: a standard error of 0 with a non-zero estimate gives p = 0 and the
    /// point interval [estimate, estimate]; a standard error of 0 with estimate 0 gives p = 1 and
    /// the interval [0, 0], each with a `note`.
    ///
    /// - Parameters:
    ///   - estimates: the family's estimates, finite.
    ///   - standardErrors: their standard errors, finite and >= 0, one per estimate.
    ///   - method: the correction.
    ///   - alpha: the family's significance level in (0, 1); default 0.05.
    ///   - degreesOfFreedom: `nil` (default) for normal statistics, or one value per estimate,
    ///     each > 0 (`.infinity` for a normal one).
    /// - Returns: one `AdjustedComparison` per estimate, in input order.
    /// - Throws: `MultipleTestingError` for mismatched lengths, non-finite values or a bad alpha.
    /// - Complexity: O(m log m).
    public static func adjustedComparisons(
        estimates: [Double], standardErrors: [Double], method: MultipleTestingMethod, alpha: Double = 0.05,
        degreesOfFreedom: [Double]? = nil
    ) throws -> [AdjustedComparison] {
        guard estimates.count == standardErrors.count else {
            throw MultipleTestingError.lengthMismatch(estimates: estimates.count, standardErrors: standardErrors.count)
        }
        if let degreesOfFreedom {
            guard degreesOfFreedom.count == estimates.count else {
                throw MultipleTestingError.lengthMismatch(estimates: estimates.count, standardErrors: degreesOfFreedom.count)
            }
            for (index, df) in degreesOfFreedom.enumerated() where !(df > 0) {
                throw MultipleTestingError.invalidDegreesOfFreedom(index: index, value: df)
            }
        }
        guard alpha > 0 && alpha < 1 else { throw MultipleTestingError.invalidAlpha(alpha) }
        for (index, estimate) in estimates.enumerated() where !estimate.isFinite {
            throw MultipleTestingError.invalidEstimate(index: index, value: estimate)
        }
        for (index, error) in standardErrors.enumerated() where !(error.isFinite && error >= 0) {
            throw MultipleTestingError.invalidStandardError(index: index, value: error)
        }

        // The reference distribution of comparison i: normal, or Student t with its df.
        let distributions: [any ContinuousDistribution] = estimates.indices.map { i in
            guard let df = degreesOfFreedom?[i], df.isFinite else { return NormalDistribution.standard }
            return StudentTDistribution(degreesOfFreedom: df)
        }
        let pValues = estimates.indices.map { i -> Double in
            let estimate = estimates[i], error = standardErrors[i]
            if error == 0 { return estimate == 0 ? 1 : 0 }
            return min(1, 2 * distributions[i].survival(abs(estimate) / error))
        }
        let unclipped = unclippedAdjustedPValues(pValues, method: method)
        let multipliers = stepMultipliers(pValues, method: method)
        let count = Double(pValues.count)

        return pValues.indices.map { i in
            let estimate = estimates[i], error = standardErrors[i], p = pValues[i]
            let multiplier: Double
            if method == .bonferroni {
                multiplier = count
            } else if p > 0 {
                multiplier = unclipped[i] / p
            } else {
                multiplier = multipliers[i]
            }
            let effectiveAlpha = alpha / multiplier
            let adjusted = min(unclipped[i], 1)
            var note: String? = nil
            if error == 0 {
                note = estimate == 0
                    ? "standard error is 0 and the estimate is 0: no evidence either way, p = 1, interval [0, 0]"
                    : "standard error is 0: the estimate is exact, p = 0, interval is the point estimate"
            }
            let halfWidth = error == 0 ? 0 : distributions[i].inverseSurvival(effectiveAlpha / 2) * error
            return AdjustedComparison(
                estimate: estimate, standardError: error, pValue: p, adjustedPValue: adjusted,
                effectiveAlpha: effectiveAlpha, lower: estimate - halfWidth, upper: estimate + halfWidth,
                isSignificant: adjusted < alpha, note: note)
        }
    }
}
