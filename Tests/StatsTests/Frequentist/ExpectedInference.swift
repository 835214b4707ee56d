import Foundation
import Testing
@testable import Stats

/// Reference numbers for one scale of one comparison, as written by the make_fixtures.py
/// scripts (mpmath at 40+ digits, cross-checked against scipy/statsmodels there).
struct ExpectedInference: Decodable {
    var undefined: String?
    var estimate: Double?
    var standardError: Double?
    var pTwoSided: Double?
    var pGreater: Double?
    var pLess: Double?
    var lower: Double?
    var upper: Double?
    var lowerGreater: Double?
    var upperLess: Double?
    var fieller: [Double]?
    var scaledAbsolute: [Double]?
}

/// Tolerances used for every fixture comparison, and why.
enum FixtureTolerance {
    /// Estimates and bounds: relative to max(|value|, SE). The sufficient statistics are
    /// doubles, so the difference of two means carries ~1e-16 |mean| of rounding; measuring
    /// against the SE keeps the check meaningful (1e-9 of the statistical uncertainty).
    static let location = 1e-9
    /// Standard errors: relative. SS - S^2/n cancels ~(mean/sd)^2 * 1e-16.
    static let scale = 1e-8
    /// p-values: relative. A relative error e in the t statistic moves a tail probability
    /// by ~t^2 e; at t ~ 35 (p ~ 1e-250) 1e-6 allows e ~ 1e-9.
    static let probability = 1e-6
}

/// Compares one effect estimate with its reference on every field present.
func expectMatches(
    _ result: ComparisonOutcome<EffectEstimate>, _ expected: ExpectedInference, alternative: Alternative,
    label: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    if let reason = expected.undefined {
        #expect(result.value == nil, "\(label): expected undefined (\(reason)), got \(String(describing: result.value))", sourceLocation: sourceLocation)
        return
    }
    guard let effect = result.value else {
        Issue.record("\(label): unexpectedly \(String(describing: result.undefinedReason))", sourceLocation: sourceLocation)
        return
    }
    let se = expected.standardError ?? 0
    if let estimate = expected.estimate {
        expectClose(effect.estimate, estimate, relativeTolerance: FixtureTolerance.location, absoluteFloor: se, "\(label) estimate", sourceLocation: sourceLocation)
        expectClose(effect.standardError, se, relativeTolerance: FixtureTolerance.scale, "\(label) SE", sourceLocation: sourceLocation)
    }
    let p: Double?
    let lower: Double?
    let upper: Double?
    switch alternative {
    case .twoSided: (p, lower, upper) = (expected.pTwoSided, expected.lower, expected.upper)
    case .greater: (p, lower, upper) = (expected.pGreater, expected.lowerGreater, .infinity)
    case .less: (p, lower, upper) = (expected.pLess, -.infinity, expected.upperLess)
    }
    if let p { expectClose(effect.pValue, p, relativeTolerance: FixtureTolerance.probability, absoluteFloor: 1e-300, "\(label) p", sourceLocation: sourceLocation) }
    if let lower { expectClose(effect.lowerBound, lower, relativeTolerance: FixtureTolerance.location, absoluteFloor: se, "\(label) lower", sourceLocation: sourceLocation) }
    if let upper { expectClose(effect.upperBound, upper, relativeTolerance: FixtureTolerance.location, absoluteFloor: se, "\(label) upper", sourceLocation: sourceLocation) }
}

/// Decodes a JSON fixture file.
func loadFixture<Value: Decodable>(_ type: Value.Type, _ path: String) throws -> Value {
    try JSONDecoder().decode(Value.self, from: fixtureData(path))
}
