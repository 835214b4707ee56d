import Testing
@testable import Stats

/// Confidence sequences (GrowthBook form) and mSPRT against 320 mpmath references; the mSPRT
/// interval there is found by root finding on the likelihood ratio, not by the closed form.
@Suite struct SequentialFixtureTests {
    struct Bounds: Decodable {
        var lower: Double
        var upper: Double
        var pValue: Double
    }
    struct Case: Decodable {
        var estimate: Double
        var standardError: Double
        var totalUnits: Double
        var tuningUnits: Double
        var confidenceLevel: Double
        var mixingVariance: Double
        var nullValue: Double
        var confidenceSequence: Bounds
        var mixtureSPRT: Bounds
    }

    static func check(_ actual: EffectEstimate, _ expected: Bounds, se: Double, label: String) {
        expectClose(actual.lowerBound, expected.lower, relativeTolerance: 1e-9, absoluteFloor: se, "\(label) lower")
        expectClose(actual.upperBound, expected.upper, relativeTolerance: 1e-9, absoluteFloor: se, "\(label) upper")
        expectClose(actual.pValue, expected.pValue, relativeTolerance: 1e-8, absoluteFloor: 1e-300, "\(label) p")
    }

    @Test func confidenceSequenceAndMixtureSPRT() throws {
        let cases = try loadFixture([Case].self, "sequential/sequential.json")
        #expect(cases.count >= 300)
        for (index, item) in cases.enumerated() {
            let effect = EffectEstimate(
                scale: .absolute, estimate: item.estimate, standardError: item.standardError, lowerBound: 0, upperBound: 0,
                pValue: 0, statistic: 0, degreesOfFreedom: .infinity, alternative: .twoSided,
                confidenceLevel: item.confidenceLevel)
            let sequence = Sequential.confidenceSequence(effect, totalUnits: item.totalUnits, tuningUnits: item.tuningUnits)
            Self.check(sequence, item.confidenceSequence, se: item.standardError, label: "case \(index) CS")
            let mixture = Sequential.mixtureSPRT(effect, mixingVariance: item.mixingVariance, nullValue: item.nullValue)
            Self.check(mixture, item.mixtureSPRT, se: item.standardError, label: "case \(index) mSPRT")
            #expect(sequence.estimate == item.estimate && sequence.standardError == item.standardError)
        }
    }

    @Test func alwaysValidIntervalIsWiderThanFixedHorizon() throws {
        let fixed = try #require(
            Frequentist.welchTest(control: SampleSummary([1, 2, 3, 4, 5, 6]), treatment: SampleSummary([2, 3, 4, 5, 6, 8])).value)
        let sequence = Sequential.confidenceSequence(fixed, totalUnits: 12, tuningUnits: 100)
        #expect(sequence.lowerBound < fixed.lowerBound && sequence.upperBound > fixed.upperBound)
        #expect(sequence.pValue >= fixed.pValue)
    }
}
