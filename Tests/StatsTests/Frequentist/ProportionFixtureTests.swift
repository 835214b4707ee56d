import Testing
@testable import Stats

/// Two-proportion tests against 320 references: unpooled (gbstats; scipy
/// `ttest_ind_from_stats` with sd sqrt(p(1-p))) and pooled z (statsmodels
/// `proportions_ztest`), n from 2 to 1e7, proportions 0 and 1.
@Suite struct ProportionFixtureTests {
    struct Case: Decodable {
        var control: [Double]
        var treatment: [Double]
        var unpooled: Unpooled
        var pooled: Pooled
    }
    struct Unpooled: Decodable {
        var undefined: String?
        var absolute: ExpectedInference?
        var relative: ExpectedInference?
    }
    struct Pooled: Decodable {
        var undefined: String?
        var pTwoSided: Double?
        var pGreater: Double?
        var pLess: Double?
        var lower: Double?
        var upper: Double?
    }

    static func counts(_ values: [Double]) -> BinomialCounts { BinomialCounts(successes: values[0], trials: values[1]) }

    @Test(arguments: Alternative.allCases)
    func unpooledAbsoluteAndRelative(alternative: Alternative) throws {
        let cases = try loadFixture([Case].self, "frequentist/proportions.json")
        #expect(cases.count >= 300)
        for (index, item) in cases.enumerated() {
            let control = Self.counts(item.control)
            let treatment = Self.counts(item.treatment)
            let absolute = Frequentist.proportionTest(control: control, treatment: treatment, options: .init(alternative: alternative))
            if item.unpooled.undefined != nil {
                #expect(absolute.undefinedReason == .zeroVarianceInBothArms, "case \(index)")
                continue
            }
            if let expected = item.unpooled.absolute {
                expectMatches(absolute, expected, alternative: alternative, label: "case \(index) absolute")
            }
            if let expected = item.unpooled.relative {
                let relative = Frequentist.proportionTest(
                    control: control, treatment: treatment, options: .init(scale: .relative, alternative: alternative))
                expectMatches(relative, expected, alternative: alternative, label: "case \(index) relative")
            }
        }
    }

    @Test(arguments: Alternative.allCases)
    func pooledZ(alternative: Alternative) throws {
        let cases = try loadFixture([Case].self, "frequentist/proportions.json")
        for (index, item) in cases.enumerated() {
            let result = Frequentist.proportionTest(
                control: Self.counts(item.control), treatment: Self.counts(item.treatment), variance: .pooled,
                options: .init(alternative: alternative))
            if item.pooled.undefined != nil {
                #expect(result.value == nil, "case \(index)")
                continue
            }
            guard let value = result.value else {
                // Pooled variance > 0 but both arms at 0 or 1 cannot happen; an arm at 0 and
                // the other at 1 keeps the unpooled variance 0 and is reported undefined.
                #expect(result.undefinedReason == .zeroVarianceInBothArms, "case \(index)")
                continue
            }
            let expected: Double? =
                switch alternative {
                case .twoSided: item.pooled.pTwoSided
                case .greater: item.pooled.pGreater
                case .less: item.pooled.pLess
                }
            expectClose(value.pValue, try #require(expected), relativeTolerance: FixtureTolerance.probability, absoluteFloor: 1e-300, "case \(index) p")
            #expect(value.degreesOfFreedom == .infinity)
            if alternative == .twoSided {
                let se = value.standardError
                expectClose(value.lowerBound, try #require(item.pooled.lower), relativeTolerance: 1e-9, absoluteFloor: se, "case \(index) lower")
                expectClose(value.upperBound, try #require(item.pooled.upper), relativeTolerance: 1e-9, absoluteFloor: se, "case \(index) upper")
            }
        }
    }
}
