extension MannWhitney {
    /// Hodges-Lehmann estimate of the shift treatment - control with its Moses (Lehmann)
    /// distribution-free confidence interval.
    ///
    /// The estimate is the median of all m n differences d = treatment_j - control_i. The
    /// interval is [d(k), d(m n + 1 - k)] with d(1) <= ... <= d(m n) the sorted differences and
    /// k the lower alpha / 2 quantile of the null distribution of U (alpha = 1 - level):
    ///
    /// * exact (no ties and m, n < 50, R's rule): k = the smallest q with P(U <= q) >= alpha / 2
    ///   (R `qwilcox`), raised to 1 if 0. Matches R `wilcox.test(treatment, control,
    ///   conf.int = TRUE, exact = TRUE)` estimate and interval exactly.
    /// * asymptotic (otherwise): the same definition with P(U <= q) approximated by
    ///   Phi((q + 0.5 - m n / 2) / sigma), sigma the tie-corrected null SD of U, so
    ///   k = ceil(m n / 2 - 0.5 - z(1 - alpha / 2) sigma), at least 1. (R instead inverts the
    ///   continuity-corrected z statistic numerically, which gives a value between two
    ///   consecutive order statistics; the order statistic keeps the interval's endpoints
    ///   actual differences.)
    ///
    /// The differences are never materialised: the j-th smallest is found by bisection over the
    /// ordered bit patterns of doubles (at most 64 steps), each step counting the pairs with
    /// d <= v in O(m + n) by a two-pointer sweep over the sorted samples. The results are the
    /// exact floating-point differences the brute force would sort. At m = n = 20,000
    /// (4 x 10^8 differences, 3.2 GB if materialised) the estimate and interval take about
    /// 0.1 s in a release build on this project's 2-core machine.
    ///
    /// - Parameters:
    ///   - treatment: treatment values (m >= 1), finite.
    ///   - control: control values (n >= 1), finite.
    ///   - confidenceLevel: in (0, 1); default 0.95.
    /// - Throws: `RankTestError` for an empty sample, a non-finite value or a bad level.
    /// - Complexity: O(N log N + 64 N), N = m + n; plus O(m^2 n^2 / 4) for the exact k when
    ///   m, n < 50.
    public static func hodgesLehmann(
        treatment: [Double], control: [Double], confidenceLevel: Double = 0.95
    ) throws -> HodgesLehmannEstimate {
        try validate(treatment: treatment, control: control)
        guard confidenceLevel > 0 && confidenceLevel < 1 else {
            throw RankTestError.invalidConfidenceLevel(confidenceLevel)
        }
        let differences = PairwiseDifferences(treatment: treatment, control: control)
        let pairs = differences.count
        let shift: Double
        if pairs % 2 == 1 {
            shift = differences.smallest(pairs / 2 + 1)
        } else {
            // Halves first, so the mean of two huge differences cannot overflow.
            shift = differences.smallest(pairs / 2) / 2 + differences.smallest(pairs / 2 + 1) / 2
        }

        let ranks = PooledRanks(first: treatment, second: control)
        let m = treatment.count, n = control.count
        let alpha = 1 - confidenceLevel
        var k: Int
        let achieved: Double
        let method: HodgesLehmannEstimate.IntervalMethod
        if !ranks.hasTies && m < 50 && n < 50 {
            let distribution = MannWhitneyNullDistribution(firstCount: m, secondCount: n)
            k = max(1, distribution.quantile(alpha / 2))
            achieved = 1 - 2 * distribution.cdf(k - 1)
            method = .exact
        } else {
            let mean = Double(pairs) / 2
            let sigma = nullStandardDeviation(m: Double(m), n: Double(n), tieTerm: ranks.tieTerm)
            let z = NormalDistribution.standard.inverseSurvival(alpha / 2)
            let raw = (mean - 0.5 - z * sigma).rounded(.up)
            k = raw.isFinite ? Int(max(1, min(raw, Double(pairs)))) : 1
            achieved = sigma > 0
                ? 1 - 2 * NormalDistribution.standard.cdf((Double(k) - 1 + 0.5 - mean) / sigma)
                : 0
            method = .asymptotic
        }
        // The interval must contain the median: k never exceeds the middle rank.
        k = min(k, (pairs + 1) / 2)

        var note: String? = nil
        if ranks.allTied {
            note = "all values are tied: every pairwise difference is 0"
        } else if achieved < confidenceLevel {
            note = "samples too small for the requested level: the widest interval [min, max] of the differences covers only \(achieved)"
        }
        return HodgesLehmannEstimate(
            shift: shift, lower: differences.smallest(k), upper: differences.smallest(pairs + 1 - k),
            lowerRank: k, confidenceLevel: confidenceLevel, achievedConfidenceLevel: achieved,
            intervalMethod: method, note: note)
    }
}
