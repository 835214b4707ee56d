/// The logged data of an off-policy evaluation: one entry per analysed unit.
///
/// Every array has one value per unit, in the same order. The arm is what the logging policy
/// (the rollout) gave the unit; the score is the target model's probability for the unit; the
/// stratum groups units whose logging propensities are equal (e.g. the UTC day of first
/// exposure when the rollout share changed over time); covariates feed the direct method's
/// outcome models; rewards are the per-unit metric variables (one array per variable).
public struct LoggedUnits: Sendable, Equatable {
    /// The logged arm of a unit.
    public enum Arm: UInt8, Sendable, Equatable, Codable {
        /// The control variant (the target policy's "disabled").
        case control
        /// The treatment variant (the target policy's "enabled").
        case treatment
        /// Another variant of a multi-variant experiment: counted in every mean, never matched by
        /// a target action (its importance weight is 0 under every policy evaluated here).
        case other
    }

    /// Logged arm per unit.
    public var arms: [Arm]
    /// Target-model score per unit (finite; a probability for registry models).
    public var scores: [Double]
    /// Propensity stratum per unit, in `0 ..< strataLabels.count`.
    public var strata: [Int]
    /// A name per stratum (e.g. `2026-01-05`), in stratum order.
    public var strataLabels: [String]
    /// Covariate columns for the outcome models, each one value per unit (NaN = missing).
    public var covariates: [[Double]]
    /// Covariate names, one per column.
    public var covariateNames: [String]
    /// Reward variables, each one value per unit (finite).
    public var rewards: [[Double]]
    /// Reward variable names, one per variable.
    public var rewardNames: [String]

    /// Creates the logged data; the sizes are checked with preconditions (programmer errors).
    public init(
        arms: [Arm], scores: [Double], strata: [Int], strataLabels: [String], covariates: [[Double]],
        covariateNames: [String], rewards: [[Double]], rewardNames: [String]
    ) {
        let count = arms.count
        precondition(scores.count == count && strata.count == count,
                     "\(count) arms but \(scores.count) scores and \(strata.count) strata")
        precondition(covariates.allSatisfy { $0.count == count } && rewards.allSatisfy { $0.count == count },
                     "every covariate and reward column needs \(count) values")
        precondition(covariates.count == covariateNames.count && rewards.count == rewardNames.count,
                     "\(covariates.count) covariates / \(covariateNames.count) names, \(rewards.count) rewards / \(rewardNames.count) names")
        precondition(strata.allSatisfy { $0 >= 0 && $0 < strataLabels.count },
                     "strata must lie in 0..<\(strataLabels.count)")
        self.arms = arms
        self.scores = scores
        self.strata = strata
        self.strataLabels = strataLabels
        self.covariates = covariates
        self.covariateNames = covariateNames
        self.rewards = rewards
        self.rewardNames = rewardNames
    }

    /// Number of units.
    public var count: Int { arms.count }
}

extension LoggedUnits {
    /// The same units in the order `order` (a permutation of `0 ..< count`). O(units x columns).
    func reordered(_ order: [Int]) -> LoggedUnits {
        precondition(order.count == count, "a permutation of \(count) units has \(order.count) entries")
        return LoggedUnits(
            arms: order.map { arms[$0] }, scores: order.map { scores[$0] }, strata: order.map { strata[$0] },
            strataLabels: strataLabels, covariates: covariates.map { column in order.map { column[$0] } },
            covariateNames: covariateNames, rewards: rewards.map { column in order.map { column[$0] } }, rewardNames: rewardNames)
    }
}
