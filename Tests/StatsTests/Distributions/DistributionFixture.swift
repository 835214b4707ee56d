import Foundation
@testable import Stats

/// One reference value from `Fixtures/distributions/*.json` (written by `make_fixtures.py`
/// with mpmath at 60 digits).
struct DistributionCase: Decodable, CustomStringConvertible {
    /// "density", "cdf", "survival", "quantile" or "inverseSurvival".
    let function: String
    let parameters: [Double]
    let argument: Double
    let expected: Double
    /// |p / (x f(x))| for quantile cases: how a relative error in p grows in x.
    let condition: Double?

    var description: String { "\(function)\(parameters) at \(argument)" }

    /// Evaluates this case's function on `distribution`.
    func evaluate(on distribution: some ContinuousDistribution) -> Double {
        switch function {
        case "density": distribution.density(argument)
        case "cdf": distribution.cdf(argument)
        case "survival": distribution.survival(argument)
        case "quantile": distribution.quantile(argument)
        case "inverseSurvival": distribution.inverseSurvival(argument)
        default: .nan
        }
    }

    /// The relative error of `actual` against the reference.
    func relativeError(_ actual: Double) -> Double {
        if actual == expected { return 0 }
        return abs(actual - expected) / abs(expected)
    }
}

struct DistributionFixture: Decodable {
    let distribution: String
    let cases: [DistributionCase]

    static func load(_ name: String) throws -> DistributionFixture {
        try JSONDecoder().decode(DistributionFixture.self, from: fixtureData("distributions/\(name).json"))
    }
}

/// The worst relative error per function (raw, and as a fraction of the case's tolerance),
/// printed by the tests so that the figures in `docs/statistics-distributions.md` can be
/// re-measured with `swift test`.
struct ErrorReport {
    private var worstRaw: [String: (error: Double, label: String)] = [:]
    private var worstShare: [String: Double] = [:]

    mutating func record(_ testCase: DistributionCase, error: Double, tolerance: Double = 1e-12) {
        let key = testCase.function
        if error > (worstRaw[key]?.error ?? -1) {
            worstRaw[key] = (error, testCase.description)
        }
        worstShare[key] = max(worstShare[key] ?? 0, error / tolerance)
    }

    func summary(_ name: String) -> String {
        worstRaw.sorted { $0.key < $1.key }.map { key, entry in
            let share = worstShare[key] ?? 0
            return "\(name).\(key): max relative error \(entry.error) at \(entry.label); worst error/tolerance \(share)"
        }.joined(separator: "\n")
    }
}
