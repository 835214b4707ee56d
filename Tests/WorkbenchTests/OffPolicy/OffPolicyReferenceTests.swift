import Foundation
import Testing
@testable import Workbench

/// The estimators, propensities, cross-fitted outcome models and the seeded bootstrap against
/// an independent numpy implementation (Fixtures/offpolicy/make_fixtures.py) on the same
/// 400 logged units: every point estimate, difference, effective sample size and interval
/// end to 1e-9 relative.
@Suite("Off-policy estimators against numpy")
struct OffPolicyReferenceTests {
    static let metrics = [
        OffPolicyMetric(name: "conversion", numerator: 0),
        OffPolicyMetric(name: "revenue", numerator: 1),
        OffPolicyMetric(name: "error_rate", numerator: 2, denominator: 3, increaseIsGood: false, isGuardrail: true),
    ]

    /// The fixture's units and folds.
    static func loggedUnits() throws -> (LoggedUnits, [Int]) {
        let text = String(decoding: try fixtureData("offpolicy/logged_units.csv"), as: UTF8.self)
        var arms: [LoggedUnits.Arm] = []
        var scores: [Double] = []
        var strata: [Int] = []
        var folds: [Int] = []
        var covariates: [[Double]] = [[], [], []]
        var rewards: [[Double]] = [[], [], [], []]
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            arms.append(fields[0] == "treatment" ? .treatment : fields[0] == "control" ? .control : .other)
            scores.append(try #require(Double(fields[1])))
            strata.append(try #require(Int(fields[2])))
            folds.append(try #require(Int(fields[3])))
            for column in 0..<3 { covariates[column].append(fields[4 + column].isEmpty ? .nan : try #require(Double(fields[4 + column]))) }
            for variable in 0..<4 { rewards[variable].append(try #require(Double(fields[7 + variable]))) }
        }
        let units = LoggedUnits(
            arms: arms, scores: scores, strata: strata, strataLabels: ["d0", "d1", "d2", "d3"], covariates: covariates,
            covariateNames: ["x1", "x2", "x3"], rewards: rewards, rewardNames: ["conversion", "revenue", "errors", "requests"])
        return (units, folds)
    }

    static func reference() throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: try fixtureData("offpolicy/reference.json")) as? [String: Any])
    }

    @Test("Every estimate and interval matches numpy", arguments: ["estimated", "known"])
    func matchesNumpy(scenario: String) throws {
        let (units, folds) = try Self.loggedUnits()
        let reference = try Self.reference()
        let expected = try #require(reference[scenario] as? [String: Any])
        let policies = try #require(expected["policies"] as? [String: [String: Any]])
        var settings = OffPolicySettings(thresholds: [0.3, 0.5, 0.7])
        settings.replicates = 60
        settings.seed = 7
        settings.confidenceLevel = 0.9
        settings.ridge = 1e-6
        if scenario == "known" { settings.propensity = .known(treatment: 0.35, control: 0.6) }
        let evaluation = try OffPolicyEvaluator.evaluate(units, metrics: Self.metrics, folds: folds, settings: settings)
        #expect(evaluation.outcomeModelColumns.count == (expected["design_columns"] as? Int))
        #expect(evaluation.outcomeModelColumns == ["intercept", "x1", "x2", "x2 missing", "score"])

        let tolerance = 1e-9
        func compare(_ actual: EstimateInterval?, estimate: Double?, interval: [String: Any]?, _ label: String) throws {
            let actual = try #require(actual, "\(label): missing")
            let estimate = try #require(estimate, "\(label): no reference")
            expectClose(try #require(actual.estimate, "\(label): \(actual.undefinedReason ?? "")"), estimate,
                        relativeTolerance: tolerance, absoluteFloor: 1e-6, label)
            let interval = try #require(interval, "\(label): no reference interval")
            expectClose(actual.lower ?? .nan, interval["lower"] as? Double ?? .infinity, relativeTolerance: tolerance, absoluteFloor: 1e-6, "\(label) lower")
            expectClose(actual.upper ?? .nan, interval["upper"] as? Double ?? .infinity, relativeTolerance: tolerance, absoluteFloor: 1e-6, "\(label) upper")
            expectClose(actual.standardError ?? .nan, interval["standard_error"] as? Double ?? .infinity,
                        relativeTolerance: tolerance, absoluteFloor: 1e-6, "\(label) standard error")
            #expect(actual.replicatesUsed == interval["used"] as? Int, "\(label) replicates used")
        }

        var compared = 0
        for (name, entry) in policies where name != "logged" {
            let policy: PolicyEvaluation
            switch name {
            case "all control": policy = try #require(evaluation.policy(.allControl))
            case "all treatment": policy = try #require(evaluation.policy(.allTreatment))
            default: policy = try #require(evaluation.policy(.threshold, threshold: try #require(Double(name.dropFirst("score >= ".count)))))
            }
            expectClose(policy.treatedShare, try #require(entry["treated_share"] as? Double), relativeTolerance: tolerance, "\(name) treated share")
            expectClose(policy.supportCoverage, try #require(entry["coverage"] as? Double), relativeTolerance: tolerance, "\(name) coverage")
            expectClose(policy.effectiveSampleSize, try #require(entry["ess"] as? Double), relativeTolerance: tolerance, "\(name) ESS")
            for metric in Self.metrics {
                let byEstimator = try #require(entry[metric.name] as? [String: [String: Any]])
                for estimator in OffPolicyEstimator.offPolicy {
                    let values = try #require(byEstimator[estimator.rawValue])
                    let actual = policy.estimate(metric.name, estimator)
                    let label = "\(scenario) \(name) \(metric.name) \(estimator.rawValue)"
                    try compare(actual?.value, estimate: values["estimate"] as? Double, interval: values["interval"] as? [String: Any], label)
                    if policy.kind == .allControl {
                        #expect(actual?.differenceFromAllControl?.estimate == 0, "\(label): all control minus itself")
                    } else {
                        try compare(actual?.differenceFromAllControl, estimate: values["difference"] as? Double,
                                    interval: values["difference_interval"] as? [String: Any], "\(label) difference")
                    }
                    compared += 1
                }
            }
        }
        #expect(compared == 5 * 3 * 4)
        let logged = try #require(evaluation.policy(.logged))
        let loggedReference = try #require(policies["logged"] as? [String: [String: Any]])
        for metric in Self.metrics {
            let values = try #require(loggedReference[metric.name])
            try compare(logged.estimate(metric.name, .observed)?.value, estimate: values["estimate"] as? Double,
                        interval: values["interval"] as? [String: Any], "\(scenario) logged \(metric.name)")
        }
    }
}
