extension PowerDesign {
    /// The probability that the planned test rejects when the true difference is `effect`.
    ///
    /// With lambda = |effect| / SE: normal two-sided Phi(lambda - z) + Phi(-lambda - z),
    /// z = z(1 - alpha / 2); one-sided Phi(lambda - z(1 - alpha)). Student t: the same with the
    /// noncentral t (df = n_c + n_t - 2, noncentrality lambda) and t critical values. Matches
    /// statsmodels `NormalIndPower.power` / `TTestIndPower.power` to 1.2e-14 absolute (measured).
    ///
    /// - Parameters:
    ///   - effect: the true difference treatment - control (any sign; 0 gives the size alpha).
    ///   - controlCount, treatmentCount: units per arm (real numbers allowed), > 0, and
    ///     > 2 in total for the t test.
    /// - Returns: power in [alpha, 1] (two-sided) or [0, 1].
    /// - Throws: `PowerAnalysisError` for invalid design values or counts.
    /// - Complexity: O(1) normal; for the t, 4 incomplete beta evaluations plus
    ///   O(lambda^2 / 2 + lambda + 40) series terms.
    public func power(effect: Double, controlCount: Double, treatmentCount: Double) throws -> Double {
        try validate()
        guard effect.isFinite else { throw PowerAnalysisError.invalidEffect(effect) }
        try validateCounts(controlCount, treatmentCount)
        let lambda = abs(effect) / standardError(controlCount: controlCount, treatmentCount: treatmentCount)
        return power(noncentrality: lambda, degreesOfFreedom: controlCount + treatmentCount - 2)
    }

    /// The sample size at which the test reaches `power` for the effect `effect`.
    ///
    /// Solves power(n_c, n_t = allocationRatio n_c) = target for a real n_c (Brent, relative
    /// accuracy 1e-12), then rounds each arm up. Matches statsmodels
    /// `solve_power(nobs1=None, ratio=allocationRatio)` for n_c to 1.5e-8 relative (measured;
    /// the tolerance of statsmodels' own root finder).
    ///
    /// - Parameters:
    ///   - effect: the minimum detectable effect, absolute or relative to the control mean.
    ///   - power: the target power, in (alpha, 1) (alpha is the power at no effect).
    /// - Returns: the plan with per-arm and total counts.
    /// - Throws: `PowerAnalysisError` for invalid inputs.
    /// - Complexity: about 15-40 power evaluations.
    public func sampleSize(for effect: MinimumDetectableEffect, power: Double) throws -> SampleSizePlan {
        try validate()
        let delta = abs(try effect.absoluteValue())
        try validatePower(power)
        let target = power
        func shortfall(_ controlCount: Double) -> Double {
            let treatmentCount = allocationRatio * controlCount
            let lambda = delta / standardError(controlCount: controlCount, treatmentCount: treatmentCount)
            return self.power(noncentrality: lambda, degreesOfFreedom: controlCount + treatmentCount - 2) - target
        }
        // The normal one-sided formula gives the order of magnitude; the t and the second tail
        // only move it a little, so bracket around it and widen if needed.
        let normal = NormalDistribution.standard
        let zAlpha = normal.inverseSurvival(alternative == .twoSided ? alpha / 2 : alpha)
        let zBeta = normal.quantile(power)
        let perControl = controlVariance + treatmentVariance / allocationRatio
        let guess = max(1e-9, (zAlpha + zBeta) * (zAlpha + zBeta) * perControl / (delta * delta))
        // The t test needs more than 2 units in total.
        let smallest = testDistribution == .studentT ? 2 / (1 + allocationRatio) * (1 + 1e-9) : 1e-12
        var lower = max(smallest, guess / 4), upper = max(guess * 2, lower * 2)
        while shortfall(lower) > 0 && lower > smallest {
            lower = max(smallest, lower / 4)
        }
        var widenings = 0
        while shortfall(upper) < 0 {
            upper *= 4
            widenings += 1
            if widenings > 60 { throw PowerAnalysisError.unreachable("no sample size below \(upper) reaches power \(power)") }
        }
        let exact: Double
        if shortfall(lower) >= 0 {
            exact = lower  // even the smallest admissible design has the power
        } else {
            guard let root = BrentRoot.find(lower: lower, upper: upper, tolerance: 1e-13 * upper, shortfall) else {
                throw PowerAnalysisError.unreachable("the power curve did not cross \(power)")
            }
            exact = root
        }
        // Round up, ignoring the last bits of the solver (so 100.000000000001 stays 100).
        let controlCount = Int((exact * (1 - 1e-12)).rounded(.up))
        let treatmentCount = Int((allocationRatio * exact * (1 - 1e-12)).rounded(.up))
        let achieved = try self.power(effect: delta, controlCount: Double(controlCount), treatmentCount: Double(treatmentCount))
        return SampleSizePlan(
            exactControlCount: exact, controlCount: controlCount, treatmentCount: treatmentCount,
            totalCount: controlCount + treatmentCount, achievedPower: achieved)
    }

