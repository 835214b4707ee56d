import Foundation
import Testing
@testable import Stats

/// Adjusted intervals for z and t comparisons: scipy p-values, statsmodels adjusted p-values,
/// scipy Bonferroni intervals.
@Suite struct AdjustedComparisonTests {
    struct Family: Decodable {
        let alpha: Double
        let estimates: [Double]
        let standardErrors: [Double]
        let p: [Double]
        let bonferroni: [Double]
        let holm: [Double]
        let fdr_bh: [Double]
        let fdr_by: [Double]
        let bonferroniLower: [Double]
        let bonferroniUpper: [Double]
        let degreesOfFreedom: [Double]?

        func expected(_ method: MultipleTestingMethod) -> [Double] {
            switch method {
            case .bonferroni: return bonferroni
            case .holm: return holm
            case .benjaminiHochberg: return fdr_bh
            case .benjaminiYekutieli: return fdr_by
            }
        }
    }

    static func families() throws -> [Family] {
        try JSONDecoder().decode([Family].self, from: fixtureData("multiple-testing/adjusted_intervals.json"))
    }

    @Test(arguments: MultipleTestingMethod.allCases)
    func adjustedPValuesAndIntervalsAgree(method: MultipleTestingMethod) throws {
        var checked = 0
        for (index, family) in try Self.families().enumerated() {
            let results = try MultipleTesting.adjustedComparisons(
                estimates: family.estimates, standardErrors: family.standardErrors, method: method, alpha: family.alpha,
                degreesOfFreedom: family.degreesOfFreedom)
            for (i, result) in results.enumerated() {
                expectClose(result.pValue, family.p[i], relativeTolerance: 1e-9, absoluteFloor: 1e-300, "family \(index) raw p")
                expectClose(result.adjustedPValue, family.expected(method)[i], relativeTolerance: 1e-9, absoluteFloor: 1e-300, "family \(index) adjusted p")
                // The interval excludes 0 exactly when the adjusted p-value is below alpha; skip
                // the knife-edge cases where rounding decides.
                if abs(result.adjustedPValue - family.alpha) > 1e-9 * family.alpha {
                    let excludesZero = result.lower > 0 || result.upper < 0
                    #expect(excludesZero == result.isSignificant, "family \(index) test \(i) \(method)")
                    #expect(result.isSignificant == (family.expected(method)[i] < family.alpha))
                    checked += 1
                }
                #expect(result.lower <= result.estimate && result.estimate <= result.upper)
                if method == .bonferroni {
                    expectClose(result.lower, family.bonferroniLower[i], relativeTolerance: 1e-9, absoluteFloor: 1e-3)
                    expectClose(result.upper, family.bonferroniUpper[i], relativeTolerance: 1e-9, absoluteFloor: 1e-3)
                    expectClose(result.effectiveAlpha, family.alpha / Double(family.estimates.count), relativeTolerance: 1e-15)
                }
            }
        }
        #expect(checked > 1000)
    }

    @Test func stepwiseIntervalsAreNeverWiderThanBonferroni() throws {
        // Holm's effective multiplier lies in [1, m], so its intervals sit inside Bonferroni's.
        let estimates = [0.5, 1.2, -0.3, 2.5, 0.05]
        let errors = [0.2, 0.4, 0.25, 0.6, 0.1]
        let holm = try MultipleTesting.adjustedComparisons(estimates: estimates, standardErrors: errors, method: .holm)
        let bonferroni = try MultipleTesting.adjustedComparisons(estimates: estimates, standardErrors: errors, method: .bonferroni)
        for (h, b) in zip(holm, bonferroni) {
            #expect(h.upper - h.lower <= b.upper - b.lower + 1e-12)
            #expect(h.effectiveAlpha >= b.effectiveAlpha)
        }
    }

    @Test func degenerateStandardErrors() throws {
        let results = try MultipleTesting.adjustedComparisons(estimates: [0, 1.5], standardErrors: [0, 0], method: .holm)
        #expect(results[0].pValue == 1 && results[0].lower == 0 && results[0].upper == 0 && !results[0].isSignificant)
        #expect(results[0].note != nil)
        #expect(results[1].pValue == 0 && results[1].lower == 1.5 && results[1].upper == 1.5 && results[1].isSignificant)
        #expect(throws: MultipleTestingError.lengthMismatch(estimates: 1, standardErrors: 2)) {
            try MultipleTesting.adjustedComparisons(estimates: [1], standardErrors: [1, 2], method: .holm)
        }
        #expect(throws: MultipleTestingError.invalidAlpha(0)) {
            try MultipleTesting.adjustedComparisons(estimates: [1], standardErrors: [1], method: .holm, alpha: 0)
        }
    }
}
