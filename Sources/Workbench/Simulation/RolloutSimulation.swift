/// Simulates staged rollout policies on a history: the real history, A/A replicates and
/// injected regressions, summarised per policy and as a frontier.
///
/// Scenarios (details in `docs/simulate.md`):
/// * real history: real rollout buckets (the plan's hash of unit id and flag key), the
///   historical treatment units as the treated pool;
/// * A/A replicate i: the historical control units only, re-hashed with a fresh salt into
///   pseudo-buckets; no true effect, so a stop is a false stop;
/// * bad scenario (replicate i, regression j): replicate i with regression j injected into
///   its pseudo-treatment arm; the harm is counted over every exposed unit.
/// Every policy sees the same salts (common random numbers), so their differences are not
/// replicate noise. Cost: O(replicates x (1 + regressions) x policies x (units + events)).
public struct RolloutSimulation: Sendable {
    public let plan: SimulationPlan
    public let history: RolloutHistory
    public let experiment: String
    public let control: String
    public let treatment: String
    public let flagKey: String
    let replay: StageReplay
    let regressions: [StageReplay.ResolvedRegression]

    /// Prepares a simulation; names are reported only.
    ///
    /// - Throws: ``SimulationError`` when a regression names a metric that is not a watched
    ///   mean or ratio guardrail metric.
    public init(plan: SimulationPlan, history: RolloutHistory, experiment: String, control: String, treatment: String,
                flagKey: String) throws {
        self.plan = plan
        self.history = history
        self.experiment = experiment
        self.control = control
        self.treatment = treatment
        self.flagKey = flagKey
        replay = StageReplay(history: history)
        regressions = try plan.regressions.map { regression in
            guard let metric = history.metrics.first(where: { $0.name == regression.metric }) else {
                throw SimulationError("Regression metric \"\(regression.metric)\" is not a guardrail metric of the spec (\(history.metrics.map(\.name).joined(separator: ", "))); fix `regressions:`.")
            }
            if case .proportion = metric.shape {
                throw SimulationError("Regression metric \"\(regression.metric)\" is a proportion; injected regressions scale a mean or a ratio's numerator. Inject into a mean or ratio metric.")
            }
            let onsetLook = Int((regression.onsetHours * 3600 / Double(history.lookSeconds)).rounded(.up)) + 1
            return StageReplay.ResolvedRegression(slot: metric.shape.numeratorSlot, factor: 1 + regression.change, onsetLook: onsetLook)
        }
    }

