import Foundation
import Stats
import Testing
@testable import Workbench

/// Synthetic logged rollouts whose target-policy values are known in closed form: the
/// estimators must recover them within their bootstrap intervals.
@Suite("Off-policy ground truth")
struct OffPolicyGroundTruthTests {
    /// A standard normal draw (Box-Muller) from the seeded generator.
    static func normal(_ generator: inout Stats.SplitMix64) -> Double {
        let u = max(generator.nextUniform(), 1e-300)
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * generator.nextUniform())
    }

    /// n units, x ~ N(0, 1), score = logistic(x), treatment with probability `share(stratum)`.
    /// Rewards: y = 1 + 0.5 x + [T] x + N(0, 1) (so treating exactly the units with x >= c is
    /// worth 1 + phi(c)), and a 0/1 conversion with P = 0.2 + [T] (0.1 [x >= 0] - 0.05 [x < 0])
    /// (worth 0.25 for "treat x >= 0", 0.2 for all control, 0.225 for all treatment).
    static func rollout(units n: Int, seed: UInt64, shares: [Double]) -> LoggedUnits {
        var generator = Stats.SplitMix64(seed: seed)
        var arms: [LoggedUnits.Arm] = []
        var scores: [Double] = []
        var strata: [Int] = []
        var xs: [Double] = []
        var values: [Double] = []
        var conversions: [Double] = []
        for unit in 0..<n {
            let stratum = unit % shares.count
            let x = normal(&generator)
            let treated = generator.nextUniform() < shares[stratum]
            let value = 1 + 0.5 * x + (treated ? x : 0) + normal(&generator)
            let probability = 0.2 + (treated ? (x >= 0 ? 0.1 : -0.05) : 0)
            arms.append(treated ? .treatment : .control)
            scores.append(1 / (1 + exp(-x)))
            strata.append(stratum)
            xs.append(x)
            values.append(value)
            conversions.append(generator.nextUniform() < probability ? 1 : 0)
        }
        return LoggedUnits(arms: arms, scores: scores, strata: strata, strataLabels: shares.indices.map { "day \($0)" },
                           covariates: [xs], covariateNames: ["x"], rewards: [values, conversions], rewardNames: ["value", "conversion"])
    }

    static let metrics = [OffPolicyMetric(name: "value", numerator: 0), OffPolicyMetric(name: "conversion", numerator: 1, isGuardrail: true)]
    /// phi(0) and phi(1): the standard normal density.
    static let densityAtZero = 1 / (2 * Double.pi).squareRoot()
    static let densityAtOne = exp(-0.5) / (2 * Double.pi).squareRoot()

    /// The estimate is within 4 bootstrap standard errors of the truth (a check that many
    /// estimates can pass together; a 95% interval misses 1 in 20 by design).
    static func expectNear(_ interval: EstimateInterval?, _ truth: Double, _ label: String) {
        guard let interval, let estimate = interval.estimate, let error = interval.standardError else {
            Issue.record("\(label): no estimate (\(interval?.undefinedReason ?? "missing"))")
            return
        }
        #expect(abs(estimate - truth) <= 4 * error, "\(label): \(estimate) is \(abs(estimate - truth) / error) standard errors from \(truth)")
    }

    /// The percentile interval covers the truth.
    static func expectCovers(_ interval: EstimateInterval?, _ truth: Double, _ label: String) {
        guard let interval, let lower = interval.lower, let upper = interval.upper else {
            Issue.record("\(label): no interval (\(interval?.undefinedReason ?? "missing"))")
            return
        }
        #expect(lower <= truth && truth <= upper, "\(label): truth \(truth) outside [\(lower), \(upper)]")
    }

    @Test("IPS, SNIPS and DR intervals cover the true values of threshold and baseline policies",
          arguments: [PropensitySpecification.known(treatment: 0.3, control: 0.7), .estimatedPerStratum])
    func recoversTruth(propensity: PropensitySpecification) throws {
        let units = Self.rollout(units: 4_000, seed: 11, shares: [0.3])
        var settings = OffPolicySettings(thresholds: [0.5, 1 / (1 + exp(-1.0))])
        settings.propensity = propensity
        settings.replicates = 100
        settings.seed = 3
        let evaluation = try OffPolicyEvaluator.evaluate(
            units, metrics: Self.metrics, folds: OffPolicyEvaluator.folds(unitCount: units.count, foldCount: 5, seed: 1), settings: settings)
        let half = try #require(evaluation.policy(.threshold, threshold: 0.5))
        let upper = try #require(evaluation.policy(.threshold, threshold: 1 / (1 + exp(-1.0))))
        let control = try #require(evaluation.policy(.allControl))
        let treatment = try #require(evaluation.policy(.allTreatment))
        for estimator in [OffPolicyEstimator.ips, .snips, .doublyRobust] {
            // The headline: the 95% intervals of the target policy cover its true value.
            Self.expectCovers(half.estimate("value", estimator)?.value, 1 + Self.densityAtZero, "score >= 0.5 value \(estimator)")
            Self.expectCovers(half.estimate("value", estimator)?.differenceFromAllControl, Self.densityAtZero, "score >= 0.5 lift \(estimator)")
            Self.expectNear(upper.estimate("value", estimator)?.value, 1 + Self.densityAtOne, "x >= 1 value \(estimator)")
            Self.expectNear(control.estimate("value", estimator)?.value, 1, "all control value \(estimator)")
            Self.expectNear(treatment.estimate("value", estimator)?.value, 1, "all treatment value \(estimator)")
            Self.expectNear(half.estimate("conversion", estimator)?.value, 0.25, "score >= 0.5 conversion \(estimator)")
            Self.expectNear(half.estimate("conversion", estimator)?.differenceFromAllControl, 0.05, "score >= 0.5 conversion lift \(estimator)")
            Self.expectNear(treatment.estimate("conversion", estimator)?.value, 0.225, "all treatment conversion \(estimator)")
            Self.expectNear(control.estimate("conversion", estimator)?.value, 0.2, "all control conversion \(estimator)")
        }
        // The outcome model is right for `value` (linear in x per arm), so DM covers it too, and
        // DR is far tighter than IPS there.
        Self.expectNear(half.estimate("value", .directMethod)?.value, 1 + Self.densityAtZero, "score >= 0.5 value DM")
        let ipsWidth = try #require(half.estimate("value", .ips)?.value).upper! - half.estimate("value", .ips)!.value.lower!
        let drWidth = try #require(half.estimate("value", .doublyRobust)?.value).upper! - half.estimate("value", .doublyRobust)!.value.lower!
        #expect(drWidth < 0.8 * ipsWidth, "DR width \(drWidth) vs IPS width \(ipsWidth)")
        // Treated share about 1/2, coverage full, ESS near n x p for the constant-share case.
        #expect(abs(half.treatedShare - 0.5) < 0.02)
        #expect(half.supportCoverage == 1 && half.unsupportedUnits == 0)
    }

    @Test("A share that changed over time: per-stratum propensities recover the truth, a pooled share does not")
    func changingShare() throws {
        // Day 0 rolls out to 10%, day 1 to 60%; the reward level differs by day, so pooling the
        // share misweights the days.
        var units = Self.rollout(units: 6_000, seed: 5, shares: [0.1, 0.6])
        for unit in 0..<units.count where units.strata[unit] == 1 { units.rewards[0][unit] += 10 }
        var settings = OffPolicySettings(thresholds: [0.5])
        settings.replicates = 50
        let folds = OffPolicyEvaluator.folds(unitCount: units.count, foldCount: 5, seed: 1)
        let truth = 1 + Self.densityAtZero + 5  // half the units get +10
        let perDay = try OffPolicyEvaluator.evaluate(units, metrics: Self.metrics, folds: folds, settings: settings)
        Self.expectNear(perDay.policy(.threshold, threshold: 0.5)?.estimate("value", .ips)?.value, truth, "per-day IPS")
        Self.expectNear(perDay.policy(.threshold, threshold: 0.5)?.estimate("value", .doublyRobust)?.value, truth, "per-day DR")
        var pooledUnits = units
        pooledUnits.strata = Array(repeating: 0, count: units.count)
        pooledUnits.strataLabels = ["all"]
        let pooled = try OffPolicyEvaluator.evaluate(pooledUnits, metrics: Self.metrics, folds: folds, settings: settings)
        let biased = try #require(pooled.policy(.threshold, threshold: 0.5)?.estimate("value", .ips)?.value)
        // What pooled IPS converges to: (1/2) sum over days of p_d / p E[y_T; x >= 0] +
        // (1 - p_d) / (1 - p) E[y_C; x < 0], with p = 0.35 and day levels 1 and 11.
        let pooledShare = 0.35
        var pooledLimit = 0.0
        for (share, level) in [(0.1, 1.0), (0.6, 11.0)] {
            pooledLimit += 0.5 * (share / pooledShare * (level / 2 + 1.5 * Self.densityAtZero)
                + (1 - share) / (1 - pooledShare) * (level / 2 - 0.5 * Self.densityAtZero))
        }
        let error = try #require(biased.standardError)
        Self.expectNear(biased, pooledLimit, "pooled IPS converges to the misweighted value")
        #expect(abs(pooledLimit - truth) > 4 * error, "the scenario must separate the two: \(pooledLimit) vs \(truth), SE \(error)")
        #expect(perDay.propensityStrata.count == 2)
        #expect(abs(perDay.propensityStrata[0].treatmentPropensity - 0.1) < 0.03)
        #expect(abs(perDay.propensityStrata[1].treatmentPropensity - 0.6) < 0.03)
    }
}
