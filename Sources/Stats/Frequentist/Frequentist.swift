/// Fixed-horizon frequentist comparisons of a treatment arm with a control arm.
///
/// All functions take sufficient statistics per arm, never raw rows, and return a
/// `ComparisonOutcome<EffectEstimate>` that is `.undefined(reason:)` for degenerate inputs
/// (fewer than 2 units, zero variance in both arms, zero control mean on the relative scale).
/// Cost: O(1) plus one or two t-distribution evaluations.
public enum Frequentist {
    /// Welch's unequal-variance t-test on means, absolute or relative lift.
    ///
    /// Absolute: D = mean_B - mean_A, SE^2 = s_A^2/n_A + s_B^2/n_B (divisor n - 1 variances),
    /// t reference with Welch-Satterthwaite degrees of freedom. Relative: D / |mean_A| with the
    /// delta-method SE (or `options.relativeInterval`). Matches scipy
    /// `ttest_ind_from_stats(equal_var=False)` and gbstats `TwoSidedTTest` to ~1e-12 relative
    /// on p-values down to the smallest normal doubles (tails from `StudentTDistribution`).
    public static func welchTest(
        control: SampleSummary, treatment: SampleSummary, options: ComparisonOptions = ComparisonOptions()
    ) -> ComparisonOutcome<EffectEstimate> {
        guard let controlMoments = moments(of: control), let treatmentMoments = moments(of: treatment) else {
            return undefinedForCounts(control: control.count, treatment: treatment.count)
        }
        return EffectCalculator.compare(control: controlMoments, treatment: treatmentMoments, options: options)
    }

    /// Arm moments of a sample summary, or `nil` with fewer than 2 units.
    static func moments(of summary: SampleSummary) -> ArmMoments? {
        guard let mean = summary.mean, let variance = summary.variance else { return nil }
        return ArmMoments(count: summary.count, mean: mean, unitVariance: variance)
    }

    /// The reason for an arm with too few (or invalid) units.
    static func undefinedForCounts(control: Double, treatment: Double) -> ComparisonOutcome<EffectEstimate> {
        guard control.isFinite, treatment.isFinite, control >= 0, treatment >= 0 else {
            return .undefined(reason: .invalidInput("counts must be finite and non-negative"))
        }
        if control < 2 { return .undefined(reason: .tooFewUnits(arm: "control", count: control, needed: 2)) }
        return .undefined(reason: .tooFewUnits(arm: "treatment", count: treatment, needed: 2))
    }
}
