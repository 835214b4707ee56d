import Foundation
import Testing
@testable import Stats

/// Adjusted p-values against statsmodels `multipletests` (fixtures/multiple-testing).
@Suite struct MultipleTestingTests {
    struct Family: Decodable {
        let p: [Double]
        let bonferroni: [Double]
        let holm: [Double]
        let fdr_bh: [Double]
        let fdr_by: [Double]

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
        try JSONDecoder().decode([Family].self, from: fixtureData("multiple-testing/multipletests.json"))
    }

    @Test(arguments: MultipleTestingMethod.allCases)
    func matchesStatsmodels(method: MultipleTestingMethod) throws {
        let families = try Self.families()
        #expect(families.count >= 300)
        for (index, family) in families.enumerated() {
            let adjusted = try MultipleTesting.adjustedPValues(family.p, method: method)
            let expected = family.expected(method)
            #expect(adjusted.count == expected.count)
            for (actual, reference) in zip(adjusted, expected) {
                // statsmodels and this code perform the same floating-point operations except the
                // harmonic sum of BY (numpy sums pairwise), hence a few ulps.
                expectClose(actual, reference, relativeTolerance: 1e-14, absoluteFloor: 1e-300, "family \(index) \(method)")
            }
        }
    }

    @Test func knownSmallFamily() throws {
        // Hand-checkable: p = (0.01, 0.04, 0.03, 0.005), m = 4.
        let p = [0.01, 0.04, 0.03, 0.005]
        #expect(try MultipleTesting.adjustedPValues(p, method: .bonferroni) == [0.04, 0.16, 0.12, 0.02])
        // Holm: sorted 0.005*4, 0.01*3, 0.03*2, 0.04*1 -> 0.02, 0.03, 0.06, max(0.06, 0.04).
        let holm = try MultipleTesting.adjustedPValues(p, method: .holm)
        for (a, e) in zip(holm, [0.03, 0.06, 0.06, 0.02]) { expectClose(a, e, relativeTolerance: 1e-15) }
        // BH: 0.005*4/1 = 0.02, 0.01*4/2 = 0.02, 0.03*4/3 = 0.04, 0.04*4/4 = 0.04.
        let bh = try MultipleTesting.adjustedPValues(p, method: .benjaminiHochberg)
        for (a, e) in zip(bh, [0.02, 0.04, 0.04, 0.02]) { expectClose(a, e, relativeTolerance: 1e-15) }
    }

    @Test func familyOfOneIsUnchangedAndRowByRowDoesNothing() throws {
        // The pitfall: correcting each row alone is the identity. The family call is not.
        let p = [0.01, 0.02, 0.03]
        let rowByRow = try p.map { try MultipleTesting.adjustedPValues([$0], method: .bonferroni)[0] }
        #expect(rowByRow == p)
        let family = try MultipleTesting.adjustedPValues(p, method: .bonferroni)
        #expect(family == [0.03, 0.06, 0.09])
    }

    @Test func emptyFamilyAndInvalidInputs() throws {
        #expect(try MultipleTesting.adjustedPValues([], method: .holm) == [])
        #expect(throws: MultipleTestingError.invalidPValue(index: 1, value: 1.5)) {
            try MultipleTesting.adjustedPValues([0.1, 1.5], method: .holm)
        }
        #expect(throws: MultipleTestingError.self) {
            try MultipleTesting.adjustedPValues([Double.nan], method: .benjaminiHochberg)
        }
    }
}
