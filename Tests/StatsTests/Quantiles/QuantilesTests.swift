import Foundation
import Testing
@testable import Stats

/// Type-7 quantiles against numpy.quantile, and the clustered (outer-CI) quantile interval
/// against an independent numpy implementation of the same formula.
@Suite struct QuantilesTests {
    struct NumpyCase: Decodable {
        let values: [Double]
        let probabilities: [Double]
        let quantiles: [Double]
    }

    struct ArmResult: Decodable {
        let quantile, probabilityStandardError, lower, upper, standardError: Double
    }

    struct ClusteredCase: Decodable {
        let treatment: [[Double]]
        let control: [[Double]]
        let probability: Double
        let confidenceLevel: Double
        let treatmentResult: ArmResult
        let controlResult: ArmResult
    }

    @Test func matchesNumpyQuantile() throws {
        let cases = try JSONDecoder().decode([NumpyCase].self, from: fixtureData("quantiles/numpy_quantiles.json"))
        #expect(cases.count >= 300)
        for (index, c) in cases.enumerated() {
            for (p, expected) in zip(c.probabilities, c.quantiles) {
                // Same virtual index and the same two-sided interpolation: bit-identical.
                #expect(try Quantiles.quantile(c.values, p) == expected, "case \(index) p \(p)")
            }
        }
    }

    @Test func clusteredIntervalMatchesIndependentImplementation() throws {
        let cases = try JSONDecoder().decode([ClusteredCase].self, from: fixtureData("quantiles/clustered.json"))
        #expect(cases.count >= 50)
        for (index, c) in cases.enumerated() {
            let result = try Quantiles.difference(
                treatment: c.treatment, control: c.control, probability: c.probability, confidenceLevel: c.confidenceLevel)
            for (arm, expected) in [(result.treatment, c.treatmentResult), (result.control, c.controlResult)] {
                #expect(arm.quantile == expected.quantile, "case \(index)")
                expectClose(arm.probabilityStandardError, expected.probabilityStandardError, relativeTolerance: 1e-10, absoluteFloor: 1e-12, "case \(index) sigma_F")
                expectClose(arm.lower, expected.lower, relativeTolerance: 1e-9, "case \(index) lower")
                expectClose(arm.upper, expected.upper, relativeTolerance: 1e-9, "case \(index) upper")
                expectClose(arm.standardError, expected.standardError, relativeTolerance: 1e-8, absoluteFloor: 1e-9, "case \(index) SE")
            }
            expectClose(result.difference, c.treatmentResult.quantile - c.controlResult.quantile, relativeTolerance: 1e-12, absoluteFloor: 1e-9)
        }
    }

    @Test func independentEventsReduceToTheBinomialVariance() throws {
        // One event per unit: sigma_F^2 = p (1 - p) / (K - 1) exactly for the sample moments
        // (S_i Bernoulli with mean F, N_i = 1), i.e. the classical p (1 - p) / n up to K / (K - 1).
        let values = (0..<1000).map { Double(($0 * 7919) % 1000) }
        let units = values.map { [$0] }
        let estimate = try Quantiles.clusteredEstimate(unitEvents: units, probability: 0.9)
        let f = Double(values.filter { $0 <= estimate.quantile }.count) / 1000
        expectClose(estimate.probabilityStandardError, (f * (1 - f) / 999).squareRoot(), relativeTolerance: 1e-12)
    }

    @Test func degenerateInputs() throws {
        #expect(throws: QuantileError.empty("the sample")) { try Quantiles.quantile([], 0.5) }
        #expect(throws: QuantileError.invalidProbability(1.5)) { try Quantiles.quantile([1], 1.5) }
        #expect(try Quantiles.quantile([42], 0.99) == 42)
        #expect(throws: QuantileError.tooFewUnits(arm: "control", units: 1)) {
            try Quantiles.difference(treatment: [[1], [2]], control: [[1, 2, 3]], probability: 0.5)
        }
        #expect(throws: QuantileError.empty("the treatment arm")) {
            try Quantiles.difference(treatment: [[], []], control: [[1], [2]], probability: 0.5)
        }
        let tied = try Quantiles.difference(treatment: [[5, 5], [5]], control: [[5], [5, 5, 5]], probability: 0.9)
        #expect(tied.difference == 0 && tied.standardError == 0 && tied.pValue == 1 && tied.note != nil)
    }
}
