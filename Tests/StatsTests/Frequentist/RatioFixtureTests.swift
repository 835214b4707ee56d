import Testing
@testable import Stats

/// Ratio metrics with the delta method against 200 references computed from the raw
/// per-unit rows (linearised (N - r D) / mean(D) in mpmath), n from 2 to 2000.
@Suite struct RatioFixtureTests {
    struct Case: Decodable {
        var control: [Double]
        var treatment: [Double]
        var exactlyZeroVariance: Bool
        var expected: WelchFixtureTests.Expected
    }

    static func summary(_ v: [Double]) -> PairedSummary {
        PairedSummary(count: v[0], sumX: v[1], sumY: v[2], sumXX: v[3], sumYY: v[4], sumXY: v[5])
    }

    @Test func deltaMethodAbsoluteAndRelative() throws {
        let cases = try loadFixture([Case].self, "frequentist/ratio.json")
        #expect(cases.count >= 200)
        for (index, item) in cases.enumerated() {
            let control = Self.summary(item.control)
            let treatment = Self.summary(item.treatment)
            let absolute = Frequentist.ratioTest(control: control, treatment: treatment)
            let relative = Frequentist.ratioTest(control: control, treatment: treatment, options: .init(scale: .relative))
            if item.exactlyZeroVariance {
                // The per-unit ratio is constant: the true SE is 0 and the sums leave only
                // rounding noise. Either undefined or a negligible SE is right; never NaN.
                if let value = absolute.value {
                    #expect(value.standardError <= 1e-6 * max(1, abs(value.estimate)), "case \(index)")
                    #expect(!value.pValue.isNaN, "case \(index)")
                }
                continue
            }
            if let expected = item.expected.absolute {
                expectMatches(absolute, expected, alternative: .twoSided, label: "case \(index) absolute")
            }
            if let expected = item.expected.relative {
                expectMatches(relative, expected, alternative: .twoSided, label: "case \(index) relative")
            }
        }
    }

    @Test func zeroDenominatorIsUndefined() {
        let empty = PairedSummary(count: 5, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0)
        let other = PairedSummary(count: 5, sumX: 5, sumY: 10, sumXX: 7, sumYY: 22, sumXY: 11)
        #expect(Frequentist.ratioTest(control: empty, treatment: other).undefinedReason == .zeroDenominatorMean(arm: "control"))
    }
}
