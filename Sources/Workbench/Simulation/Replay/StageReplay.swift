import Stats

/// Replays one staged rollout policy over a ``RolloutHistory`` for one assignment of rollout
/// buckets: the engine of `workbench simulate --policy`.
///
/// Semantics (see `docs/simulate.md`): assignments are sticky hashes, so a stage at r %
/// enables exactly the units whose rollout bucket is below r, and a unit enters the
/// treatment at the later of the time its bucket is enabled and its first exposure. The
/// treatment arm the guardrail sees holds the enabled units of the *treated pool* (the
/// historical treatment units for the real history, the historical control units for A/A
/// replicates, whose outcomes are then untreated); the control arm holds the *control pool*
/// units whose bucket is at or above the policy's largest partial stage (never enabled
/// before full rollout), from their first exposure. Exposure counts (for the minimum
/// exposures and the harm) include every enabled, exposed unit, whatever its historical arm,
/// because the flag service would expose all of them.
///
/// Cost per replay: O(units + events of the watched metrics + looks x metrics), all from
/// memory; one replay of 100 000 units and ~600 000 events takes a few milliseconds.
struct StageReplay {
    let history: RolloutHistory
    /// Units ordered by first look, `firstLookStarts[k]..<firstLookStarts[k + 1]` for look k.
    let unitsByFirstLook: [Int32]
    let firstLookStarts: [Int]
    /// Metrics reading each slot.
    let metricsBySlot: [[Int]]

    init(history: RolloutHistory) {
        self.history = history
        let looks = history.lookCount
        var starts = [Int](repeating: 0, count: looks + 3)
        for look in history.firstLooks { starts[Int(look) + 1] += 1 }
        for k in 1..<starts.count { starts[k] += starts[k - 1] }
        var next = starts
        var order = [Int32](repeating: 0, count: history.unitCount)
        for (unit, look) in history.firstLooks.enumerated() {
            order[next[Int(look)]] = Int32(unit)
            next[Int(look)] += 1
        }
        unitsByFirstLook = order
        firstLookStarts = starts
        var bySlot = Array(repeating: [Int](), count: history.slots.count)
        for (index, metric) in history.metrics.enumerated() {
            switch metric.shape {
            case let .proportion(slot), let .mean(slot): bySlot[slot].append(index)
            case let .ratio(numerator, denominator):
                bySlot[numerator].append(index)
                if denominator != numerator { bySlot[denominator].append(index) }
            }
        }
        metricsBySlot = bySlot
    }

    /// The buckets of one scenario, grouped: `units[starts[b]..<starts[b + 1]]` have bucket b.
    struct BucketLayout {
        let buckets: [UInt8]
        let starts: [Int]
        let units: [Int32]

        init(buckets: [UInt8]) {
            self.buckets = buckets
            var starts = [Int](repeating: 0, count: 101)
            for bucket in buckets { starts[Int(bucket) + 1] += 1 }
            for b in 1...100 { starts[b] += starts[b - 1] }
            var next = starts
            var units = [Int32](repeating: 0, count: buckets.count)
            for (unit, bucket) in buckets.enumerated() {
                units[next[Int(bucket)]] = Int32(unit)
                next[Int(bucket)] += 1
            }
            self.starts = starts
            self.units = units
        }
    }

    /// An injected regression resolved to a slot and look.
    struct ResolvedRegression {
        var slot: Int
        var factor: Double
        /// Events from this look's bin on are affected.
        var onsetLook: Int
    }

