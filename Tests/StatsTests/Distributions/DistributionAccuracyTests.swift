import Foundation
import Testing
@testable import Stats

/// Every distribution against mpmath reference values at the documented tolerances.
@Suite struct DistributionAccuracyTests {
    /// Tolerance for density, cdf and survival (relative).
    static let valueTolerance = 1e-12
    /// Quantile tolerance relative to x: 1e-12, widened only where the condition number
    /// κ = |p/(x f(x))| exceeds 1000 (near x = 0, or tiny shapes), to κ·1e-15: an error of
    /// 1e-15 in the tail probability becomes κ·1e-15 in x whatever the code.
    static func quantileTolerance(condition: Double) -> Double {
        max(1e-12, 1e-15 * condition)
    }

    static func check(_ name: String, make: ([Double]) -> any ContinuousDistribution) throws {
        let fixture = try DistributionFixture.load(name)
        var report = ErrorReport()
        for testCase in fixture.cases {
            let distribution = make(testCase.parameters)
            let actual = testCase.evaluate(on: distribution)
            let tolerance = testCase.condition.map { quantileTolerance(condition: $0) } ?? valueTolerance
            report.record(testCase, error: testCase.relativeError(actual), tolerance: tolerance)
            expectClose(actual, testCase.expected, relativeTolerance: tolerance, "\(name) \(testCase)")
        }
        print(report.summary(name))
    }

    @Test func normal() throws {
        try Self.check("normal") { NormalDistribution(mean: $0[0], standardDeviation: $0[1]) }
    }

    @Test func studentT() throws {
        try Self.check("student_t") { StudentTDistribution(degreesOfFreedom: $0[0]) }
    }

    @Test func chiSquare() throws {
        try Self.check("chi_square") { ChiSquareDistribution(degreesOfFreedom: $0[0]) }
    }

    @Test func gamma() throws {
        try Self.check("gamma") { GammaDistribution(shape: $0[0], scale: $0[1]) }
    }

    @Test func beta() throws {
        try Self.check("beta") { BetaDistribution(alpha: $0[0], beta: $0[1]) }
    }
}
