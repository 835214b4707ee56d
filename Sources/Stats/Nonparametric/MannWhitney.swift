/// The Mann-Whitney U test and the Hodges-Lehmann shift estimate for two independent samples.
///
/// Plain arrays in, so any per-unit metric (revenue, sessions, latency) can be tested without
/// assuming normality.
public enum MannWhitney {
    /// The alternative hypothesis, stated for the treatment relative to the control.
    public enum Alternative: String, Sendable, Hashable, Codable, CaseIterable {
        /// The distributions differ (treatment stochastically larger or smaller).
        case twoSided = "two-sided"
        /// Treatment values tend to be larger than control values.
        case greater
        /// Treatment values tend to be smaller than control values.
        case less
    }

    /// How to compute the p-value.
    public enum MethodChoice: String, Sendable, Hashable, Codable {
        /// scipy's rule: exact when there are no ties and one sample has at most 8 values,
        /// otherwise asymptotic (also asymptotic beyond 8 x 250,000 values, where scipy would
        /// still enumerate).
        case automatic
        /// The exact null distribution; requires no ties and m n <= 2,500 (or a sample of at
        /// most 8 values and m n <= 2,000,000).
        case exact
        /// The normal approximation with tie correction.
        case asymptotic
    }
}

extension MannWhitney {
    /// Mann-Whitney U test of treatment against control.
    ///
    /// U is the treatment's rank sum minus m (m + 1) / 2 (mid-ranks for ties). The asymptotic
    /// p-value uses z = (U - m n / 2 - 0.5 c) / sigma with
    /// sigma^2 = m n / 12 ((N + 1) - sum(t^3 - t) / (N (N - 1))), c = 1 with continuity
    /// correction, U = max(U, m n - U) for the two-sided test (p doubled and clipped at 1).
    /// The exact p-value sums the null distribution of U from the observed value outward.
    /// Matches scipy `mannwhitneyu(treatment, control, use_continuity:, alternative:, method:)`
    /// (statistic exactly, p-value to about 1e-12 relative).
    ///
    /// Degenerate input: when every pooled value is equal, U carries no information; the result
    /// has p = 1 and a `note` (scipy returns 1 with continuity correction and NaN without).
    ///
    /// - Parameters:
    ///   - treatment: treatment values (m >= 1), finite.
    ///   - control: control values (n >= 1), finite.
    ///   - alternative: default two-sided.
    ///   - continuityCorrection: subtract 1/2 from |U - m n / 2| in the normal approximation;
    ///     default true (scipy's default).
    ///   - method: default `.automatic` (scipy's rule).
    /// - Throws: `RankTestError` for an empty sample, a non-finite value, or an exact request
    ///   that cannot be honoured.
    /// - Complexity: O(N log N) for the asymptotic method; the exact method adds O(m^2 n^2).
    public static func test(
        treatment: [Double], control: [Double], alternative: Alternative = .twoSided,
        continuityCorrection: Bool = true, method: MethodChoice = .automatic
    ) throws -> MannWhitneyResult {
        try validate(treatment: treatment, control: control)
        let m = Double(treatment.count), n = Double(control.count)
        let ranks = PooledRanks(first: treatment, second: control)
        let u1 = ranks.firstRankSum - m * (m + 1) / 2
        let u2 = m * n - u1
        let superiority = u1 / (m * n)

        let useExact: Bool
        switch method {
        case .automatic:
            // Beyond 8 x 250,000 the exact distribution is not built; the normal approximation
            // is then indistinguishable from it.
            useExact = !ranks.hasTies && (treatment.count <= 8 || control.count <= 8)
                && MannWhitneyNullDistribution.isAvailable(firstCount: treatment.count, secondCount: control.count)
        case .exact:
            guard !ranks.hasTies else { throw RankTestError.exactWithTies }
            guard MannWhitneyNullDistribution.isAvailable(firstCount: treatment.count, secondCount: control.count) else {
                throw RankTestError.exactTooLarge(firstCount: treatment.count, secondCount: control.count)
            }
            useExact = true
        case .asymptotic:
            useExact = false
        }

        let statistic: Double, factor: Double
        switch alternative {
        case .greater: (statistic, factor) = (u1, 1)
        case .less: (statistic, factor) = (u2, 1)
        case .twoSided: (statistic, factor) = (max(u1, u2), 2)
        }

        if ranks.allTied {
            return MannWhitneyResult(
                statistic: u1, pValue: 1, zScore: useExact ? nil : 0, method: useExact ? .exact : .asymptotic,
                probabilityOfSuperiority: superiority,
                note: "all values are tied: the ranks carry no information, p = 1")
        }

        if useExact {
            let distribution = MannWhitneyNullDistribution(firstCount: treatment.count, secondCount: control.count)
            // With no ties U is an integer; rounding only removes representation noise.
            let p = min(1, factor * distribution.survival(Int(statistic.rounded())))
            return MannWhitneyResult(
                statistic: u1, pValue: p, zScore: nil, method: .exact,
                probabilityOfSuperiority: superiority, note: nil)
        }

        let z = standardizedStatistic(statistic, m: m, n: n, tieTerm: ranks.tieTerm, continuityCorrection: continuityCorrection)
        let p = min(1, max(0, factor * NormalDistribution.standard.survival(z)))
        return MannWhitneyResult(
            statistic: u1, pValue: p, zScore: z, method: .asymptotic,
            probabilityOfSuperiority: superiority, note: nil)
    }

    /// The tie-corrected standard deviation of U under the null hypothesis.
    static func nullStandardDeviation(m: Double, n: Double, tieTerm: Double) -> Double {
        let total = m + n
        let variance = m * n / 12 * ((total + 1) - tieTerm / (total * (total - 1)))
        return max(0, variance).squareRoot()
    }

    /// z = (U - m n / 2 - 0.5 [continuity]) / sigma, as scipy's `_get_mwu_z`.
    static func standardizedStatistic(_ u: Double, m: Double, n: Double, tieTerm: Double, continuityCorrection: Bool) -> Double {
        var numerator = u - m * n / 2
        if continuityCorrection { numerator -= 0.5 }
        return numerator / nullStandardDeviation(m: m, n: n, tieTerm: tieTerm)
    }

    static func validate(treatment: [Double], control: [Double]) throws {
        guard !treatment.isEmpty else { throw RankTestError.emptySample(name: "treatment") }
        guard !control.isEmpty else { throw RankTestError.emptySample(name: "control") }
        for (index, value) in treatment.enumerated() where !value.isFinite {
            throw RankTestError.nonFiniteValue(sample: "treatment", index: index, value: value)
        }
        for (index, value) in control.enumerated() where !value.isFinite {
            throw RankTestError.nonFiniteValue(sample: "control", index: index, value: value)
        }
        // Pairwise differences (Hodges-Lehmann) must not overflow; |values| near 1e308 would.
        let largest = max(treatment.map(abs).max() ?? 0, control.map(abs).max() ?? 0)
        guard largest <= Double.greatestFiniteMagnitude / 2 else { throw RankTestError.valuesTooLarge(largest) }
    }
}