    /// Replays `policy` with `layout`'s buckets.
    ///
    /// - Parameters:
    ///   - treatedPool: historical arm (0/1) whose units form the treatment arm when enabled.
    ///   - controlPool: historical arm whose units at or above the largest partial stage form the control arm.
    ///   - regression: scales the treated arm's events (and measures the harm) when given.
    ///   - rollbackLatencySeconds: exposure continues this long after a stop.
    func run(
        policy: RolloutPolicy, layout: BucketLayout, treatedPool: UInt8, controlPool: UInt8,
        regression: ResolvedRegression?, rollbackLatencySeconds: Int64
    ) -> ReplayOutcome {
        let unitCount = history.unitCount
        let slotCount = history.slots.count
        let metrics = history.metrics
        let looks = history.lookCount
        let arms = history.arms
        let buckets = layout.buckets
        var scheduler = StageScheduler(policy: policy, startSeconds: history.startSeconds)
        var judge = GuardrailJudge(rule: policy.rule, metrics: metrics)
        let controlFloor = Int(policy.largestPartialStage.rounded(.up))
        var enabled = Int(policy.stages[0].rounded(.up))

        var values = [Double](repeating: 0, count: unitCount * slotCount)
        var entry = [Int32](repeating: .max, count: unitCount)
        var role = [UInt8](repeating: 0, count: unitCount)  // 1 treatment arm, 2 control arm
        var exposed = [Bool](repeating: false, count: unitCount)
        var exposedCount = 0
        var treatment = [PairedSummary](repeating: .empty, count: metrics.count)
        var control = [PairedSummary](repeating: .empty, count: metrics.count)
        var harmBaseline = 0.0
        var stageStarts: [Double] = [0]
        var outcome = ReplayOutcome(
            fullRolloutHours: nil, stopHours: nil, stoppedAtPercentage: nil, alarmingMetrics: [], censored: false,
            stageStartHours: [], exposedUnits: 0, extraEvents: nil)
        var endLook = looks
        let lookHours = Double(history.lookSeconds) / 3600

        func join(_ unit: Int, role newRole: UInt8) {
            role[unit] = newRole
            if newRole == 1 {
                for m in metrics.indices { treatment[m].count += 1 }
            } else {
                for m in metrics.indices { control[m].count += 1 }
            }
        }
        func expose(_ unit: Int, look: Int32) {
            guard !exposed[unit] else { return }
            exposed[unit] = true
            exposedCount += 1
            if entry[unit] == .max { entry[unit] = look }
            if role[unit] == 0 && arms[unit] == treatedPool { join(unit, role: 1) }
        }
        func contribution(_ metric: WatchedMetric, base: Int) -> (Double, Double) {
            switch metric.shape {
            case let .proportion(slot): return (values[base + slot] > 0 ? 1 : 0, 0)
            case let .mean(slot): return (values[base + slot], 0)
            case let .ratio(numerator, denominator): return (values[base + numerator], values[base + denominator])
            }
        }

        for k in 1...looks {
            // 1. Units first exposed in this look's bin.
            for position in firstLookStarts[k]..<firstLookStarts[k + 1] {
                let unit = Int(unitsByFirstLook[position])
                if Int(buckets[unit]) < enabled {
                    expose(unit, look: Int32(k))
                } else if arms[unit] == controlPool && Int(buckets[unit]) >= controlFloor {
                    entry[unit] = Int32(k)
                    join(unit, role: 2)
                }
            }
            // 2. Events of this bin.
            for position in history.binStarts[k]..<history.binStarts[k + 1] {
                let unit = Int(history.eventUnits[position])
                guard entry[unit] <= Int32(k) else { continue }
                let slot = Int(history.eventSlots[position])
                var value = history.eventValues[position]
                if let regression, slot == regression.slot, k >= regression.onsetLook {
                    if exposed[unit] { harmBaseline += value }
                    if role[unit] == 1 { value *= regression.factor }
                }
                let unitRole = role[unit]
                guard unitRole != 0 else { continue }
                let base = unit * slotCount
                for m in metricsBySlot[slot] {
                    let (oldX, oldY) = contribution(metrics[m], base: base)
                    if unitRole == 1 { treatment[m].remove(x: oldX, y: oldY) } else { control[m].remove(x: oldX, y: oldY) }
                    _ = (oldX, oldY)
                }
                if history.slots[slot].function == .max {
                    values[base + slot] = max(values[base + slot], value)
                } else {
                    values[base + slot] += value
                }
                for m in metricsBySlot[slot] {
                    let (x, y) = contribution(metrics[m], base: base)
                    if unitRole == 1 { treatment[m].insert(x: x, y: y) } else { control[m].insert(x: x, y: y) }
                }
            }
            guard scheduler.status == .running else {
                if k >= endLook { break }
                continue
            }
            // 3. The look's decision.
            let verdict = judge.judge(control: control, treatment: treatment)
            let time = history.timeOfLook(k)
            let decision = scheduler.decide(timeSeconds: time, exposures: exposedCount, alarm: verdict.alarm,
                                            nonInferior: verdict.allNonInferior)
            switch decision {
            case .stay:
                break
            case .advanced, .fullRollout:
                stageStarts.append(Double(k) * lookHours)
                let newEnabled = Int(scheduler.percentage.rounded(.up))
                for bucket in enabled..<max(enabled, newEnabled) {
                    for position in layout.starts[bucket]..<layout.starts[bucket + 1] {
                        let unit = Int(layout.units[position])
                        if Int(history.firstLooks[unit]) <= k { expose(unit, look: Int32(k + 1)) }
                    }
                }
                enabled = max(enabled, newEnabled)
                if decision == .fullRollout {
                    outcome.fullRolloutHours = Double(k) * lookHours
                    if regression == nil { endLook = k }
                }
            case .stopped:
                outcome.stopHours = Double(k) * lookHours
                outcome.stoppedAtPercentage = policy.stages[scheduler.stageIndex]
                outcome.alarmingMetrics = verdict.alarmingMetrics.map { metrics[$0].name }
                let latencyLooks = Int((Double(rollbackLatencySeconds) / Double(history.lookSeconds)).rounded(.up))
                endLook = min(looks, k + latencyLooks)
            }
            if k >= endLook { break }
        }
        outcome.censored = scheduler.status == .running
        outcome.stageStartHours = stageStarts
        outcome.exposedUnits = exposedCount
        if let regression { outcome.extraEvents = (regression.factor - 1) * harmBaseline }
        return outcome
    }
}

extension PairedSummary {
    @inline(__always)
    mutating func insert(x: Double, y: Double) {
        sumX += x
        sumY += y
        sumXX += x * x
        sumYY += y * y
        sumXY += x * y
    }

    @inline(__always)
    mutating func remove(x: Double, y: Double) {
        sumX -= x
        sumY -= y
        sumXX -= x * x
        sumYY -= y * y
        sumXY -= x * y
    }
}
