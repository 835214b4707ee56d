import Foundation
import Testing
@testable import Workbench

/// Hand-computed estimators and effective sample sizes, the no-support cases, the support
/// diagnostics, the homogeneity test against scipy, and the feature matching rules.
@Suite("Off-policy diagnostics")
struct OffPolicyDiagnosticsTests {
    /// Four units: T, C, T, C with rewards 1, 2, 3, 4 and scores 0.9, 0.8, 0.2, 0.1.
    static func fourUnits(arms: [LoggedUnits.Arm] = [.treatment, .control, .treatment, .control]) -> LoggedUnits {
        LoggedUnits(arms: arms, scores: [0.9, 0.8, 0.2, 0.1], strata: [0, 0, 0, 0], strataLabels: ["all"],
                    covariates: [[1, 2, 3, 5]], covariateNames: ["x"], rewards: [[1, 2, 3, 4]], rewardNames: ["y"])
    }

    static func evaluate(_ units: LoggedUnits, thresholds: [Double], propensity: PropensitySpecification,
                         replicates: Int = 0) throws -> OffPolicyEvaluation {
        var settings = OffPolicySettings(thresholds: thresholds)
        settings.propensity = propensity
        settings.replicates = replicates
        settings.foldCount = 2
        return try OffPolicyEvaluator.evaluate(
            units, metrics: [OffPolicyMetric(name: "y", numerator: 0)], folds: [0, 1, 1, 0], settings: settings)
    }

