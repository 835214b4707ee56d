import Stats

/// `workbench backtest`: replays an experiment's guardrail history under every rule of the
/// spec's `backtest:` section -- the real history, A/A replays and injected regressions.
///
/// Replays (`RolloutReplayer`): 1 real + `replicates` A/A + sizes x regressions x
/// `power_replicates` power replays, each one sweep over the guardrail events with every
/// rule evaluated at every look. A/A replays split the control units with a fresh salt per
/// replicate (`AAReplayAssignment`); power replay p reuses A/A replicate p's split and injects
/// the regression into its pseudo-treatment arm (common random numbers across sizes, so the
/// curve is smooth and the comparison between rules is paired). Single-threaded (the project
/// machine has 2 shared cores). Deterministic for a given history, spec and seed.
public struct BacktestJob: Sendable {
    public let spec: ExperimentSpec
    public let settings: BacktestSettings

    /// - Throws: `RolloutError` when the spec has no `backtest:` section.
    public init(spec: ExperimentSpec) throws {
        guard let settings = spec.backtest else {
            throw RolloutError("the spec for \"\(spec.experiment)\" has no `backtest:` section; add one (docs/backtest.md)")
        }
        self.spec = spec
        self.settings = settings
    }

    /// Loads the export and runs the backtest.
    public func run(source: ExportSource, options: ReadOptions, progress: ProgressBar? = nil) throws -> BacktestResult {
        let history = try GuardrailHistory.load(
            source: source, experiment: spec.experiment, control: spec.control, treatment: settings.treatment,
            metrics: spec.metrics, windowDays: spec.windowDays, options: options, progress: progress)
        return try run(history: history, progress: progress)
    }

    /// The look schedule for `history`: the spec's start or the earliest exposure floored to
    /// the interval; the spec's horizon or up to the end of the last unit's window.
    public func schedule(for history: GuardrailHistory) throws -> LookSchedule {
        guard let earliest = history.earliestExposure, let latest = history.latestWindowEnd else {
            throw RolloutError("experiment \"\(spec.experiment)\" has no exposed units to replay")
        }
        let start = settings.start ?? LookSchedule.aligned(earliest, to: settings.interval)
        let horizon = settings.horizon ?? max(settings.interval, latest - start)
        let schedule = LookSchedule(start: start, interval: settings.interval, horizon: horizon)
        guard schedule.count <= 100_000 else {
            throw RolloutError("the backtest would have \(schedule.count) looks; use a longer `interval` or a shorter `horizon`")
        }
        return schedule
    }

