extension Quantiles {
    /// The p-quantile of per-event values in one arm with a unit-clustered "outer" interval.
    ///
    /// Method (Deng, Knoblich & Lu 2018, "Applying the Delta Method in Metric Analytics",
    /// KDD, section on quantile metrics): the empirical CDF at the sample quantile q is the
    /// ratio metric F(q) = sum S_i / sum N_i over units (S_i = events of unit i with value <= q,
    /// N_i = events of unit i). Its delta-method variance is
    ///   sigma_F^2 = (1/K) [ Var(S) / mu_N^2 - 2 mu_S Cov(S, N) / mu_N^3 + mu_S^2 Var(N) / mu_N^4 ]
    /// (K units, sample moments with divisor K - 1), which is p (1 - p) / K when every unit has
    /// one event and grows when a unit's events move together. The interval for p,
    /// p -+ z sigma_F (clamped to [0, 1]), is mapped back through the type-7 quantile function
    /// (the "outer CI"), so no kernel density estimate is needed; the implied density
    /// (p_upper - p_lower) / (upper - lower) turns sigma_F into the standard error of q.
    ///
    /// Assumes units are independent and the number of units is large (the delta method and the
    /// normal approximation for F); events within a unit may be arbitrarily dependent. Checked
    /// against a unit-level bootstrap in the tests.
    ///
    /// - Parameters:
    ///   - unitEvents: one array of event values per unit (units without events allowed).
    ///   - probability: p in [0, 1].
    ///   - confidenceLevel: in (0, 1); default 0.95.
    /// - Throws: `QuantileError` for no events, fewer than 2 units, non-finite values or bad
    ///   p / level.
    /// - Complexity: expected O(N + K) for N events and K units (order statistics by selection).
    public static func clusteredEstimate(
        unitEvents: [[Double]], probability p: Double, confidenceLevel: Double = 0.95
    ) throws -> ClusteredQuantileEstimate {
        try clusteredEstimate(unitEvents: UnitGroupedValues(unitEvents), probability: p, confidenceLevel: confidenceLevel, arm: "the")
    }

    /// `clusteredEstimate(unitEvents:probability:confidenceLevel:)` on flat grouped values
    /// (same result; no per-unit arrays). Expected O(N + K) for N events and K units.
    public static func clusteredEstimate(
        _ unitEvents: UnitGroupedValues, probability p: Double, confidenceLevel: Double = 0.95
    ) throws -> ClusteredQuantileEstimate {
        try clusteredEstimate(unitEvents: unitEvents, probability: p, confidenceLevel: confidenceLevel, arm: "the")
    }

    /// The difference of the p-quantile of per-event values, treatment - control, with a
    /// unit-clustered interval.
    ///
    /// Each arm is estimated by `clusteredEstimate`; the difference's standard error is
    /// sqrt(SE_t^2 + SE_c^2) and the interval difference -+ z SE (normal approximation). For
    /// p50/p90/p99 of latency with a few events per user this is the analytic counterpart of
    /// `Bootstrap.quantileDifference` (resampling units), which it matches to within Monte
    /// Carlo error in the tests.
    ///
    /// - Parameters:
    ///   - treatment, control: one array of event values per unit, per arm.
    ///   - probability: p in [0, 1].
    ///   - confidenceLevel: in (0, 1); default 0.95.
    /// - Throws: `QuantileError` as for `clusteredEstimate`, naming the arm.
    /// - Complexity: expected O(N + K), as for `clusteredEstimate`.
    public static func difference(
        treatment: [[Double]], control: [[Double]], probability p: Double, confidenceLevel: Double = 0.95
    ) throws -> QuantileDifference {
        try difference(treatment: UnitGroupedValues(treatment), control: UnitGroupedValues(control), probability: p,
                       confidenceLevel: confidenceLevel)
    }

    /// `difference(treatment:control:probability:confidenceLevel:)` on flat grouped values.
    public static func difference(
        treatment: UnitGroupedValues, control: UnitGroupedValues, probability p: Double, confidenceLevel: Double = 0.95
    ) throws -> QuantileDifference {
        let t = try clusteredEstimate(unitEvents: treatment, probability: p, confidenceLevel: confidenceLevel, arm: "treatment")
        let c = try clusteredEstimate(unitEvents: control, probability: p, confidenceLevel: confidenceLevel, arm: "control")
        return difference(treatment: t, control: c)
    }