    @Test("IPS, SNIPS and Kish's effective sample size by hand")
    func byHand() throws {
        // p_T = 1/4, p_C = 3/4: weights 4 for a treated unit, 4/3 for a control unit.
        let evaluation = try Self.evaluate(Self.fourUnits(), thresholds: [0.85], propensity: .known(treatment: 0.25, control: 0.75))
        let treatment = try #require(evaluation.policy(.allTreatment))
        // w = (4, 0, 4, 0): IPS = (4 + 12) / 4 = 4, SNIPS = 16 / 8 = 2, ESS = 8^2 / 32 = 2.
        #expect(treatment.estimate("y", .ips)?.value.estimate == 4)
        #expect(treatment.estimate("y", .snips)?.value.estimate == 2)
        #expect(treatment.effectiveSampleSize == 2)
        let control = try #require(evaluation.policy(.allControl))
        // w = (0, 4/3, 0, 4/3): IPS = (8/3 + 16/3) / 4 = 2, SNIPS = 3, ESS = (8/3)^2 / (32/9) = 2.
        expectClose(try #require(control.estimate("y", .ips)?.value.estimate), 2, relativeTolerance: 1e-15)
        expectClose(try #require(control.estimate("y", .snips)?.value.estimate), 3, relativeTolerance: 1e-15)
        expectClose(control.effectiveSampleSize, 2, relativeTolerance: 1e-15)
        // score >= 0.85 treats unit 1 only: w = (4, 4/3, 0, 4/3); IPS = (4 + 8/3 + 16/3) / 4 = 3,
        // SNIPS = 12 / (20/3) = 1.8, ESS = (20/3)^2 / (16 + 32/9) = 400/176.
        let policy = try #require(evaluation.policy(.threshold, threshold: 0.85))
        expectClose(try #require(policy.estimate("y", .ips)?.value.estimate), 3, relativeTolerance: 1e-15)
        expectClose(try #require(policy.estimate("y", .snips)?.value.estimate), 1.8, relativeTolerance: 1e-15)
        expectClose(policy.effectiveSampleSize, 400.0 / 176.0, relativeTolerance: 1e-15)
        expectClose(try #require(policy.estimate("y", .ips)?.differenceFromAllControl?.estimate), 1, relativeTolerance: 1e-15)
        #expect(policy.treatedShare == 0.25 && policy.supportCoverage == 1)
        #expect(evaluation.policy(.logged)?.estimate("y", .observed)?.value.estimate == 2.5)
        // Without replicates there is an estimate and a sentence instead of an interval.
        #expect(policy.estimate("y", .ips)?.value.lower == nil)
        #expect(policy.estimate("y", .ips)?.value.undefinedReason?.contains("no bootstrap replicates") == true)
    }

    @Test("No support: a 0% or 100% rollout gives undefined estimates with a reason, never NaN",
          arguments: [LoggedUnits.Arm.control, .treatment])
    func noSupport(onlyArm: LoggedUnits.Arm) throws {
        var units = OffPolicyGroundTruthTests.rollout(units: 400, seed: 2, shares: [0.5])
        units.arms = Array(repeating: onlyArm, count: units.count)
        for propensity in [PropensitySpecification.estimatedPerStratum,
                           .known(treatment: onlyArm == .treatment ? 1 : 0, control: onlyArm == .control ? 1 : 0)] {
            let evaluation = try Self.evaluateRollout(units, propensity: propensity)
            let threshold = try #require(evaluation.policy(.threshold, threshold: 0.5))
            #expect(threshold.supportCoverage > 0.3 && threshold.supportCoverage < 0.7)
            #expect(threshold.unsupportedUnits > 0)
            for estimator in OffPolicyEstimator.offPolicy {
                let value = try #require(threshold.estimate("value", estimator)?.value)
                #expect(value.estimate == nil && value.lower == nil)
                let reason = try #require(value.undefinedReason)
                #expect(reason.contains(estimator == .directMethod ? "no outcome model" : "no support"), "\(estimator): \(reason)")
            }
            let supported = try #require(evaluation.policy(onlyArm == .control ? .allControl : .allTreatment))
            let unsupported = try #require(evaluation.policy(onlyArm == .control ? .allTreatment : .allControl))
            #expect(supported.supportCoverage == 1 && unsupported.supportCoverage == 0)
            for estimator in OffPolicyEstimator.offPolicy {
                #expect(supported.estimate("value", estimator)?.value.estimate?.isFinite == true, "\(estimator)")
                #expect(supported.estimate("value", estimator)?.value.lower?.isFinite == true, "\(estimator)")
                #expect(unsupported.estimate("value", estimator)?.value.estimate == nil, "\(estimator)")
            }
            if onlyArm == .treatment {
                // The baseline itself is unsupported: every difference says so.
                let difference = try #require(supported.estimate("value", .ips)?.differenceFromAllControl)
                #expect(difference.estimate == nil && difference.undefinedReason?.hasPrefix("all control:") == true)
            }
            #expect(evaluation.warnings.contains { $0.contains("logging propensity 0") })
            // The decile table shows it: every decile lacks one arm.
            #expect(evaluation.deciles.count == 10 && evaluation.deciles.allSatisfy { $0.warning != nil })
            // The results encode as JSON (which rejects NaN) and the report prints no nan.
            _ = try JSONEncoder().encode(evaluation)
            let text = String(decoding: try JSONEncoder().encode(evaluation), as: UTF8.self)
            #expect(!text.lowercased().contains("nan"))
        }
    }

    static func evaluateRollout(_ units: LoggedUnits, propensity: PropensitySpecification) throws -> OffPolicyEvaluation {
        var settings = OffPolicySettings(thresholds: [0.5])
        settings.propensity = propensity
        settings.replicates = 50
        return try OffPolicyEvaluator.evaluate(units, metrics: OffPolicyGroundTruthTests.metrics,
                                               folds: OffPolicyEvaluator.folds(unitCount: units.count, foldCount: 5, seed: 1),
                                               settings: settings)
    }

    @Test("Score deciles count both arms and flag thin ones")
    func deciles() throws {
        var units = OffPolicyGroundTruthTests.rollout(units: 1_000, seed: 4, shares: [0.5])
        // The top decile is (almost) never treated: a model-driven hole in the rollout's support.
        let order = units.scores.indices.sorted { units.scores[$0] < units.scores[$1] }
        for unit in order.suffix(100).dropFirst(5) { units.arms[unit] = .control }
        let evaluation = try Self.evaluateRollout(units, propensity: .estimatedPerStratum)
        #expect(evaluation.deciles.map(\.units) == Array(repeating: 100, count: 10))
        #expect(evaluation.deciles.reduce(0) { $0 + $1.treatment } == units.arms.filter { $0 == .treatment }.count)
        let top = try #require(evaluation.deciles.last)
        #expect(top.treatment <= 5 && top.warning != nil)
        #expect(evaluation.deciles.dropLast().allSatisfy { $0.warning == nil })
        #expect(evaluation.warnings.contains { $0.contains("score deciles with fewer than 30") })
        #expect(evaluation.deciles.first?.minimumScore == units.scores[order[0]])
    }

    @Test("The constant-share test matches scipy's chi2_contingency")
    func homogeneity() throws {
        let reference = try OffPolicyReferenceTests.reference()
        let cases = try #require(reference["homogeneity"] as? [[String: Any]])
        #expect(cases.count == 2)
        for entry in cases {
            let counts = try #require(entry["counts"] as? [[Int]])
            let test = PropensityHomogeneity(counts: counts)
            expectClose(test.chiSquare, try #require(entry["chi_square"] as? Double), relativeTolerance: 1e-12)
            #expect(test.degreesOfFreedom == entry["degrees_of_freedom"] as? Int)
            expectClose(test.pValue, try #require(entry["p_value"] as? Double), relativeTolerance: 1e-9)
        }
        #expect(PropensityHomogeneity(counts: [[10, 5, 0]]).pValue == 1)
    }

    @Test("Model features: matched by name, defaults without history, a clear refusal otherwise")
    func featureMatching() throws {
        let columns = ["unit_id", "unique_features", "active_days", "avg_hour", "avg_day_of_week", "hours_since_last_event",
                       "events_per_day", "count_page_view", "label"]
        let matcher = try ModelFeatureMatcher(
            features: [FeatureColumn(name: "avg_hour", type: .numeric), FeatureColumn(name: "count_purchase", type: .numeric),
                       FeatureColumn(name: "active_days", type: .numeric)],
            builderColumns: columns)
        #expect(matcher.sources == [.column(2), .absentCount, .column(1)])
        #expect(matcher.absentCounts == ["count_purchase"])
        #expect(matcher.values(row: [1, 2, 13.5, 3, 4, 5, 6]) == [13.5, 0, 2])
        let defaults = matcher.values(row: nil)
        #expect(defaults[0].isNaN && defaults[1] == 0 && defaults[2] == 0)
        #expect(throws: OffPolicyError.self) {
            _ = try ModelFeatureMatcher(features: [FeatureColumn(name: "income", type: .numeric)], builderColumns: columns)
        }
        do {
            _ = try ModelFeatureMatcher(features: [FeatureColumn(name: "country", type: .categorical, levels: ["DE", "US"])],
                                        builderColumns: columns)
            Issue.record("a categorical feature must be refused")
        } catch let error as OffPolicyError {
            #expect(error.message.contains("\"country\""))
        }
        do {
            _ = try ModelFeatureMatcher(features: [FeatureColumn(name: "income", type: .numeric)], builderColumns: columns)
        } catch let error as OffPolicyError {
            #expect(error.message.contains("\"income\"") && error.message.contains("cannot produce"))
        }
    }

    @Test("Bad settings are refused with a sentence")
    func badSettings() throws {
        let units = Self.fourUnits()
        var settings = OffPolicySettings(thresholds: [.nan])
        #expect(throws: OffPolicyError.self) {
            _ = try OffPolicyEvaluator.evaluate(units, metrics: [OffPolicyMetric(name: "y", numerator: 0)], folds: [0, 1, 1, 0], settings: settings)
        }
        settings.thresholds = [0.5]
        settings.replicates = 10
        #expect(throws: OffPolicyError.self) {
            _ = try OffPolicyEvaluator.evaluate(units, metrics: [OffPolicyMetric(name: "y", numerator: 0)], folds: [0, 1, 1, 0], settings: settings)
        }
    }

    @Test("Folds are balanced and seeded")
    func folds() {
        let folds = OffPolicyEvaluator.folds(unitCount: 103, foldCount: 5, seed: 9)
        let sizes = (0..<5).map { fold in folds.filter { $0 == fold }.count }
        #expect(sizes.max()! - sizes.min()! <= 1 && sizes.reduce(0, +) == 103)
        #expect(folds == OffPolicyEvaluator.folds(unitCount: 103, foldCount: 5, seed: 9))
        #expect(folds != OffPolicyEvaluator.folds(unitCount: 103, foldCount: 5, seed: 10))
    }
}
