import Stats

extension BacktestJob {
    /// What one replay did under every rule.
    struct RuleOutcomes {
        var replay: ReplayResult
        /// Per rule, the first look with a (family-wise) alarm.
        var firstAlarm: [Int?]
        /// Per rule and metric, whether the metric ever breached on its own.
        var everAlarmed: [[Bool]]
        /// Per rule, the verdict at every look reached.
        var verdicts: [[RuleVerdict]]
    }

    /// Replays once with fresh copies of the rules. With `stopEarly`, the replay ends as soon
    /// as every rule has alarmed (power replays need only the first alarm).
    func runReplay(
        replayer: RolloutReplayer, prototypes: [any GuardrailRule], assignment: [Int8], transform: (any EventTransform)?,
        stopEarly: Bool
    ) -> RuleOutcomes {
        var rules = prototypes
        let metrics = replayer.history.metrics
        var firstAlarm = Array(repeating: Int?.none, count: rules.count)
        var everAlarmed = Array(repeating: Array(repeating: false, count: metrics.count), count: rules.count)
        var verdicts = Array(repeating: [RuleVerdict](), count: rules.count)
        let replay = replayer.replay(assignment: assignment, transform: transform) { snapshot in
            for index in rules.indices {
                if stopEarly && firstAlarm[index] != nil { continue }
                let verdict = rules[index].evaluate(snapshot, metrics: metrics)
                if verdict.alarm && firstAlarm[index] == nil { firstAlarm[index] = snapshot.statistics.look }
                for (metric, alarmed) in verdict.metricAlarms.enumerated() where alarmed { everAlarmed[index][metric] = true }
                if !stopEarly { verdicts[index].append(verdict) }
            }
            return !(stopEarly && firstAlarm.allSatisfy { $0 != nil })
        }
        return RuleOutcomes(replay: replay, firstAlarm: firstAlarm, everAlarmed: everAlarmed, verdicts: verdicts)
    }

    /// The real-history figures of rule `rule`.
    func realHistory(rule: Int, replay outcome: RuleOutcomes, replayer: RolloutReplayer, onset: Int64) -> BacktestResult.RealHistory {
        let schedule = replayer.schedule
        let history = replayer.history
        let verdicts = outcome.verdicts[rule].enumerated().map { look, verdict in
            BacktestResult.LookVerdict(look: look, judgement: verdict.judgement.rawValue, alarm: verdict.alarm, metricAlarms: verdict.metricAlarms)
        }
        let harmLook: Int
        var result = BacktestResult.RealHistory(
            alarmLook: nil, alarmTime: nil, alarmReason: nil, detectionDelayHours: nil, rollbackTime: nil,
            treatmentUnitsExposed: 0, excessHarm: [], harmMeasuredAt: "", verdicts: verdicts)
        if let look = outcome.firstAlarm[rule] {
            let time = schedule.time(ofLook: look)
            let rollback = time + settings.rollbackLatency
            result.alarmLook = look
            result.alarmTime = ISO8601.format(milliseconds: time)
            result.alarmReason = outcome.verdicts[rule][look].reason
            result.detectionDelayHours = Double(time - onset) / 3_600_000
            result.rollbackTime = ISO8601.format(milliseconds: rollback)
            result.treatmentUnitsExposed = replayer.units(inArm: 1, enteredBefore: rollback, assignment: history.arm)
            harmLook = schedule.firstLook(atOrAfter: rollback)
        } else {
            result.treatmentUnitsExposed = replayer.units(inArm: 1, enteredBefore: schedule.end, assignment: history.arm)
            harmLook = schedule.count - 1
        }
        let statistics = outcome.replay.looks[min(harmLook, outcome.replay.looks.count - 1)]
        result.harmMeasuredAt = ISO8601.format(milliseconds: statistics.time)
        result.excessHarm = history.metrics.indices.map { index in
            Self.excessHarm(metric: history.metrics[index], control: statistics.summary(arm: 0, metric: index),
                            treatment: statistics.summary(arm: 1, metric: index), history: history)
        }
        return result
    }

    /// Treatment's harm beyond what control's rate predicts for the treatment's base.
    ///
    /// Ratio: harm sign x (treatment numerator sum - control ratio x treatment denominator
    /// sum), e.g. extra errors given the treatment's requests. Mean and proportion: harm sign
    /// x (treatment sum - control mean x treatment units). 0 when control has no base.
    static func excessHarm(metric: GuardrailMetric, control: PairedSummary, treatment: PairedSummary, history: GuardrailHistory) -> BacktestResult.ExcessHarm {
        let expected: Double
        let unit: String
        switch metric.shape {
        case .ratio(let numerator, _):
            expected = control.sumY != 0 ? control.sumX / control.sumY * treatment.sumY : treatment.sumX
            let aggregate = history.aggregates[numerator]
            unit = aggregate.function == .count ? "extra \(history.eventNames[aggregate.event]) events" : "extra \(history.eventNames[aggregate.event]) value (\(aggregate.function.rawValue) of values)"
        case .mean(let aggregate):
            expected = control.count > 0 ? control.sumX / control.count * treatment.count : treatment.sumX
            let event = history.eventNames[history.aggregates[aggregate].event]
            unit = "extra \(event) value (\(history.aggregates[aggregate].function.rawValue) per unit, summed over treatment units)"
        case .proportion(let aggregate):
            expected = control.count > 0 ? control.sumX / control.count * treatment.count : treatment.sumX
            unit = "treatment units with \(history.eventNames[history.aggregates[aggregate].event]) beyond control's rate"
        }
        return BacktestResult.ExcessHarm(metric: metric.name, excess: metric.harmSign * (treatment.sumX - expected), unit: unit)
    }

    /// One named injected regression.
    struct Injection {
        var name: String
        var kind: InjectedRegression.Kind
    }

    /// Resolves the spec's regressions against the history's event names; the `errors` base
    /// rate is control's events per trigger event over the whole history.
    func regressionKinds(history: GuardrailHistory) throws -> [Injection] {
        try settings.regressions.map { regression in
            func index(_ event: String) throws -> Int {
                guard let found = history.eventNames.firstIndex(of: event) else {
                    throw RolloutError("regression \"\(regression.name)\" changes \"\(event)\" events, which feed no guardrail metric (guardrail events: \(history.eventNames.joined(separator: ", "))); inject into an event a guardrail reads")
                }
                return found
            }
            let event = try index(regression.event)
            switch regression.kind {
            case .latency: return Injection(name: regression.name, kind: .scaleValues(event: event))
            case .conversions: return Injection(name: regression.name, kind: .thinEvents(event: event))
            case .errors:
                let trigger = try index(regression.per ?? "")
                var added = 0, triggers = 0
                for position in 0..<history.eventCount where history.arm[Int(history.eventUnit[position])] == 0 {
                    let kind = Int(history.eventIndex[position])
                    if kind == event { added += 1 }
                    if kind == trigger { triggers += 1 }
                }
                guard triggers > 0 else {
                    throw RolloutError("regression \"\(regression.name)\": control has no \"\(regression.per ?? "")\" events to add errors to")
                }
                return Injection(name: regression.name, kind: .addEvents(event: event, trigger: trigger, baseRate: Double(added) / Double(triggers)))
            }
        }
    }
}