    /// The difference of two arms' clustered estimates (same probability and level), treatment
    /// - control: standard error sqrt(SE_t^2 + SE_c^2), normal interval and two-sided p-value.
    /// O(1): lets a caller that already has both arms' estimates skip recomputing them.
    public static func difference(treatment t: ClusteredQuantileEstimate, control c: ClusteredQuantileEstimate) -> QuantileDifference {
        precondition(t.probability == c.probability && t.confidenceLevel == c.confidenceLevel,
                     "arms estimated at different p (\(t.probability), \(c.probability)) or level (\(t.confidenceLevel), \(c.confidenceLevel))")
        let p = t.probability
        let confidenceLevel = t.confidenceLevel
        let difference = t.quantile - c.quantile
        let error = (t.standardError * t.standardError + c.standardError * c.standardError).squareRoot()
        let z = NormalDistribution.standard.inverseSurvival((1 - confidenceLevel) / 2)
        let pValue: Double
        var note: String? = nil
        if error > 0 {
            pValue = min(1, 2 * NormalDistribution.standard.survival(abs(difference) / error))
        } else {
            pValue = difference == 0 ? 1 : 0
            note = "both arms have a point interval (all events equal near the quantile): the standard error is 0"
        }
        return QuantileDifference(
            probability: p, treatment: t, control: c, difference: difference, standardError: error,
            lower: difference - z * error, upper: difference + z * error, pValue: pValue,
            confidenceLevel: confidenceLevel, note: note)
    }

    /// `clusteredEstimate` with the arm's name for error messages ("control", "treatment").
    public static func clusteredEstimate(
        unitEvents: UnitGroupedValues, probability p: Double, confidenceLevel: Double, arm: String
    ) throws -> ClusteredQuantileEstimate {
        guard p >= 0 && p <= 1 else { throw QuantileError.invalidProbability(p) }
        guard confidenceLevel > 0 && confidenceLevel < 1 else { throw QuantileError.invalidConfidenceLevel(confidenceLevel) }
        guard unitEvents.unitCount >= 2 else { throw QuantileError.tooFewUnits(arm: arm, units: unitEvents.unitCount) }
        let values = unitEvents.values
        for (index, value) in values.enumerated() where !value.isFinite {
            throw QuantileError.nonFiniteValue(index: index, value: value)
        }
        guard !values.isEmpty else { throw QuantileError.empty("the \(arm) arm") }
        let eventCount = values.count
        // Three order-statistic queries by selection: no full sort needed.
        var order = OrderStatistics(values)
        let q = order.quantile(p)

        // Ratio-metric moments of (S_i, N_i) over units, divisor K - 1.
        let unitCount = unitEvents.unitCount
        let k = Double(unitCount)
        var sumS = 0.0, sumN = 0.0
        var counts = [(s: Double, n: Double)]()
        counts.reserveCapacity(unitCount)
        let starts = unitEvents.unitStarts
        for unit in 0..<unitCount {
            var s = 0.0
            for index in starts[unit]..<starts[unit + 1] where values[index] <= q { s += 1 }
            let n = Double(starts[unit + 1] - starts[unit])
            counts.append((s, n))
            sumS += s
            sumN += n
        }
        let meanS = sumS / k, meanN = sumN / k
        var varianceS = 0.0, varianceN = 0.0, covariance = 0.0
        for (s, n) in counts {
            varianceS += (s - meanS) * (s - meanS)
            varianceN += (n - meanN) * (n - meanN)
            covariance += (s - meanS) * (n - meanN)
        }
        varianceS /= k - 1
        varianceN /= k - 1
        covariance /= k - 1
        let ratioVariance = (varianceS / (meanN * meanN)
            - 2 * meanS * covariance / (meanN * meanN * meanN)
            + meanS * meanS * varianceN / (meanN * meanN * meanN * meanN)) / k
        let probabilityError = max(0, ratioVariance).squareRoot()

        let z = NormalDistribution.standard.inverseSurvival((1 - confidenceLevel) / 2)
        let lowerProbability = max(0, p - z * probabilityError)
        let upperProbability = min(1, p + z * probabilityError)
        let lower = order.quantile(lowerProbability)
        let upper = order.quantile(upperProbability)
        let standardError = upperProbability > lowerProbability
            ? probabilityError * (upper - lower) / (upperProbability - lowerProbability)
            : 0
        var note: String? = nil
        if upper == lower {
            note = "all events within the interval's probability range are equal: the quantile's standard error is 0"
        }
        return ClusteredQuantileEstimate(
            probability: p, quantile: q, standardError: standardError, lower: lower, upper: upper,
            confidenceLevel: confidenceLevel, probabilityStandardError: probabilityError,
            eventCount: eventCount, unitCount: unitCount, note: note)
    }
}
