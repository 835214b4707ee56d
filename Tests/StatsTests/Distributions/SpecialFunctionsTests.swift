import Foundation
import Testing
@testable import Stats

/// The public special functions against mpmath (`Fixtures/distributions/special_functions.json`).
@Suite struct SpecialFunctionsTests {
    /// Relative tolerance for log-gamma, log-beta and the regularized incomplete functions.
    static let tolerance = 1e-12

    @Test func againstMpmath() throws {
        let fixture = try DistributionFixture.load("special_functions")
        var report = ErrorReport()
        for testCase in fixture.cases {
            let parameters = testCase.parameters
            let x = testCase.argument
            let actual: Double
            switch testCase.function {
            case "logGamma": actual = SpecialFunctions.logGamma(x)
            case "logBeta": actual = SpecialFunctions.logBeta(parameters[0], parameters[1])
            case "regularizedGammaP": actual = SpecialFunctions.regularizedGammaP(parameters[0], x)
            case "regularizedGammaQ": actual = SpecialFunctions.regularizedGammaQ(parameters[0], x)
            case "regularizedBeta": actual = SpecialFunctions.regularizedBeta(x, a: parameters[0], b: parameters[1])
            case "regularizedBetaComplement":
                actual = SpecialFunctions.regularizedBetaComplement(x, a: parameters[0], b: parameters[1])
            default:
                Issue.record("unknown function \(testCase.function)")
                continue
            }
            report.record(testCase, error: testCase.relativeError(actual), tolerance: Self.tolerance)
            // log Γ has roots at 1 and 2: there the error is absolute, ~1e-16.
            let floor = testCase.function == "logGamma" ? 1e-3 : 0
            expectClose(actual, testCase.expected, relativeTolerance: Self.tolerance, absoluteFloor: floor,
                        "\(testCase)")
        }
        print(report.summary("special"))
    }

    @Test func endPointsAndComplements() {
        #expect(SpecialFunctions.regularizedGammaP(2.5, 0) == 0)
        #expect(SpecialFunctions.regularizedGammaQ(2.5, 0) == 1)
        #expect(SpecialFunctions.regularizedGammaP(2.5, .infinity) == 1)
        #expect(SpecialFunctions.regularizedGammaQ(2.5, .infinity) == 0)
        #expect(SpecialFunctions.regularizedBeta(0, a: 2, b: 3) == 0)
        #expect(SpecialFunctions.regularizedBeta(1, a: 2, b: 3) == 1)
        #expect(SpecialFunctions.regularizedBetaComplement(1, a: 2, b: 3) == 0)
        // I_x(1, 1) = x and Q(1, x) = e^-x exactly in closed form.
        expectClose(SpecialFunctions.regularizedBeta(0.3, a: 1, b: 1), 0.3, relativeTolerance: 1e-15)
        expectClose(SpecialFunctions.regularizedGammaQ(1, 700), exp(-700.0), relativeTolerance: 1e-14)
        // scipy.special.betaln(2.5, 3.5).
        expectClose(SpecialFunctions.logBeta(2.5, 3.5), -3.3018352699620523, relativeTolerance: 1e-14)
    }
}
