import Foundation
import Testing
@testable import Stats

/// Mann-Whitney U against scipy.stats.mannwhitneyu (fixtures/nonparametric/mannwhitneyu.json).
@Suite struct MannWhitneyTests {
    struct Case: Decodable {
        struct Result: Decodable {
            let method: String
            let statistic: Double
            let pValue: Double?
        }
        let treatment: [Double]
        let control: [Double]
        let alternative: String
        let continuity: Bool
        let results: [Result]
    }

    @Test func matchesScipy() throws {
        let cases = try JSONDecoder().decode([Case].self, from: fixtureData("nonparametric/mannwhitneyu.json"))
        #expect(cases.count >= 300)
        var compared = 0
        for (index, c) in cases.enumerated() {
            let alternative = try #require(MannWhitney.Alternative(rawValue: c.alternative))
            for expected in c.results {
                let method: MannWhitney.MethodChoice = expected.method == "auto" ? .automatic : (expected.method == "exact" ? .exact : .asymptotic)
                let result = try MannWhitney.test(
                    treatment: c.treatment, control: c.control, alternative: alternative,
                    continuityCorrection: c.continuity, method: method)
                #expect(result.statistic == expected.statistic, "case \(index)")
                if let p = expected.pValue {
                    // 1e-9 relative: scipy's normal tail (ndtr) and the distribution branch's
                    // survival agree to about 1e-12 away from underflow.
                    expectClose(result.pValue, p, relativeTolerance: 1e-9, absoluteFloor: 1e-280, "case \(index) \(expected.method)")
                    compared += 1
                } else {
                    // scipy gives NaN for all-tied samples without continuity correction.
                    #expect(result.pValue == 1 && result.note != nil, "case \(index)")
                }
            }
        }
        #expect(compared >= 500)
    }

    @Test(arguments: [(1, 7), (3, 50), (8, 300), (5, 500)])
    func productConstructionAgreesWithRecurrence(small: Int, large: Int) {
        // Both constructions of the exact null distribution of U, where both apply.
        let recurrence = MannWhitneyNullDistribution(firstCount: small, secondCount: large).counts
        let product = MannWhitneyNullDistribution.gaussianBinomial(small: small, large: large)
        #expect(product.count == recurrence.count)
        let total = recurrence.reduce(0, +)
        for (p, r) in zip(product, recurrence) {
            expectClose(p / total, r / total, relativeTolerance: 1e-12, absoluteFloor: 1e-3)
        }
        #expect(abs(product.reduce(0, +) / total - 1) < 1e-12)
    }

    @Test func degenerateInputs() throws {
        #expect(throws: RankTestError.emptySample(name: "control")) {
            try MannWhitney.test(treatment: [1, 2], control: [])
        }
        #expect(throws: RankTestError.self) { try MannWhitney.test(treatment: [1, .nan], control: [2]) }
        #expect(throws: RankTestError.exactWithTies) {
            try MannWhitney.test(treatment: [1, 2], control: [2, 3], method: .exact)
        }
        let tied = try MannWhitney.test(treatment: [4, 4, 4], control: [4, 4], continuityCorrection: false)
        #expect(tied.pValue == 1 && tied.note != nil && tied.statistic == 3)
        // n = 1 each: the exact distribution is {0, 1} with probability 1/2 each.
        let single = try MannWhitney.test(treatment: [2], control: [1], alternative: .greater)
        #expect(single.method == .exact && single.pValue == 0.5 && single.statistic == 1)
    }
}
