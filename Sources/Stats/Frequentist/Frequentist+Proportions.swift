extension Frequentist {
    /// Two-proportion test (conversion metrics), absolute or relative lift.
    ///
    /// Each arm's variance is p(1 - p) (no n/(n-1) factor, as gbstats `ProportionStatistic`).
    /// `.unpooled` (default) uses a Welch t reference as gbstats; `.pooled` uses the pooled
    /// z statistic of statsmodels `proportions_ztest` for the p-value (see
    /// `ProportionVariance`). Proportions of exactly 0 or 1 are allowed in one arm; in both
    /// arms they give `.undefined(.zeroVarianceInBothArms)`. Needs n >= 2 per arm.
    public static func proportionTest(
        control: BinomialCounts, treatment: BinomialCounts, variance: ProportionVariance = .unpooled,
        options: ComparisonOptions = ComparisonOptions()
    ) -> ComparisonOutcome<EffectEstimate> {
        guard control.isValid, treatment.isValid else {
            return .undefined(reason: .invalidInput("successes must lie between 0 and trials"))
        }
        guard let controlMoments = moments(of: control), let treatmentMoments = moments(of: treatment) else {
            return undefinedForCounts(control: control.trials, treatment: treatment.trials)
        }
        switch variance {
        case .unpooled:
            return EffectCalculator.compare(control: controlMoments, treatment: treatmentMoments, options: options)
        case .pooled:
            let pooled = (control.successes + treatment.successes) / (control.trials + treatment.trials)
            let pooledError = (pooled * (1 - pooled) * (1 / control.trials + 1 / treatment.trials)).squareRoot()
            guard pooledError > 0 else { return .undefined(reason: .zeroVarianceInBothArms) }
            let difference = treatmentMoments.mean - controlMoments.mean
            let statistic = difference / pooledError
            // The interval keeps the unpooled standard error, with normal quantiles.
            return EffectCalculator.compare(control: controlMoments, treatment: treatmentMoments, options: options)
                .flatMap { unpooled in
                    var result = unpooled
                    let normal = StudentTDistribution(degreesOfFreedom: .infinity)
                    result.degreesOfFreedom = .infinity
                    result.statistic = statistic
                    switch options.alternative {
                    case .twoSided: result.pValue = min(1, 2 * normal.survival(abs(statistic)))
                    case .greater: result.pValue = normal.survival(statistic)
                    case .less: result.pValue = normal.cdf(statistic)
                    }
                    let normalBounds = normalInterval(
                        estimate: unpooled.estimate, standardError: unpooled.standardError, options: options)
                    if options.scale == .relative && options.relativeInterval == .fieller {
                        return .estimated(result)  // Fieller bounds already computed (t with Welch dof).
                    }
                    result.lowerBound = normalBounds.lower
                    result.upperBound = normalBounds.upper
                    return .estimated(result)
                }
        }
    }

    /// Arm moments of binomial counts: mean p, unit variance p(1 - p).
    static func moments(of counts: BinomialCounts) -> ArmMoments? {
        guard counts.trials >= 2, let proportion = counts.proportion else { return nil }
        return ArmMoments(count: counts.trials, mean: proportion, unitVariance: proportion * (1 - proportion))
    }

    /// A normal-quantile interval around `estimate`.
    static func normalInterval(
        estimate: Double, standardError: Double, options: ComparisonOptions
    ) -> (lower: Double, upper: Double) {
        let normal = StudentTDistribution(degreesOfFreedom: .infinity)
        switch options.alternative {
        case .twoSided:
            let critical = normal.inverseSurvival(options.alpha / 2)
            return (estimate - critical * standardError, estimate + critical * standardError)
        case .greater:
            return (estimate - normal.inverseSurvival(options.alpha) * standardError, .infinity)
        case .less:
            return (-.infinity, estimate + normal.inverseSurvival(options.alpha) * standardError)
        }
    }
}
