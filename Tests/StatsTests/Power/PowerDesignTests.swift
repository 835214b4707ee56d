import Foundation
import Testing
@testable import Stats

/// Power, sample size and MDE against statsmodels NormalIndPower / TTestIndPower, and the
/// noncentral t against scipy.stats.nct (fixtures/power/power.json).
@Suite struct PowerDesignTests {
    struct Fixture: Decodable {
        struct Noncentral: Decodable { let t, df, nc, cdf, sf: Double }
        struct PowerCase: Decodable {
            let variance, alpha, ratio: Double
            let test, alternative: String
            let effect: Double
            let controlCount: Double
            let power: Double?
            let targetPower: Double?
        }
        struct Vector: Decodable { let ttestNobs1: Double }
        let noncentralT: [Noncentral]
        let power: [PowerCase]
        let sampleSize: [PowerCase]
        let effect: [PowerCase]
        let publishedVector: Vector
    }

    static func load() throws -> Fixture {
        try JSONDecoder().decode(Fixture.self, from: fixtureData("power/power.json"))
    }

    static func design(_ c: Fixture.PowerCase) throws -> PowerDesign {
        PowerDesign(
            variance: c.variance, allocationRatio: c.ratio, alpha: c.alpha,
            alternative: try #require(PowerDesign.Alternative(rawValue: c.alternative)),
            testDistribution: try #require(PowerDesign.TestDistribution(rawValue: c.test)))
    }

    @Test func publishedSampleSizeVector() throws {
        // MDE 0.3 absolute, variance 100 per unit in each arm, alpha 0.05, power 0.85, t test,
        // even split -> 19,952.93 per arm (statsmodels TTestIndPower), rounded up: 2 x 19,953.
        let design = PowerDesign(variance: 100, alpha: 0.05, testDistribution: .studentT)
        let plan = try design.sampleSize(for: .absolute(0.3), power: 0.85)
        #expect(plan.totalCount == 39_906)
        #expect(plan.controlCount == 19_953 && plan.treatmentCount == 19_953)
        expectClose(plan.exactControlCount, try Self.load().publishedVector.ttestNobs1, relativeTolerance: 1e-9)
        #expect(plan.achievedPower >= 0.85)
        // The z test gives 19,951.97 per arm, i.e. 39,904: the vector's convention is the t test.
        let normalPlan = try PowerDesign(variance: 100).sampleSize(for: .absolute(0.3), power: 0.85)
        #expect(normalPlan.totalCount == 39_904)
        // Relative effect: 3% of a baseline of 10 is the same 0.3.
        let relative = try design.sampleSize(for: .relative(0.03, baselineMean: 10), power: 0.85)
        #expect(relative.totalCount == 39_906)
    }

    @Test func noncentralTMatchesScipy() throws {
        // 1e-12 absolute. The largest difference (3.6e-13, df = 1e6) is scipy's: mpmath
        // quadrature puts this code within 1e-15 there.
        let cases = try Self.load().noncentralT
        for c in cases {
            let distribution = NoncentralStudentT(degreesOfFreedom: c.df, noncentrality: c.nc)
            expectClose(distribution.cdf(c.t), c.cdf, relativeTolerance: 1e-12, absoluteFloor: 1, "nct cdf t=\(c.t) df=\(c.df) nc=\(c.nc)")
            expectClose(distribution.survival(c.t), c.sf, relativeTolerance: 1e-12, absoluteFloor: 1, "nct sf t=\(c.t) df=\(c.df) nc=\(c.nc)")
        }
    }

    @Test func powerMatchesStatsmodels() throws {
        for c in try Self.load().power {
            let design = try Self.design(c)
            let power = try design.power(effect: c.effect, controlCount: c.controlCount, treatmentCount: c.controlCount * c.ratio)
            expectClose(power, try #require(c.power), relativeTolerance: 1e-12, absoluteFloor: 1e-2, "\(c)")
        }
    }

    @Test func sampleSizeMatchesStatsmodels() throws {
        let cases = try Self.load().sampleSize
        #expect(cases.count >= 100)
        for c in cases {
            let target = try #require(c.targetPower)
            let plan = try Self.design(c).sampleSize(for: .absolute(c.effect), power: target)
            // statsmodels' own root finder stops at about 1e-10 relative.
            expectClose(plan.exactControlCount, c.controlCount, relativeTolerance: 1e-7, "\(c)")
            #expect(plan.achievedPower >= target - 1e-12)
        }
    }

    @Test func minimumDetectableEffectMatchesStatsmodels() throws {
        for c in try Self.load().effect {
            let effect = try Self.design(c).minimumDetectableEffect(
                controlCount: c.controlCount, treatmentCount: c.controlCount * c.ratio, power: try #require(c.targetPower))
            expectClose(effect, c.effect, relativeTolerance: 1e-7, "\(c)")
        }
    }

    @Test func unequalVariancesUseTheirOwnStandardError() throws {
        // Var(diff) = 4 / n_c + 1 / n_t; with n_c = n_t = n the pooled design with variance 2.5
        // must give the same power.
        let unequal = PowerDesign(controlVariance: 4, treatmentVariance: 1)
        let pooled = PowerDesign(variance: 2.5)
        let a = try unequal.power(effect: 0.2, controlCount: 500, treatmentCount: 500)
        let b = try pooled.power(effect: 0.2, controlCount: 500, treatmentCount: 500)
        expectClose(a, b, relativeTolerance: 1e-14)
    }

    @Test func invalidInputsThrow() throws {
        let design = PowerDesign(variance: 1)
        #expect(throws: PowerAnalysisError.invalidPower(power: 0.04, floor: 0.05)) {
            try design.sampleSize(for: .absolute(0.1), power: 0.04)
        }
        #expect(throws: PowerAnalysisError.invalidBaseline(0)) {
            try design.sampleSize(for: .relative(0.1, baselineMean: 0), power: 0.8)
        }
        #expect(throws: PowerAnalysisError.invalidEffect(0)) { try design.sampleSize(for: .absolute(0), power: 0.8) }
        #expect(throws: PowerAnalysisError.invalidVariance(0)) {
            try PowerDesign(variance: 0).power(effect: 1, controlCount: 10, treatmentCount: 10)
        }
        #expect(throws: PowerAnalysisError.self) {
            try PowerDesign(variance: 1, testDistribution: .studentT).power(effect: 1, controlCount: 1, treatmentCount: 1)
        }
        // No effect: the power is the size of the test.
        expectClose(try design.power(effect: 0, controlCount: 100, treatmentCount: 100), 0.05, relativeTolerance: 1e-12)
    }
}
