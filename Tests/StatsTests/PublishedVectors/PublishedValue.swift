import Foundation
import Testing

/// Checks `actual` against a figure as printed in stats-vectors.md.
///
/// Passes when the relative error is within `relativeTolerance` (1e-5 by default, the
/// tolerance stated there) OR when `actual` rounds to the printed figure (|error| <= half a
/// unit in its last printed digit): the published figures have 4-7 significant digits, so a
/// 1e-5 relative check on a 4-digit figure would demand digits that were never printed.
func expectPublished(
    _ actual: Double, _ printed: String, relativeTolerance: Double = 1e-5,
    _ comment: String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let expected = Double(printed) else {
        Issue.record("unparsable published figure \(printed)", sourceLocation: sourceLocation)
        return
    }
    let lowered = printed.lowercased()
    let mantissa = lowered.split(separator: "e").first.map(String.init) ?? lowered
    let exponent = lowered.contains("e") ? Int(lowered.split(separator: "e")[1]) ?? 0 : 0
    let decimals = mantissa.split(separator: ".").count == 2 ? mantissa.split(separator: ".")[1].count : 0
    let halfUnit = 0.5 * pow(10, Double(exponent - decimals)) * (1 + 1e-9)
    let error = abs(actual - expected)
    #expect(
        error <= relativeTolerance * abs(expected) || error <= halfUnit,
        "\(comment): actual \(actual), published \(printed)", sourceLocation: sourceLocation)
}
