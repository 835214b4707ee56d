/// One staged rollout policy: the stages, how long and how much each must run, the guardrail
/// rule that stops it, and what it takes to advance.
///
/// Read from a policy file by ``SimulationPlan/parse(yaml:file:)`` (format in `docs/simulate.md`).
public struct RolloutPolicy: Sendable, Equatable {
    /// The name shown in the frontier table; unique within a plan.
    public var name: String
    /// Rollout percentages in (0, 100], strictly increasing, the last one 100.
    public var stages: [Double]
    /// Minimum time in hours each stage before the last runs before it may advance (>= 0),
    /// one per stage before the last.
    public var dwellHours: [Double]
    /// Minimum number of units exposed to the treatment (cumulative over the stages so far,
    /// all historical arms) before each stage before the last may advance (>= 0), one per
    /// stage before the last.
    public var minimumExposures: [Int]
    /// The guardrail rule evaluated at every look.
    public var rule: GuardrailRuleSetting
    /// The rule is consulted only at looks where both arms have at least this many units
    /// (>= 2); before that there is no alarm and no non-inferiority. Default 100: with a
    /// handful of treated units the delta-method standard errors behind the interval rules
    /// are far too small on heavy-tailed metrics (latency), and A/A replays stopped ~9 % of
    /// good rollouts at the 1 % stage on 4-18 treated units.
    public var minimumUnitsPerArm: Int
    /// Whether advancing also needs every guardrail metric shown non-inferior (its margin from
    /// the analysis spec) by an always-valid confidence sequence at the rule's alpha.
    public var advanceRequiresNonInferiority: Bool

    public init(
        name: String, stages: [Double], dwellHours: [Double], minimumExposures: [Int],
        rule: GuardrailRuleSetting = .sequential(alpha: 0.05, tuning: 5000, threshold: .margin), minimumUnitsPerArm: Int = 100,
        advanceRequiresNonInferiority: Bool = false
    ) {
        self.name = name
        self.stages = stages
        self.dwellHours = dwellHours
        self.minimumExposures = minimumExposures
        self.rule = rule
        self.minimumUnitsPerArm = minimumUnitsPerArm
        self.advanceRequiresNonInferiority = advanceRequiresNonInferiority
    }

    /// The largest stage before full rollout (0 when the policy goes straight to 100 %).
    ///
    /// Control units whose rollout bucket is at or above it are never enabled before full
    /// rollout, so they form the replay's control arm.
    public var largestPartialStage: Double { stages.dropLast().last ?? 0 }

    /// Shortest possible time to full rollout in hours: the sum of the dwell times.
    public var minimumHoursToFullRollout: Double { dwellHours.reduce(0, +) }
}
