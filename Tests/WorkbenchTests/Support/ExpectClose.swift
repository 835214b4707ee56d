import Foundation
import Testing

/// Expects `actual` to be within `relativeTolerance` of `expected`, relative to |expected|.
///
/// When |expected| is below `absoluteFloor`, the difference is compared with
/// `relativeTolerance * absoluteFloor` instead, so that values near zero do not demand
/// impossible relative accuracy. NaN never passes unless both are NaN.
func expectClose(
    _ actual: Double, _ expected: Double, relativeTolerance: Double, absoluteFloor: Double = 0,
    _ comment: @autoclosure () -> String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
    if actual.isNaN || expected.isNaN {
        #expect(actual.isNaN && expected.isNaN, "\(comment()) actual \(actual), expected \(expected)", sourceLocation: sourceLocation)
        return
    }
    if actual == expected { return }  // covers equal infinities
    let scale = max(abs(expected), absoluteFloor)
    let error = abs(actual - expected) / scale
    #expect(
        error <= relativeTolerance,
        "\(comment()) actual \(actual), expected \(expected), relative error \(error) > \(relativeTolerance)",
        sourceLocation: sourceLocation)
}

/// Reads a fixture file committed under this test target's `Fixtures/` folder.
func fixtureData(_ relativePath: String) throws -> Data {
    guard let base = Bundle.module.resourceURL?.appendingPathComponent("Fixtures") else {
        throw CocoaError(.fileNoSuchFile)
    }
    return try Data(contentsOf: base.appendingPathComponent(relativePath))
}