    /// The salt of replicate `index` (SplitMix64 stream of the plan's seed).
    public func salt(replicate index: Int) -> UInt64 {
        var generator = SplitMix64(seed: plan.seed &+ 0x5EED_0000 &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
        return generator.next()
    }

    /// The real rollout bucket of every unit.
    public func realBuckets() -> [UInt8] {
        history.unitNames.map {
            UInt8(RolloutBucket.bucket(unit: $0, flagKey: flagKey, hash: plan.hash, salt: plan.salt))
        }
    }

    /// Runs every scenario for every policy.
    ///
    /// - Parameter progress: called after each replicate with (done, total), on the calling thread.
    public func run(progress: ((Int, Int) -> Void)? = nil) -> SimulationResult {
        let latency = Int64((plan.rollbackLatencyHours * 3600).rounded())
        let real = realBuckets()
        let realLayout = StageReplay.BucketLayout(buckets: real)
        let realOutcomes = plan.policies.map {
            replay.run(policy: $0, layout: realLayout, treatedPool: 1, controlPool: 0, regression: nil, rollbackLatencySeconds: latency)
        }
        var good = Array(repeating: [ReplayOutcome](), count: plan.policies.count)
        var bad = Array(repeating: Array(repeating: [ReplayOutcome](), count: regressions.count), count: plan.policies.count)
        let keys = history.unitNames.map(RolloutBucket.unitKey)
        for replicate in 0..<plan.replicates {
            let salt = salt(replicate: replicate)
            let layout = StageReplay.BucketLayout(buckets: keys.map { UInt8(RolloutBucket.salted(unitKey: $0, salt: salt)) })
            for (p, policy) in plan.policies.enumerated() {
                good[p].append(replay.run(policy: policy, layout: layout, treatedPool: 0, controlPool: 0, regression: nil,
                                          rollbackLatencySeconds: latency))
                for (r, regression) in regressions.enumerated() {
                    bad[p][r].append(replay.run(policy: policy, layout: layout, treatedPool: 0, controlPool: 0,
                                                regression: regression, rollbackLatencySeconds: latency))
                }
            }
            progress?(replicate + 1, plan.replicates)
        }
        let policies = plan.policies.enumerated().map { p, policy in
            PolicyResult(
                name: policy.name, stages: policy.stages, dwellHours: policy.dwellHours, minimumExposures: policy.minimumExposures,
                rule: policy.rule.typeName, ruleParameters: policy.rule.parameterText,
                advanceRequiresNonInferiority: policy.advanceRequiresNonInferiority,
                support: support(policy: policy, buckets: real), realHistory: realOutcomes[p],
                good: Self.summarizeGood(good[p]),
                bad: plan.regressions.indices.map { Self.summarizeBad(bad[p][$0], label: plan.regressions[$0].label) })
        }
        let frontier = SimulationSummaries.markDominance(policies.map { policy in
            let harms = policy.bad.map(\.exposedUnits.mean)
            return FrontierRow(
                policy: policy.name, medianHoursToFullRollout: policy.good.hoursToFullRollout?.median,
                falseStopRate: policy.good.falseStopRate,
                meanExposedUnitsOnBad: harms.isEmpty ? nil : harms.reduce(0, +) / Double(harms.count), dominated: false, dominatedBy: [])
        })
        let treatmentUnits = history.arms.reduce(0) { $0 + Int($1) }
        return SimulationResult(
            experiment: experiment, control: control, treatment: treatment, flagKey: flagKey, hash: plan.hash.rawValue,
            semantics: Self.semantics,
            history: .init(units: history.unitCount, treatmentUnits: treatmentUnits, controlUnits: history.unitCount - treatmentUnits,
                           treatmentShare: history.treatmentShare, eventsKept: history.eventCount,
                           start: ISO8601.format(milliseconds: history.startSeconds * 1000),
                           end: ISO8601.format(milliseconds: history.endSeconds * 1000),
                           lookEveryHours: Double(history.lookSeconds) / 3600, looks: history.lookCount),
            settings: .init(replicates: plan.replicates, seed: plan.seed, rollbackLatencyHours: plan.rollbackLatencyHours,
                            regressions: plan.regressions.map { .init(label: $0.label, metric: $0.metric, change: $0.change, onsetHours: $0.onsetHours) }),
            guardrailMetrics: history.metrics.map {
                .init(name: $0.name, direction: $0.increaseIsGood ? "increase" : "decrease", margin: $0.margin, relativeMargin: $0.relativeMargin)
            },
            policies: policies, frontier: frontier)
    }

    /// The replay semantics, for the report.
    public static let semantics = """
        Assignments are sticky hashes: a stage at r % replays exactly the units whose rollout bucket (0-99, the \
        flag service's hash of unit id and flag key) is below r, and each unit enters the treatment at the later of \
        the time its bucket is enabled and its first exposure. The guardrail compares the enabled units of the \
        treated pool (real history: historical treatment units; A/A replicates: historical control units re-hashed \
        with a fresh salt) with the control-pool units whose bucket is at or above the policy's largest partial \
        stage. Exposure counts and harm include every enabled, exposed unit.
        """

    /// Whether the history supports each stage before the last.
    func support(policy: RolloutPolicy, buckets: [UInt8]) -> [StageSupport] {
        let historyHours = Double(history.endSeconds - history.startSeconds) / 3600
        let share = history.treatmentShare
        var earliest = 0.0
        return policy.stages.dropLast().enumerated().map { index, stage in
            earliest += policy.dwellHours[index]
            var units = 0, treated = 0
            for (unit, bucket) in buckets.enumerated() where Double(bucket) < stage {
                units += 1
                treated += Int(history.arms[unit])
            }
            var reasons: [String] = []
            if units < policy.minimumExposures[index] {
                reasons.append("needs \(policy.minimumExposures[index]) exposures but the whole history has only \(units) units in buckets below \(stage)")
            }
            // Slack of one bucket or two binomial standard errors, so a 50/50 history that
            // happens to treat 49.4 % still supports a 50 % stage.
            let slack = max(1, 200 * (share * (1 - share) / Double(max(1, history.unitCount))).squareRoot())
            if stage > share * 100 + slack {
                reasons.append("the stage treats \(stage)% but the history treated only \(String(format: "%.1f", share * 100))% of units, so outcomes are observed for only part of the stage")
            }
            if earliest > historyHours {
                reasons.append("its dwell times add up to \(earliest) h but the history spans \(String(format: "%.1f", historyHours)) h")
            }
            return StageSupport(
                percentage: stage, unitsInHistory: units, observedTreatedUnits: treated,
                observedShare: units > 0 ? Double(treated) / Double(units) : 0, minimumExposures: policy.minimumExposures[index],
                earliestEndHours: earliest, supported: reasons.isEmpty, reasons: reasons)
        }
    }

    static func summarizeGood(_ outcomes: [ReplayOutcome]) -> GoodScenarioSummary {
        let stops = outcomes.filter { $0.stopHours != nil }.count
        let interval = outcomes.isEmpty ? (0.0, 1.0) : SimulationSummaries.clopperPearson(successes: stops, trials: outcomes.count)
        return GoodScenarioSummary(
            replicates: outcomes.count, fullRollouts: outcomes.filter { $0.fullRolloutHours != nil }.count, falseStops: stops,
            censored: outcomes.filter(\.censored).count,
            hoursToFullRollout: SimulationSummaries.distribution(outcomes.compactMap(\.fullRolloutHours)),
            falseStopRate: outcomes.isEmpty ? 0 : Double(stops) / Double(outcomes.count), falseStopInterval: [interval.0, interval.1])
    }

    static func summarizeBad(_ outcomes: [ReplayOutcome], label: String) -> BadScenarioSummary {
        let stops = outcomes.filter { $0.stopHours != nil }.count
        let interval = outcomes.isEmpty ? (0.0, 1.0) : SimulationSummaries.clopperPearson(successes: stops, trials: outcomes.count)
        let empty = Distribution(count: 0, mean: 0, median: 0, p10: 0, p90: 0, minimum: 0, maximum: 0)
        return BadScenarioSummary(
            regression: label, replicates: outcomes.count, stops: stops,
            detectionRate: outcomes.isEmpty ? 0 : Double(stops) / Double(outcomes.count), detectionInterval: [interval.0, interval.1],
            missed: outcomes.filter { $0.fullRolloutHours != nil && $0.stopHours == nil }.count,
            hoursToStop: SimulationSummaries.distribution(outcomes.compactMap(\.stopHours)),
            exposedUnits: SimulationSummaries.distribution(outcomes.map { Double($0.exposedUnits) }) ?? empty,
            extraEvents: SimulationSummaries.distribution(outcomes.map { $0.extraEvents ?? 0 }) ?? empty)
    }
}
