import Foundation
import Testing
@testable import Stats

/// Hodges-Lehmann shift and Moses interval against R `wilcox.test` (exact regime) and a numpy
/// brute force over all pairwise differences (asymptotic regime).
@Suite struct HodgesLehmannTests {
    struct Case: Decodable {
        let treatment: [Double]
        let control: [Double]
        let confidenceLevel: Double
        let shift: Double
        let lower: Double
        let upper: Double
        let lowerRank: Int?
        let rLower: Double?
        let rUpper: Double?
    }

    static func cases(_ name: String) throws -> [Case] {
        try JSONDecoder().decode([Case].self, from: fixtureData("nonparametric/\(name)"))
    }

    @Test func matchesRExactIntervals() throws {
        let cases = try Self.cases("hodges_lehmann_exact.json")
        #expect(cases.count >= 250)
        for (index, c) in cases.enumerated() {
            let result = try MannWhitney.hodgesLehmann(treatment: c.treatment, control: c.control, confidenceLevel: c.confidenceLevel)
            #expect(result.intervalMethod == .exact)
            // R subtracts and sorts the same doubles; its median averages the middle two as
            // (a + b) / 2, this code as a / 2 + b / 2: equal to within one rounding.
            expectClose(result.shift, c.shift, relativeTolerance: 1e-15, absoluteFloor: 1e-12, "case \(index) shift")
            #expect(result.lower == c.lower, "case \(index) lower \(result.lower) vs R \(c.lower)")
            #expect(result.upper == c.upper, "case \(index) upper \(result.upper) vs R \(c.upper)")
        }
    }

    @Test func matchesBruteForceAsymptoticIntervals() throws {
        let cases = try Self.cases("hodges_lehmann_brute.json")
        #expect(cases.count >= 100)
        for (index, c) in cases.enumerated() {
            let result = try MannWhitney.hodgesLehmann(treatment: c.treatment, control: c.control, confidenceLevel: c.confidenceLevel)
            #expect(result.intervalMethod == .asymptotic)
            expectClose(result.shift, c.shift, relativeTolerance: 1e-15, absoluteFloor: 1e-12, "case \(index) shift")
            #expect(result.lowerRank == c.lowerRank, "case \(index)")
            #expect(result.lower == c.lower && result.upper == c.upper, "case \(index)")
            // R inverts the continuity-corrected z numerically (recomputing the tie correction
            // at each shift) rather than taking order statistics. With 10 or more values per
            // arm the two agree to a small fraction of the width (at most 1.6e-4 of it here);
            // below that, on heavily tied data, they can differ by a lattice step or two.
            let width = result.upper - result.lower
            if let rLower = c.rLower, let rUpper = c.rUpper, width > 0, min(c.treatment.count, c.control.count) >= 10 {
                #expect(abs(result.lower - rLower) <= 1e-3 * width, "case \(index) R lower \(rLower)")
                #expect(abs(result.upper - rUpper) <= 1e-3 * width, "case \(index) R upper \(rUpper)")
            }
        }
    }

    @Test func selectionAtTwentyThousandPerArmFindsActualOrderStatistics() throws {
        // 4 x 10^8 differences: never materialised. Check the defining property of the k-th
        // smallest: at least k differences are <= it and fewer than k are below it.
        var generator = SplitMix64(seed: 42)
        let control = (0..<20_000).map { _ in (generator.nextUniform() * 1000).rounded() / 10 }
        let treatment = (0..<20_000).map { _ in (generator.nextUniform() * 1000).rounded() / 10 + 3 }
        let result = try MannWhitney.hodgesLehmann(treatment: treatment, control: control)
        let differences = PairwiseDifferences(treatment: treatment, control: control)
        for (value, rank) in [(result.lower, result.lowerRank), (result.upper, differences.count + 1 - result.lowerRank)] {
            #expect(differences.count(atMost: value) >= rank)
            #expect(differences.count(atMost: value.nextDown) < rank)
        }
        #expect(result.lower < 3 && 3 < result.upper)
        #expect(abs(result.shift - 3) < 1.5)
    }

    @Test func degenerateInputs() throws {
        let tied = try MannWhitney.hodgesLehmann(treatment: [5, 5, 5], control: [5, 5])
        #expect(tied.shift == 0 && tied.lower == 0 && tied.upper == 0 && tied.note != nil)
        let single = try MannWhitney.hodgesLehmann(treatment: [3], control: [1])
        #expect(single.shift == 2 && single.lower == 2 && single.upper == 2)
        #expect(single.achievedConfidenceLevel < 0.95 && single.note != nil)
        #expect(throws: RankTestError.emptySample(name: "treatment")) {
            try MannWhitney.hodgesLehmann(treatment: [], control: [1])
        }
        #expect(throws: RankTestError.valuesTooLarge(1e308)) {
            try MannWhitney.hodgesLehmann(treatment: [1e308], control: [-1])
        }
        #expect(throws: RankTestError.invalidConfidenceLevel(1)) {
            try MannWhitney.hodgesLehmann(treatment: [1], control: [1], confidenceLevel: 1)
        }
    }
}

/// Coverage of the Moses interval in seeded simulations with a known shift.
@Suite struct HodgesLehmannCoverageTests {
    enum Shape: String, CaseIterable, Sendable { case lognormal, integers }

    static func sample(_ count: Int, shift: Double, shape: Shape, generator: inout SplitMix64) -> [Double] {
        (0..<count).map { _ in
            switch shape {
            case .lognormal:
                let u = 1 - generator.nextUniform(), v = generator.nextUniform()
                let z = (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
                return exp(z) + shift
            case .integers:
                // A discrete metric (items bought): heavy ties.
                return Double(generator.nextIndex(below: 6) + generator.nextIndex(below: 3)) + shift
            }
        }
    }

    @Test(arguments: [(20, 30, Shape.lognormal), (60, 80, Shape.lognormal), (60, 80, Shape.integers)])
    func coverageIsNearTheLevel(treatmentCount: Int, controlCount: Int, shape: Shape) throws {
        var generator = SplitMix64(seed: 1958)
        let trueShift = 2.0
        let experiments = 250
        var covered = 0
        for _ in 0..<experiments {
            let control = Self.sample(controlCount, shift: 0, shape: shape, generator: &generator)
            let treatment = Self.sample(treatmentCount, shift: trueShift, shape: shape, generator: &generator)
            let result = try MannWhitney.hodgesLehmann(treatment: treatment, control: control)
            if result.lower <= trueShift && trueShift <= result.upper { covered += 1 }
        }
        let coverage = Double(covered) / Double(experiments)
        // 95% nominal; binomial SD at 250 runs is 1.4%. Discrete data make the closed
        // interval conservative (all 250 cover for the integer metric).
        #expect(coverage > 0.92 && coverage <= 1, "coverage \(coverage)")
    }
}
