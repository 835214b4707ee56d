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

/// First-order relative rounding error of V = v_A + v_B recovered from (n, S, SS) in doubles.
///
/// Each arm's SS - S^2/n carries an absolute error of ~2.2e-16 SS, so v_i = var_i / n_i is
/// off by ~2.2e-16 SS_i / (n_i (n_i - 1)). The references are exact for the given doubles,
/// so a case with mean/sd = 1e4 cannot be matched to better than ~1e-8 by any double
/// implementation; this returns that floor (1 when V itself is rounding noise).
func varianceRounding(_ summaries: [SampleSummary]) -> Double {
    var noise = 0.0
    var total = 0.0
    for summary in summaries {
        let scale = summary.count * (summary.count - 1)
        noise += 2.2e-16 * summary.sumOfSquares / scale
        total += max(0, summary.sumOfSquares - summary.sum * summary.sum / summary.count) / scale
    }
    return total > 0 ? min(1, noise / total) : 1
}

/// Compares one effect estimate with its reference on every field present.
///
/// `rounding` (from `varianceRounding`) widens the tolerances for ill-conditioned inputs:
/// locations and SEs by 20x the variance rounding, p-values by 20 t^2 times it (a relative
/// error e in t moves a tail probability by ~t^2 e).
func expectMatches(
    _ result: ComparisonOutcome<EffectEstimate>, _ expected: ExpectedInference, alternative: Alternative,
    label: String, rounding: Double = 0, sourceLocation: SourceLocation = #_sourceLocation
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
    let statistic = expected.estimate.map { se > 0 ? $0 / se : 0 } ?? 0
    let location = max(FixtureTolerance.location, 20 * rounding)
    let scale = max(FixtureTolerance.scale, 20 * rounding)
    let probability = max(FixtureTolerance.probability, 20 * rounding * max(1, statistic * statistic))
    if let estimate = expected.estimate {
        expectClose(effect.estimate, estimate, relativeTolerance: location, absoluteFloor: se, "\(label) estimate", sourceLocation: sourceLocation)
        expectClose(effect.standardError, se, relativeTolerance: scale, "\(label) SE", sourceLocation: sourceLocation)
    }
    let p: Double?
    let lower: Double?
    let upper: Double?
    switch alternative {
    case .twoSided: (p, lower, upper) = (expected.pTwoSided, expected.lower, expected.upper)
    case .greater: (p, lower, upper) = (expected.pGreater, expected.lowerGreater, .infinity)
    case .less: (p, lower, upper) = (expected.pLess, -.infinity, expected.upperLess)
    }
    if let p { expectClose(effect.pValue, p, relativeTolerance: probability, absoluteFloor: 1e-300, "\(label) p", sourceLocation: sourceLocation) }
    if let lower { expectClose(effect.lowerBound, lower, relativeTolerance: location, absoluteFloor: se, "\(label) lower", sourceLocation: sourceLocation) }
    if let upper { expectClose(effect.upperBound, upper, relativeTolerance: location, absoluteFloor: se, "\(label) upper", sourceLocation: sourceLocation) }
}

/// Decodes a JSON fixture file.
func loadFixture<Value: Decodable>(_ type: Value.Type, _ path: String) throws -> Value {
    try JSONDecoder().decode(Value.self, from: fixtureData(path))
}