    /// Runs the backtest on a loaded history.
    public func run(history: GuardrailHistory, progress: ProgressBar? = nil) throws -> BacktestResult {
        let schedule = try schedule(for: history)
        let replayer = RolloutReplayer(history: history, schedule: schedule)
        let prototypes = settings.rules.map { BacktestRuleFactory.rule($0, alpha: spec.alpha) }
        let controlUnits = history.arm.filter { $0 == 0 }.count
        let treatmentUnits = history.arm.filter { $0 == 1 }.count
        guard controlUnits >= 2 else {
            throw RolloutError("experiment \"\(spec.experiment)\" has \(controlUnits) control units; A/A replays need at least 2")
        }
        let onset = schedule.start + settings.onset
        var notes: [String] = []
        if treatmentUnits == 0 { notes.append("the treatment arm is empty: no rule can alarm on the real history") }
        if let latest = history.latestWindowEnd, schedule.end < latest {
            notes.append("the horizon ends before the last unit's window (\(ISO8601.format(milliseconds: latest))): later data is not replayed")
        }
        let injections = try regressionKinds(history: history)

        // Real history.
        let real = runReplay(replayer: replayer, prototypes: prototypes, assignment: history.arm, transform: nil, stopEarly: false)
        var ruleResults: [BacktestResult.RuleResult] = []
        for (index, rule) in settings.rules.enumerated() {
            ruleResults.append(BacktestResult.RuleResult(
                name: rule.name, type: BacktestRuleFactory.typeName(rule.kind),
                parameters: BacktestRuleFactory.describe(rule, alpha: spec.alpha),
                realHistory: realHistory(rule: index, replay: real, replayer: replayer, onset: onset),
                falseAlarms: BacktestResult.FalseAlarms(familyWise: BacktestResult.Rate(alarms: 0, replicates: 0), perMetric: []),
                power: []))
        }

        // A/A replays.
        let metricCount = history.metrics.count
        var familyAlarms = Array(repeating: 0, count: prototypes.count)
        var metricAlarms = Array(repeating: Array(repeating: 0, count: metricCount), count: prototypes.count)
        for replicate in 0..<settings.replicates {
            progress?.update(label: "A/A replays", done: replicate, total: settings.replicates, bytes: false)
            let assignment = AAReplayAssignment.assignment(history: history, schedule: schedule, salt: salt(replicate))
            let outcome = runReplay(replayer: replayer, prototypes: prototypes, assignment: assignment, transform: nil, stopEarly: false)
            for rule in prototypes.indices {
                if outcome.firstAlarm[rule] != nil { familyAlarms[rule] += 1 }
                for metric in 0..<metricCount where outcome.everAlarmed[rule][metric] { metricAlarms[rule][metric] += 1 }
            }
        }
        progress?.finish()
        for rule in prototypes.indices {
            ruleResults[rule].falseAlarms = BacktestResult.FalseAlarms(
                familyWise: BacktestResult.Rate(alarms: familyAlarms[rule], replicates: settings.replicates),
                perMetric: history.metrics.indices.map { metric in
                    BacktestResult.MetricRate(
                        metric: history.metrics[metric].name,
                        rate: BacktestResult.Rate(alarms: metricAlarms[rule][metric], replicates: settings.replicates))
                })
        }

        // Injected regressions.
        let powerReplicates = settings.powerReplicates ?? settings.replicates
        let totalPowerReplays = injections.count * settings.regressionSizes.count * powerReplicates
        var done = 0
        for (regressionIndex, injection) in injections.enumerated() {
            var points = Array(repeating: [BacktestResult.PowerPoint](), count: prototypes.count)
            for size in settings.regressionSizes {
                var detected = Array(repeating: 0, count: prototypes.count)
                var before = detected
                var delays = Array(repeating: 0.0, count: prototypes.count)
                var exposed = delays
                for replicate in 0..<powerReplicates {
                    progress?.update(label: "power replays (\(injection.name))", done: done, total: totalPowerReplays, bytes: false)
                    done += 1
                    let assignment = AAReplayAssignment.assignment(history: history, schedule: schedule, salt: salt(replicate))
                    let regression = InjectedRegression(
                        kind: injection.kind, size: size, onset: onset,
                        seed: SplitMix64.mix(settings.seed ^ SplitMix64.mix(UInt64(replicate) &+ 0x5EED) ^ UInt64(regressionIndex) << 48))
                    let outcome = runReplay(replayer: replayer, prototypes: prototypes, assignment: assignment, transform: regression, stopEarly: true)
                    for rule in prototypes.indices {
                        guard let look = outcome.firstAlarm[rule] else { continue }
                        let time = schedule.time(ofLook: look)
                        if time <= onset { before[rule] += 1; continue }
                        detected[rule] += 1
                        delays[rule] += Double(time - onset) / 3_600_000
                        exposed[rule] += Double(replayer.units(inArm: 1, enteredBefore: time + settings.rollbackLatency, assignment: assignment))
                    }
                }
                for rule in prototypes.indices {
                    points[rule].append(BacktestResult.PowerPoint(
                        size: size, detection: BacktestResult.Rate(alarms: detected[rule], replicates: powerReplicates),
                        alarmsBeforeOnset: before[rule],
                        meanDelayHours: detected[rule] > 0 ? delays[rule] / Double(detected[rule]) : nil,
                        meanTreatmentUnitsExposed: detected[rule] > 0 ? exposed[rule] / Double(detected[rule]) : nil))
                }
            }
            for rule in prototypes.indices {
                let (size80, note) = PowerInterpolation.sizeDetected(points: points[rule], target: 0.8)
                ruleResults[rule].power.append(BacktestResult.PowerCurve(
                    regression: injection.name, points: points[rule], sizeDetected80: size80, sizeDetected80Note: note))
            }
        }
        progress?.finish()

        return BacktestResult(
            experiment: spec.experiment, control: history.controlVariant, treatment: history.treatmentVariant,
            data: BacktestResult.DataSummary(
                controlUnits: controlUnits, treatmentUnits: treatmentUnits,
                otherVariantUnits: history.arm.filter { $0 < 0 }.count, excludedUnits: history.excludedUnits,
                events: history.eventCount, windowDays: spec.windowDays),
            settings: BacktestResult.Settings(
                start: ISO8601.format(milliseconds: schedule.start), intervalHours: Double(schedule.interval) / 3_600_000,
                looks: schedule.count, horizonHours: Double(schedule.end - schedule.start) / 3_600_000,
                rollbackLatencyHours: Double(settings.rollbackLatency) / 3_600_000, onset: ISO8601.format(milliseconds: onset),
                onsetHoursAfterStart: Double(settings.onset) / 3_600_000,
                alpha: spec.alpha, replicates: settings.replicates, powerReplicates: powerReplicates, seed: settings.seed,
                regressionSizes: settings.regressionSizes),
            metrics: history.metrics.map { metric in
                BacktestResult.Metric(
                    name: metric.name, shape: Self.shapeName(metric.shape), direction: metric.direction.rawValue,
                    margin: metric.margin.value, marginScale: metric.margin.scale == .relative ? "relative" : "absolute")
            },
            rules: ruleResults,
            timeline: real.replay.looks.map { look in
                BacktestResult.TimelineLook(
                    look: look.look, time: ISO8601.format(milliseconds: look.time), controlUnits: look.units[0],
                    treatmentUnits: look.units[1],
                    controlValues: history.metrics.indices.map { GuardrailEffect.value(look.summary(arm: 0, metric: $0), metric: history.metrics[$0]) },
                    treatmentValues: history.metrics.indices.map { GuardrailEffect.value(look.summary(arm: 1, metric: $0), metric: history.metrics[$0]) })
            },
            notes: notes)
    }

    /// The A/A salt of replicate `replicate`.
    func salt(_ replicate: Int) -> UInt64 { SplitMix64.mix(settings.seed &+ SplitMix64.mix(UInt64(replicate))) }

    static func shapeName(_ shape: GuardrailMetric.Shape) -> String {
        switch shape {
        case .proportion: return "proportion"
        case .mean: return "mean"
        case .ratio: return "ratio"
        }
    }
}
