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

/// The worst relative error per function, printed by the tests so that the figures in
/// `docs/statistics-distributions.md` can be re-measured with `swift test`.
struct ErrorReport {
    private var worst: [String: (error: Double, scaled: Double, label: String)] = [:]

    mutating func record(_ testCase: DistributionCase, error: Double, scaledBy scale: Double = 1) {
        let key = testCase.function
        if error / scale > (worst[key]?.scaled ?? -1) {
            worst[key] = (error, error / scale, testCase.description)
        }
    }

    func summary(_ name: String) -> String {
        worst.keys.sorted().map { key in
            let entry = worst[key]!
            return "\(name).\(key): max relative error \(entry.error) (scaled \(entry.scaled)) at \(entry.label)"
        }.joined(separator: "\n")
    }
}
