import Foundation
import Testing
@testable import Stats

/// Edge conventions (NaN, support bounds, infinite dof), the named tail values, and the
/// published SRM and Welch vectors (`/work/shared/reference/stats-vectors.md`).
@Suite struct DistributionConventionsTests {
    static let all: [any ContinuousDistribution] = [
        NormalDistribution.standard, NormalDistribution(mean: 3, standardDeviation: 2),
        StudentTDistribution(degreesOfFreedom: 4.5), StudentTDistribution(degreesOfFreedom: .infinity),
        ChiSquareDistribution(degreesOfFreedom: 3), GammaDistribution(shape: 0.7, scale: 3),
        BetaDistribution(alpha: 0.5, beta: 2),
    ]

    @Test(arguments: 0..<all.count) func nanInNanOut(index: Int) {
        let distribution = Self.all[index]
        #expect(distribution.cdf(.nan).isNaN)
        #expect(distribution.survival(.nan).isNaN)
        #expect(distribution.density(.nan).isNaN)
        #expect(distribution.quantile(.nan).isNaN)
        #expect(distribution.inverseSurvival(.nan).isNaN)
        #expect(distribution.quantile(-0.1).isNaN)
        #expect(distribution.quantile(1.1).isNaN)
        #expect(distribution.inverseSurvival(-1e-300).isNaN)
    }

    @Test(arguments: 0..<all.count) func probabilityEndsMapToSupportBounds(index: Int) {
        let distribution = Self.all[index]
        let lower = distribution.quantile(0)
        let upper = distribution.quantile(1)
        #expect(distribution.inverseSurvival(1) == lower)
        #expect(distribution.inverseSurvival(0) == upper)
        #expect(distribution.cdf(lower) == 0)
        #expect(distribution.survival(upper) == 0)
        #expect(distribution.cdf(upper) == 1)
    }

    @Test func supportBounds() {
        #expect(NormalDistribution.standard.quantile(0) == -.infinity)
        #expect(StudentTDistribution(degreesOfFreedom: 3).quantile(1) == .infinity)
        #expect(GammaDistribution(shape: 2).quantile(0) == 0)
        #expect(GammaDistribution(shape: 2).quantile(1) == .infinity)
        #expect(BetaDistribution(alpha: 2, beta: 3).quantile(1) == 1)
        #expect(GammaDistribution(shape: 0.5).density(0) == .infinity)
        #expect(GammaDistribution(shape: 1, scale: 4).density(0) == 0.25)
        #expect(BetaDistribution(alpha: 1, beta: 3).density(0) == 3)
    }

    @Test func infiniteDegreesOfFreedomIsTheStandardNormal() {
        let t = StudentTDistribution(degreesOfFreedom: .infinity)
        let normal = NormalDistribution.standard
        for x in [-37.0, -3, -0.5, 0, 1.2, 9, 30] {
            #expect(t.cdf(x) == normal.cdf(x))
            #expect(t.survival(x) == normal.survival(x))
            #expect(t.density(x) == normal.density(x))
        }
        for p in [1e-300, 0.025, 0.5, 0.9] {
            #expect(t.quantile(p) == normal.quantile(p))
            #expect(t.inverseSurvival(p) == normal.inverseSurvival(p))
        }
    }

    /// From ν = 1e20 on the t is the standard normal (tail difference <= 5e-15 above 1e-300);
    /// ν up to the largest double must neither overflow nor stall.
    @Test func hugeDegreesOfFreedom() {
        let normal = NormalDistribution.standard
        for nu in [1e20, 1e300, Double.greatestFiniteMagnitude] {
            let t = StudentTDistribution(degreesOfFreedom: nu)
            #expect(t.survival(37) == normal.survival(37))
            #expect(t.quantile(1e-300) == normal.quantile(1e-300))
        }
        // Just below the switch the beta route agrees with the normal to the t's own error bound
        // (2.3e-13 measured) plus the true difference (4.7e-14 at t = 37).
        let t = StudentTDistribution(degreesOfFreedom: 1e19)
        for x in [0.5, 3.0, 20.0, 37.0] {
            expectClose(t.survival(x), normal.survival(x), relativeTolerance: 3e-13)
        }
    }

    /// The examples: tails near 1e-300 keep their relative precision (mpmath values).
    @Test func namedTailValues() {
        expectClose(NormalDistribution.standard.survival(37), 5.7255712225245768227e-300, relativeTolerance: 1e-13)
        expectClose(NormalDistribution.standard.cdf(-37), 5.7255712225245768227e-300, relativeTolerance: 1e-13)
        expectClose(StudentTDistribution(degreesOfFreedom: 5841.74).survival(37), 1.0016422880192221169e-269,
                    relativeTolerance: 1e-12)
        expectClose(StudentTDistribution(degreesOfFreedom: 3).survival(1e100), 1.102657790843584099e-300,
                    relativeTolerance: 1e-12)
        expectClose(StudentTDistribution(degreesOfFreedom: 1).survival(1e300), 3.1830988618379067154e-301,
                    relativeTolerance: 1e-12)
        expectClose(ChiSquareDistribution(degreesOfFreedom: 1).survival(1300), 1.1303728441492742445e-284,
                    relativeTolerance: 1e-12)
        expectClose(NormalDistribution.standard.inverseSurvival(5.7255712225245768227e-300), 37,
                    relativeTolerance: 1e-14)
    }

    /// SRM chi-square p-values published with gbstats (vector 8), to their printed digits.
    @Test(arguments: [
        ([1000.0, 1200], [0.5, 0.5], 2.0079e-5),
        ([135.0, 115], [0.5, 0.5], 0.205903211),
        ([310.0, 98], [0.75, 0.25], 0.647434186),
        ([500.0, 500, 600], [0.34, 0.33, 0.33], 0.000592638),
    ])
    func sampleRatioMismatchVectors(counts: [Double], weights: [Double], expected: Double) {
        let total = counts.reduce(0, +)
        var statistic = 0.0
        for (count, weight) in zip(counts, weights) {
            let expectedCount = total * weight
            statistic += (count - expectedCount) * (count - expectedCount) / expectedCount
        }
        let pValue = ChiSquareDistribution(degreesOfFreedom: Double(counts.count - 1)).survival(statistic)
        expectClose(pValue, expected, relativeTolerance: 5e-5)
    }

    /// Welch's test of vector 1 (absolute): p 0.02016 with 5841.74 degrees of freedom.
    @Test func welchVector() {
        let (countA, sumA, squaresA) = (3407.0, 1396.87, 52377.9767)
        let (countB, sumB, squaresB) = (3461.0, 2422.7, 134698.29)
        let varianceA = (squaresA - sumA * sumA / countA) / (countA - 1)
        let varianceB = (squaresB - sumB * sumB / countB) / (countB - 1)
        let shareA = varianceA / countA
        let shareB = varianceB / countB
        let standardError = (shareA + shareB).squareRoot()
        let statistic = (sumB / countB - sumA / countA) / standardError
        let dof = (shareA + shareB) * (shareA + shareB)
            / (shareA * shareA / (countA - 1) + shareB * shareB / (countB - 1))
        expectClose(dof, 5841.74, relativeTolerance: 1e-5)
        let t = StudentTDistribution(degreesOfFreedom: dof)
        expectClose(2 * t.survival(abs(statistic)), 0.02016, relativeTolerance: 5e-4)
        // The 95% interval's half-width: lift 0.29, CI (0.04538, 0.53462).
        expectClose(t.inverseSurvival(0.025) * standardError, 0.29 - 0.04538, relativeTolerance: 5e-4)
    }
}
