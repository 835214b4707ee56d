/// Everything a `workbench simulate --policy FILE` run needs besides the exports: the analysis
/// spec whose guardrail metrics are watched, how rollout buckets are computed, the look grid,
/// the scenarios and the policies compared.
///
/// Read from YAML by ``SimulationPlan/parse(yaml:file:)``; format in `docs/simulate.md`.
public struct SimulationPlan: Sendable, Equatable {
    /// Path of the analysis spec as written in the file (`spec:`), relative to the policy
    /// file's folder; `nil` when the spec comes from the command line (`--spec`).
    public var specPath: String?
    /// The flag key hashed with each unit id into its rollout bucket; `nil` = the spec's
    /// experiment key.
    public var flagKey: String?
    /// The treatment variant; `nil` = the one variant that is not the spec's control.
    public var treatment: String?
    /// The bucketing hash of the flag service (default sha256-mod100, the reference service).
    public var hash: BucketingHash = .sha256Mod100
    /// Salt for the LaunchDarkly and Eppo hashes.
    public var salt: String?
    /// Hours between guardrail looks (> 0). Default 6.
    public var lookEveryHours: Double = 6
    /// Hours between a stop decision and the rollback taking effect (>= 0); exposure (and
    /// harm) continues meanwhile. Default 1.
    public var rollbackLatencyHours: Double = 1
    /// Rollout start in seconds since the epoch; `nil` = the earliest first exposure, rounded
    /// down to the hour.
    public var startSeconds: Int64?
    /// A/A replicates (>= 1), each with a fresh salt. Default 100.
    public var replicates: Int = 100
    /// Seed of the replicate salts. Default 1.
    public var seed: UInt64 = 1
    /// Regressions injected into the A/A replicates to make bad scenarios.
    public var regressions: [RegressionScenario] = []
    /// The policies compared, at least one, unique names.
    public var policies: [RolloutPolicy]

    public init(policies: [RolloutPolicy]) {
        self.policies = policies
    }
}

/// A harmful change injected into the pseudo-treatment arm of every A/A replicate: a bad scenario.
///
/// The metric's harmful direction decides the engine transform (`InjectedRegression`):
/// a ratio of two counts that must not rise (error rate) gets extra numerator events per
/// denominator event, so the rate is x (1 + change); a sum that must not rise (latency) has
/// its values x (1 + change); a metric that must not fall (conversion, revenue) loses each of
/// its events with probability `change`.
public struct RegressionScenario: Sendable, Equatable {
    /// A guardrail metric of the spec.
    public var metric: String
    /// Relative size of the harm (> 0; at most 1 for metrics that must not fall).
    public var change: Double
    /// Hours after the rollout start when the regression begins (>= 0). Default 0.
    public var onsetHours: Double = 0

    public init(metric: String, change: Double, onsetHours: Double = 0) {
        self.metric = metric
        self.change = change
        self.onsetHours = onsetHours
    }

    /// A label such as `error_rate +10%`.
    public var label: String {
        let percent = change * 100
        let text = percent == percent.rounded() ? String(Int(percent)) : String(percent)
        return "\(metric) +\(text)% harm" + (onsetHours > 0 ? " from \(ReportNumberFormat.setting(onsetHours)) h" : "")
    }
}
