/// Turns two arms' moments into an `EffectEstimate` (internal engine behind every test).
///
/// Absolute lift: D = (m_B - theta x_B) - (m_A - theta x_A), Var(D) = v_A + v_B with
/// v = Var(y - theta x) / n. Relative lift: D / |m_A| with the delta-method variance over the
/// control's (m_A, x_A) and the treatment's adjusted mean, covariance terms included:
///   Var = v_B / m_A^2 + g^2 Var(m_A) + (theta/|m_A|)^2 Var(x_A) + 2 g (theta/|m_A|) Cov(m_A, x_A),
///   g = -1/|m_A| - D sign(m_A) / m_A^2.
/// With theta = 0 this is gbstats' relative variance. Degrees of freedom are
/// Welch-Satterthwaite on (v_A, n_A - 1), (v_B, n_B - 1), used for both scales as in gbstats.
enum EffectCalculator {
    /// Compares treatment with control; `theta` is the CUPED coefficient (0 for none).
    static func compare(
        control: ArmMoments, treatment: ArmMoments, theta: Double = 0,
        options: ComparisonOptions, notes: [String] = [], minimumCount: Double = 2
    ) -> ComparisonOutcome<EffectEstimate> {
        guard control.isValid, treatment.isValid, theta.isFinite else {
            return .undefined(reason: .invalidInput("a count, mean or variance is negative, NaN or infinite"))
        }
        if control.count < minimumCount {
            return .undefined(reason: .tooFewUnits(arm: "control", count: control.count, needed: minimumCount))
        }
        if treatment.count < minimumCount {
            return .undefined(reason: .tooFewUnits(arm: "treatment", count: treatment.count, needed: minimumCount))
        }
        let varianceA = control.adjustedUnitVariance(theta: theta) / control.count
        let varianceB = treatment.adjustedUnitVariance(theta: theta) / treatment.count
        guard varianceA + varianceB > 0 else { return .undefined(reason: .zeroVarianceInBothArms) }
        let dof = welchDegreesOfFreedom(
            varianceA: varianceA, countA: control.count, varianceB: varianceB, countB: treatment.count)
        let difference = treatment.adjustedMean(theta: theta) - control.adjustedMean(theta: theta)
        let absoluteError = (varianceA + varianceB).squareRoot()
        let absolute = inference(
            estimate: difference, standardError: absoluteError, degreesOfFreedom: dof,
            scale: .absolute, options: options, notes: notes)
        if options.scale == .absolute { return .estimated(absolute) }

        let baseline = control.mean
        guard baseline != 0 else { return .undefined(reason: .zeroControlMean) }
        let magnitude = abs(baseline)
        let sign: Double = baseline > 0 ? 1 : -1
        let relative = difference / magnitude
        let meanVarianceA = control.unitVariance / control.count
        let covariateVarianceA = control.covariateUnitVariance / control.count
        let covarianceA = control.unitCovariance / control.count
        let gradient = -1 / magnitude - difference * sign / (baseline * baseline)
        let thetaTerm = theta / magnitude
        let relativeVariance = max(
            0,
            varianceB / (baseline * baseline) + gradient * gradient * meanVarianceA
                + thetaTerm * thetaTerm * covariateVarianceA + 2 * gradient * thetaTerm * covarianceA)
        let relativeError = relativeVariance.squareRoot()

        switch options.relativeInterval {
        case .deltaMethod:
            guard relativeError > 0 else { return .undefined(reason: .zeroVarianceInBothArms) }
            return .estimated(
                inference(
                    estimate: relative, standardError: relativeError, degreesOfFreedom: dof,
                    scale: .relative, options: options, notes: notes))
        case .scaledAbsolute:
            var scaled = absolute
            scaled.scale = .relative
            scaled.estimate = relative
            scaled.standardError = absoluteError / magnitude
            scaled.lowerBound = absolute.lowerBound / magnitude
            scaled.upperBound = absolute.upperBound / magnitude
            return .estimated(scaled)
        case .fieller:
            // Ratio R = D / m_A of correlated normals; Cov(D, m_A) = -Cov(m_A - theta x_A, m_A).
            let covarianceWithBaseline = -(meanVarianceA - theta * covarianceA)
            guard
                let bounds = FiellerInterval.bounds(
                    numerator: difference, denominator: baseline,
                    numeratorVariance: varianceA + varianceB, denominatorVariance: meanVarianceA,
                    covariance: covarianceWithBaseline, degreesOfFreedom: dof,
                    alternative: sign > 0 ? options.alternative : options.alternative.mirrored,
                    alpha: options.alpha)
            else { return .undefined(reason: .unboundedFiellerInterval) }
            // relative = sign * R, so a negative baseline mirrors the interval.
            let lower = sign > 0 ? bounds.lower : -bounds.upper
            let upper = sign > 0 ? bounds.upper : -bounds.lower
            return .estimated(
                EffectEstimate(
                    scale: .relative, estimate: relative, standardError: relativeError,
                    lowerBound: lower, upperBound: upper, pValue: absolute.pValue,
                    statistic: absolute.statistic, degreesOfFreedom: dof,
                    alternative: options.alternative, confidenceLevel: options.confidenceLevel,
                    notes: notes))
        }
    }

    /// Welch-Satterthwaite degrees of freedom; a zero-variance arm contributes nothing.
    static func welchDegreesOfFreedom(
        varianceA: Double, countA: Double, varianceB: Double, countB: Double
    ) -> Double {
        let termA = varianceA > 0 ? varianceA * varianceA / (countA - 1) : 0
        let termB = varianceB > 0 ? varianceB * varianceB / (countB - 1) : 0
        let total = varianceA + varianceB
        let dof = total * total / (termA + termB)
        return dof.isFinite ? dof : .infinity
    }

    /// Test statistic, p-value and interval for a normal or t pivot.
    static func inference(
        estimate: Double, standardError: Double, degreesOfFreedom: Double, scale: LiftScale,
        options: ComparisonOptions, notes: [String]
    ) -> EffectEstimate {
        let distribution = StudentTDistribution(degreesOfFreedom: degreesOfFreedom)
        let statistic = estimate / standardError
        let pValue: Double
        let lower: Double
        let upper: Double
        switch options.alternative {
        case .twoSided:
            pValue = min(1, 2 * distribution.survival(abs(statistic)))
            let critical = distribution.inverseSurvival(options.alpha / 2)
            lower = estimate - critical * standardError
            upper = estimate + critical * standardError
        case .greater:
            pValue = distribution.survival(statistic)
            lower = estimate - distribution.inverseSurvival(options.alpha) * standardError
            upper = .infinity
        case .less:
            pValue = distribution.cdf(statistic)
            lower = -.infinity
            upper = estimate + distribution.inverseSurvival(options.alpha) * standardError
        }
        return EffectEstimate(
            scale: scale, estimate: estimate, standardError: standardError, lowerBound: lower,
            upperBound: upper, pValue: pValue, statistic: statistic,
            degreesOfFreedom: degreesOfFreedom, alternative: options.alternative,
            confidenceLevel: options.confidenceLevel, notes: notes)
    }
}

extension Alternative {
    /// The alternative after multiplying the effect by -1.
    var mirrored: Alternative {
        switch self {
        case .twoSided: return .twoSided
        case .greater: return .less
        case .less: return .greater
        }
    }
}
