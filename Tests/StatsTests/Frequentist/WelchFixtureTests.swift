import Testing
@testable import Stats

/// Welch t-test against 320 mpmath references (cross-checked with scipy
/// `ttest_ind_from_stats(equal_var=False)`): n from 2 to 1e9, zero variance in one arm,
/// zero control mean, p-values down to ~1e-260.
@Suite struct WelchFixtureTests {
    struct Case: Decodable {
        var control: [Double]
        var treatment: [Double]
        var expected: Expected
    }
    struct Expected: Decodable {
        var undefined: String?
        var degreesOfFreedom: Double?
        var absolute: ExpectedInference?
        var relative: ExpectedInference?
    }

    static func summary(_ values: [Double]) -> SampleSummary {
        SampleSummary(count: values[0], sum: values[1], sumOfSquares: values[2])
    }

    @Test(arguments: Alternative.allCases)
    func absoluteAndRelativeLift(alternative: Alternative) throws {
        let cases = try loadFixture([Case].self, "frequentist/welch.json")
        #expect(cases.count >= 300)
        for (index, item) in cases.enumerated() {
            let control = Self.summary(item.control)
            let treatment = Self.summary(item.treatment)
            let absolute = Frequentist.welchTest(control: control, treatment: treatment, options: .init(alternative: alternative))
            if item.expected.undefined != nil {
                #expect(absolute.undefinedReason == .zeroVarianceInBothArms, "case \(index)")
                continue
            }
            if let absoluteExpected = item.expected.absolute {
                expectMatches(absolute, absoluteExpected, alternative: alternative, label: "case \(index) absolute")
            }
            if let dof = item.expected.degreesOfFreedom, let value = absolute.value {
                expectClose(value.degreesOfFreedom, dof, relativeTolerance: 1e-8, "case \(index) dof")
            }
            let relative = Frequentist.welchTest(
                control: control, treatment: treatment, options: .init(scale: .relative, alternative: alternative))
            if let relativeExpected = item.expected.relative {
                expectMatches(relative, relativeExpected, alternative: alternative, label: "case \(index) relative")
            }
        }
    }

    @Test func relativeIntervalMethods() throws {
        let cases = try loadFixture([Case].self, "frequentist/welch.json")
        for (index, item) in cases.enumerated() {
            guard let expected = item.expected.relative, expected.undefined == nil, let se = expected.standardError else { continue }
            let control = Self.summary(item.control)
            let treatment = Self.summary(item.treatment)
            let fieller = Frequentist.welchTest(
                control: control, treatment: treatment, options: .init(scale: .relative, relativeInterval: .fieller))
            if let bounds = expected.fieller {
                let value = try #require(fieller.value, "case \(index): \(String(describing: fieller.undefinedReason))")
                expectClose(value.lowerBound, bounds[0], relativeTolerance: 1e-8, absoluteFloor: se, "case \(index) Fieller lower")
                expectClose(value.upperBound, bounds[1], relativeTolerance: 1e-8, absoluteFloor: se, "case \(index) Fieller upper")
            } else {
                #expect(fieller.undefinedReason == .unboundedFiellerInterval, "case \(index)")
            }
            let scaled = try #require(
                Frequentist.welchTest(
                    control: control, treatment: treatment, options: .init(scale: .relative, relativeInterval: .scaledAbsolute)
                ).value)
            let bounds = try #require(expected.scaledAbsolute)
            expectClose(scaled.lowerBound, bounds[0], relativeTolerance: 1e-9, absoluteFloor: se, "case \(index) scaled lower")
            expectClose(scaled.upperBound, bounds[1], relativeTolerance: 1e-9, absoluteFloor: se, "case \(index) scaled upper")
        }
    }
}
