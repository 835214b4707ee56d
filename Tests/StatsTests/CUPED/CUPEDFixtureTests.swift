import Testing
@testable import Stats

/// CUPED against 260 (means) + 120 (ratio) references from raw rows: theta and the absolute
/// effect from statsmodels OLS y ~ 1 + treatment + x, SEs from the adjusted per-unit values,
/// the relative variance as g' S g with a numerically differentiated gradient (mpmath).
@Suite struct CUPEDFixtureTests {
    struct Expected: Decodable {
        var theta: Double
        var degreesOfFreedom: Double
        var absolute: ExpectedInference
        var relative: ExpectedInference
    }
    struct MeanCase: Decodable {
        var control: [Double]
        var treatment: [Double]
        var fallback: Bool
        var expected: Expected
    }
    struct RatioArm: Decodable {
        var count: Double
        var sums: [Double]
        var crossProducts: [Double]
    }
    struct RatioCase: Decodable {
        var control: RatioArm
        var treatment: RatioArm
        var expected: Expected
    }

    static func paired(_ v: [Double]) -> PairedSummary {
        PairedSummary(count: v[0], sumX: v[1], sumY: v[2], sumXX: v[3], sumYY: v[4], sumXY: v[5])
    }

    @Test func meansAbsoluteAndRelative() throws {
        let cases = try loadFixture([MeanCase].self, "cuped/cuped.json")
        #expect(cases.count >= 250)
        for (index, item) in cases.enumerated() {
            let control = Self.paired(item.control)
            let treatment = Self.paired(item.treatment)
            if item.fallback {
                #expect(CUPED.pooledTheta(control: control, treatment: treatment) == nil, "case \(index)")
            } else {
                let theta = try #require(CUPED.pooledTheta(control: control, treatment: treatment))
                expectClose(theta, item.expected.theta, relativeTolerance: 1e-8, absoluteFloor: 1e-6, "case \(index) theta")
            }
            let absolute = CUPED.test(control: control, treatment: treatment)
            expectMatches(absolute, item.expected.absolute, alternative: .twoSided, label: "case \(index) absolute")
            let relative = CUPED.test(control: control, treatment: treatment, options: .init(scale: .relative))
            expectMatches(relative, item.expected.relative, alternative: .twoSided, label: "case \(index) relative")
            if let notes = absolute.value?.notes {
                #expect(notes.contains { $0.hasPrefix(item.fallback ? "CUPED not applied" : "CUPED applied") }, "case \(index): \(notes)")
            }
        }
    }

    @Test func ratioMetrics() throws {
        let cases = try loadFixture([RatioCase].self, "cuped/cuped_ratio.json")
        #expect(cases.count >= 100)
        for (index, item) in cases.enumerated() {
            let control = RatioCUPEDSummary(count: item.control.count, sums: item.control.sums, crossProducts: item.control.crossProducts)
            let treatment = RatioCUPEDSummary(count: item.treatment.count, sums: item.treatment.sums, crossProducts: item.treatment.crossProducts)
            expectMatches(CUPED.ratioTest(control: control, treatment: treatment), item.expected.absolute, alternative: .twoSided, label: "case \(index) absolute")
            expectMatches(
                CUPED.ratioTest(control: control, treatment: treatment, options: .init(scale: .relative)), item.expected.relative,
                alternative: .twoSided, label: "case \(index) relative")
        }
    }

    /// The pitfall: the relative CUPED variance must include the control's covariance terms.
    /// With a strong covariate, the naive Var(adjusted difference) / m_A^2 differs from the
    /// delta method; ours must equal the fixture (checked above) and must not be the naive one.
    @Test func relativeVarianceIsNotTheNaiveOne() throws {
        var control = PairedSummary.empty
        var treatment = PairedSummary.empty
        for index in 0..<50 {
            let x = Double(index % 10)
            control.add(x: 10 + x + Double(index % 3), y: x)
            treatment.add(x: 13 + x + Double(index % 4), y: x)
        }
        let absolute = try #require(CUPED.test(control: control, treatment: treatment).value)
        let relative = try #require(CUPED.test(control: control, treatment: treatment, options: .init(scale: .relative)).value)
        let controlMean = control.sumX / control.count
        let naive = absolute.standardError / controlMean
        #expect(abs(relative.standardError - naive) > 1e-3 * naive)
    }
}