    /// The smallest absolute effect the test detects with probability `power` at the given
    /// counts.
    ///
    /// Solves power(lambda) = target for the noncentrality lambda (Brent) and returns
    /// lambda * SE; divide by |control mean| for the relative MDE. Matches statsmodels
    /// `solve_power(effect_size=None)` times sigma to 3e-9 relative (measured).
    ///
    /// - Parameters:
    ///   - controlCount, treatmentCount: units per arm, > 0 (> 2 in total for the t test).
    ///   - power: the target power in (alpha, 1).
    /// - Returns: the MDE (> 0) in the metric's units.
    /// - Throws: `PowerAnalysisError` for invalid inputs.
    public func minimumDetectableEffect(controlCount: Double, treatmentCount: Double, power: Double) throws -> Double {
        try validate()
        try validateCounts(controlCount, treatmentCount)
        try validatePower(power)
        let degrees = controlCount + treatmentCount - 2
        let target = power
        func shortfall(_ lambda: Double) -> Double { self.power(noncentrality: lambda, degreesOfFreedom: degrees) - target }
        let normal = NormalDistribution.standard
        var upper = normal.inverseSurvival(alternative == .twoSided ? alpha / 2 : alpha) + normal.quantile(power) + 1
        var widenings = 0
        while shortfall(upper) < 0 {
            upper *= 2
            widenings += 1
            if widenings > 60 { throw PowerAnalysisError.unreachable("no effect reaches power \(power) with \(degrees) degrees of freedom") }
        }
        guard let lambda = BrentRoot.find(lower: 0, upper: upper, tolerance: 1e-14 * upper, shortfall) else {
            throw PowerAnalysisError.unreachable("the power curve did not cross \(power)")
        }
        return lambda * standardError(controlCount: controlCount, treatmentCount: treatmentCount)
    }

    // MARK: - Internals

    func standardError(controlCount: Double, treatmentCount: Double) -> Double {
        (controlVariance / controlCount + treatmentVariance / treatmentCount).squareRoot()
    }

    /// Power as a function of the noncentrality lambda >= 0.
    func power(noncentrality lambda: Double, degreesOfFreedom: Double) -> Double {
        switch testDistribution {
        case .normal:
            let normal = NormalDistribution.standard
            switch alternative {
            case .twoSided:
                let critical = normal.inverseSurvival(alpha / 2)
                return normal.survival(critical - lambda) + normal.cdf(-critical - lambda)
            case .oneSided:
                return normal.survival(normal.inverseSurvival(alpha) - lambda)
            }
        case .studentT:
            let central = StudentTDistribution(degreesOfFreedom: degreesOfFreedom)
            let noncentral = NoncentralStudentT(degreesOfFreedom: degreesOfFreedom, noncentrality: lambda)
            switch alternative {
            case .twoSided:
                let critical = central.inverseSurvival(alpha / 2)
                return noncentral.survival(critical) + noncentral.cdf(-critical)
            case .oneSided:
                return noncentral.survival(central.inverseSurvival(alpha))
            }
        }
    }

    func validate() throws {
        guard controlVariance.isFinite && controlVariance > 0 else { throw PowerAnalysisError.invalidVariance(controlVariance) }
        guard treatmentVariance.isFinite && treatmentVariance > 0 else { throw PowerAnalysisError.invalidVariance(treatmentVariance) }
        guard alpha > 0 && alpha < 1 else { throw PowerAnalysisError.invalidAlpha(alpha) }
        guard allocationRatio.isFinite && allocationRatio > 0 else { throw PowerAnalysisError.invalidAllocation(allocationRatio) }
    }

    func validateCounts(_ control: Double, _ treatment: Double) throws {
        let valid = control > 0 && treatment > 0 && control.isFinite && treatment.isFinite
            && (testDistribution == .normal || control + treatment > 2)
        guard valid else { throw PowerAnalysisError.invalidSampleSize(control: control, treatment: treatment) }
    }

    func validatePower(_ power: Double) throws {
        guard power > alpha && power < 1 else { throw PowerAnalysisError.invalidPower(power: power, floor: alpha) }
    }
}
