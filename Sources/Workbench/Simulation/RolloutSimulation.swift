import Dispatch
import Synchronization

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
    public let history: GuardrailHistory
    public let schedule: LookSchedule
    public let experiment: String
    /// The flag key hashed into rollout buckets.
    public let flagKey: String
    let replay: StageReplay
    let regressions: [InjectedRegression]

    /// Prepares a simulation of `plan` over `history` looked at on `schedule`.
    ///
    /// - Throws: ``SimulationError`` when a regression names a metric that is not a guardrail
    ///   metric of the history or cannot be injected into it.
    public init(plan: SimulationPlan, history: GuardrailHistory, schedule: LookSchedule, experiment: String, flagKey: String) throws {
        self.plan = plan
        self.history = history
        self.schedule = schedule
        self.experiment = experiment
        self.flagKey = flagKey
        replay = StageReplay(history: history, schedule: schedule)
        regressions = try plan.regressions.enumerated().map { index, scenario in
            try Self.transform(for: scenario, history: history, start: schedule.start, seed: plan.seed &+ UInt64(index) &* 0x51ED)
        }
    }

    /// The engine transform that makes `scenario`'s harm (see ``RegressionScenario``).
    static func transform(for scenario: RegressionScenario, history: GuardrailHistory, start: Int64, seed: UInt64) throws -> InjectedRegression {
        guard let metric = history.metrics.first(where: { $0.name == scenario.metric }) else {
            throw SimulationError("Regression metric \"\(scenario.metric)\" is not a guardrail metric of the spec (\(history.metrics.map(\.name).joined(separator: ", "))); fix `regressions:` in the policy file.")
        }
        let onset = start + Int64((scenario.onsetHours * 3_600_000).rounded())
        let aggregates = history.aggregates
        if metric.direction == .increase {
            guard scenario.change <= 1 else {
                throw SimulationError("Regression of \(scenario.metric) (a metric that must not fall) drops events with probability `change`, so it must be at most 1, got \(scenario.change).")
            }
            let target: Int
            switch metric.shape {
            case .proportion(let a), .mean(let a), .ratio(let a, _): target = aggregates[a].event
            }
            return InjectedRegression(kind: .thinEvents(event: target), size: scenario.change, onset: onset, seed: seed)
        }
        switch metric.shape {
        case .ratio(let numerator, let denominator)
            where aggregates[numerator].function == .count && aggregates[denominator].function == .count
                && aggregates[numerator].event != aggregates[denominator].event:
            // Error rate: extra errors per request so the rate is x (1 + change).
            let event = aggregates[numerator].event, trigger = aggregates[denominator].event
            var events = 0, triggers = 0
            for (index, name) in history.eventIndex.enumerated() where history.arm[Int(history.eventUnit[index])] == 0 {
                if Int(name) == event { events += 1 } else if Int(name) == trigger { triggers += 1 }
            }
            guard triggers > 0 else {
                throw SimulationError("No control \(history.eventNames[trigger]) events to base the \(scenario.metric) regression on.")
            }
            return InjectedRegression(kind: .addEvents(event: event, trigger: trigger, baseRate: Double(events) / Double(triggers)),
                                      size: scenario.change, onset: onset, seed: seed)
        case .ratio(let a, _) where aggregates[a].function == .sum, .mean(let a) where aggregates[a].function == .sum:
            // Latency-like: every value x (1 + change).
            return InjectedRegression(kind: .scaleValues(event: aggregates[a].event), size: scenario.change, onset: onset, seed: seed)
        default:
            throw SimulationError("Cannot inject a regression into \"\(scenario.metric)\": harm that raises it is injected into count ratios (error rate) and sums (latency). Pick such a metric.")
        }
    }

    /// The salt of replicate `index`.
    public func salt(replicate index: Int) -> UInt64 {
        SplitMix64.mix(plan.seed &+ 0x5EED_0000_0000 &+ UInt64(index) &* SplitMix64.increment)
    }

    /// The real rollout bucket of every unit.
    public func realBuckets() -> [UInt8] {
        history.unitIDs.map {
            UInt8(RolloutBucket.bucket(unit: $0, flagKey: flagKey, hash: plan.hash, salt: plan.salt))
        }
    }

    /// Runs every scenario for every policy.
    ///
    /// - Parameters:
    ///   - threads: replicates run on this many threads (>= 1); results do not depend on it,
    ///     since each replicate's outcomes depend only on its salt.
    ///   - progress: called with (done, total) replicates between batches, on the calling thread.
    public func run(threads: Int = 1, progress: ((Int, Int) -> Void)? = nil) -> SimulationResult {
        precondition(threads >= 1, "threads must be at least 1, got \(threads)")
        let latency = Int64((plan.rollbackLatencyHours * 3_600_000).rounded())
        let real = realBuckets()
        let realLayout = StageReplay.BucketLayout(buckets: real)
        let realOutcomes = plan.policies.map {
            replay.run(policy: $0, layout: realLayout, treatedPool: 1, controlPool: 0, regression: nil, rollbackLatency: latency)
        }
        // outcomes[replicate][policy][0] is the A/A run, [1 + r] regression r.
        var outcomes = [[[ReplayOutcome]]](repeating: [], count: plan.replicates)
        let batch = max(1, threads * 4)
        var done = 0
        while done < plan.replicates {
            let range = done..<min(plan.replicates, done + batch)
            let computed = runReplicates(range, threads: threads, latency: latency)
            for (offset, value) in computed.enumerated() { outcomes[range.lowerBound + offset] = value }
            done = range.upperBound
            progress?(done, plan.replicates)
        }
        let good = plan.policies.indices.map { p in outcomes.map { $0[p][0] } }
        let bad = plan.policies.indices.map { p in regressions.indices.map { r in outcomes.map { $0[p][1 + r] } } }
        let policies = plan.policies.enumerated().map { p, policy in
            PolicyResult(
                name: policy.name, stages: policy.stages, dwellHours: policy.dwellHours, minimumExposures: policy.minimumExposures,
                rule: policy.rule.typeName, ruleParameters: policy.rule.parameterText, minimumUnitsPerArm: policy.minimumUnitsPerArm,
                advanceRequiresNonInferiority: policy.advanceRequiresNonInferiority,
                support: support(policy: policy, buckets: real), realHistory: realOutcomes[p],
                good: Self.summarizeGood(good[p]),
                bad: plan.regressions.indices.map { Self.summarizeBad(bad[p][$0], label: plan.regressions[$0].label, unit: harmUnit($0)) })
        }
        let frontier = SimulationSummaries.markDominance(policies.map { policy in
            let exposures = policy.bad.map(\.exposedUnits.mean)
            return FrontierRow(
                policy: policy.name, medianHoursToFullRollout: policy.good.hoursToFullRollout?.median,
                falseStopRate: policy.good.falseStopRate,
                meanExposedUnitsOnBad: exposures.isEmpty ? nil : exposures.reduce(0, +) / Double(exposures.count), dominated: false,
                dominatedBy: [])
        })
        let replayable = history.arm.filter { $0 >= 0 }
        let treatmentUnits = replayable.filter { $0 == 1 }.count
        return SimulationResult(
            experiment: experiment, control: history.controlVariant, treatment: history.treatmentVariant, flagKey: flagKey,
            hash: plan.hash.rawValue, semantics: Self.semantics,
            history: .init(units: replayable.count, treatmentUnits: treatmentUnits, controlUnits: replayable.count - treatmentUnits,
                           treatmentShare: treatmentShare, eventsKept: history.eventCount,
                           windowDays: Double(history.windowMilliseconds) / 86_400_000,
                           start: ISO8601.format(milliseconds: schedule.start), end: ISO8601.format(milliseconds: schedule.end),
                           lookEveryHours: Double(schedule.interval) / 3_600_000, looks: schedule.count),
            settings: .init(replicates: plan.replicates, seed: plan.seed, rollbackLatencyHours: plan.rollbackLatencyHours,
                            regressions: plan.regressions.indices.map { index in
                                let scenario = plan.regressions[index]
                                return .init(label: scenario.label, metric: scenario.metric, change: scenario.change,
                                             onsetHours: scenario.onsetHours, harmUnit: harmUnit(index))
                            }),
            guardrailMetrics: history.metrics.map {
                .init(name: $0.name, direction: $0.direction == .increase ? "increase" : "decrease", margin: $0.margin.value,
                      relativeMargin: $0.margin.scale == .relative)
            },
            policies: policies, frontier: frontier)
    }

    /// The outcomes of replicates `range` ([replicate][policy][scenario]), on up to `threads` threads.
    func runReplicates(_ range: Range<Int>, threads: Int, latency: Int64) -> [[[ReplayOutcome]]] {
        let results = Mutex([[[ReplayOutcome]]](repeating: [], count: range.count))
        let next = Atomic<Int>(0)
        let work = { @Sendable [self] in
            while true {
                let offset = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if offset >= range.count { break }
                let salt = salt(replicate: range.lowerBound + offset)
                let layout = StageReplay.BucketLayout(buckets: history.unitHashes.map { UInt8(RolloutBucket.salted(unitKey: $0, salt: salt)) })
                let perPolicy = plan.policies.map { policy in
                    [replay.run(policy: policy, layout: layout, treatedPool: 0, controlPool: 0, regression: nil, rollbackLatency: latency)]
                        + regressions.map {
                            replay.run(policy: policy, layout: layout, treatedPool: 0, controlPool: 0, regression: $0, rollbackLatency: latency)
                        }
                }
                results.withLock { $0[offset] = perPolicy }
            }
        }
        if threads <= 1 || range.count <= 1 {
            work()
        } else {
            DispatchQueue.concurrentPerform(iterations: min(threads, range.count)) { _ in work() }
        }
        return results.withLock { $0 }
    }

    /// Share of replayable units the history treated.
    var treatmentShare: Double {
        let replayable = history.arm.filter { $0 >= 0 }
        return replayable.isEmpty ? 0 : Double(replayable.filter { $0 == 1 }.count) / Double(replayable.count)
    }

    /// What regression `index`'s harm counts, in words.
    func harmUnit(_ index: Int) -> String {
        let names = history.eventNames
        switch regressions[index].kind {
        case let .scaleValues(event): return "extra \(names[event]) value"
        case let .addEvents(event, _, _): return "extra \(names[event]) events"
        case let .thinEvents(event): return "lost \(names[event]) events"
        }
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
        let historyHours = Double(schedule.end - schedule.start) / 3_600_000
        let share = treatmentShare
        var earliest = 0.0
        return policy.stages.dropLast().enumerated().map { index, stage in
            earliest += policy.dwellHours[index]
            var units = 0, treated = 0
            for (unit, bucket) in buckets.enumerated() where Double(bucket) < stage && history.arm[unit] >= 0 {
                units += 1
                treated += Int(history.arm[unit])
            }
            var reasons: [String] = []
            if units < policy.minimumExposures[index] {
                reasons.append("needs \(policy.minimumExposures[index]) exposures but the whole history has only \(units) units in buckets below \(stage)")
            }
            // Slack of one bucket or three binomial standard errors, so a 50/50 history that
            // happens to treat 48.4 % of 5,000 units still supports a 50 % stage.
            let slack = max(1, 300 * (share * (1 - share) / Double(max(1, history.arm.filter { $0 >= 0 }.count))).squareRoot())
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

    static func summarizeBad(_ outcomes: [ReplayOutcome], label: String, unit: String) -> BadScenarioSummary {
        let stops = outcomes.filter { $0.stopHours != nil }.count
        let interval = outcomes.isEmpty ? (0.0, 1.0) : SimulationSummaries.clopperPearson(successes: stops, trials: outcomes.count)
        let empty = Distribution(count: 0, mean: 0, median: 0, p10: 0, p90: 0, minimum: 0, maximum: 0)
        return BadScenarioSummary(
            regression: label, replicates: outcomes.count, stops: stops,
            detectionRate: outcomes.isEmpty ? 0 : Double(stops) / Double(outcomes.count), detectionInterval: [interval.0, interval.1],
            missed: outcomes.filter { $0.fullRolloutHours != nil && $0.stopHours == nil }.count,
            hoursToStop: SimulationSummaries.distribution(outcomes.compactMap(\.stopHours)),
            exposedUnits: SimulationSummaries.distribution(outcomes.map { Double($0.exposedUnits) }) ?? empty,
            harm: SimulationSummaries.distribution(outcomes.map { $0.harm ?? 0 }) ?? empty, harmUnit: unit)
    }
}
