extension Frequentist {
    /// Ratio-metric test (e.g. revenue per session) with the delta method.
    ///
    /// Each arm's estimate is r = mean(x) / mean(y) (x = numerator, y = denominator per unit)
    /// and its per-unit variance is the delta-method linearisation
    /// (s_xx - 2 r s_xy + r^2 s_yy) / mean(y)^2, which uses the numerator/denominator
    /// covariance from `PairedSummary`. Then Welch as in `welchTest`. Matches gbstats
    /// `RatioStatistic` (Deng et al. 2018, "Applying the Delta Method in Metric Analytics").
    /// A zero denominator mean is `.undefined(.zeroDenominatorMean)`.
    public static func ratioTest(
        control: PairedSummary, treatment: PairedSummary, options: ComparisonOptions = ComparisonOptions()
    ) -> ComparisonOutcome<EffectEstimate> {
        let controlMoments: ArmMoments
        let treatmentMoments: ArmMoments
        switch (ratioMoments(of: control, arm: "control"), ratioMoments(of: treatment, arm: "treatment")) {
        case let (.success(a), .success(b)):
            controlMoments = a
            treatmentMoments = b
        case let (.failure(reason), _), let (_, .failure(reason)):
            return .undefined(reason: reason.reason)
        }
        return EffectCalculator.compare(control: controlMoments, treatment: treatmentMoments, options: options)
    }

    /// Delta-method moments of a ratio of means, or the reason they do not exist.
    static func ratioMoments(of summary: PairedSummary, arm: String) -> Result<ArmMoments, UndefinedFailure> {
        guard summary.count.isFinite, summary.count >= 0 else {
            return .failure(UndefinedFailure(.invalidInput("counts must be finite and non-negative")))
        }
        guard summary.count >= 2, let varianceX = summary.x.variance, let varianceY = summary.y.variance,
            let covariance = summary.covariance
        else { return .failure(UndefinedFailure(.tooFewUnits(arm: arm, count: summary.count, needed: 2))) }
        let meanX = summary.sumX / summary.count
        let meanY = summary.sumY / summary.count
        guard meanY != 0 else { return .failure(UndefinedFailure(.zeroDenominatorMean(arm: arm))) }
        let ratio = meanX / meanY
        let unitVariance = max(0, (varianceX - 2 * ratio * covariance + ratio * ratio * varianceY) / (meanY * meanY))
        return .success(ArmMoments(count: summary.count, mean: ratio, unitVariance: unitVariance))
    }
}

/// An `UndefinedReason` carried through `Result` (internal plumbing).
struct UndefinedFailure: Error, Sendable {
    let reason: UndefinedReason
    init(_ reason: UndefinedReason) { self.reason = reason }
}
