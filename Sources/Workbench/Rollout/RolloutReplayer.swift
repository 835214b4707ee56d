import Stats

/// Replays a `GuardrailHistory` under a chosen assignment and produces cumulative per-look,
/// per-arm, per-metric sufficient statistics in one time-ordered sweep.
///
/// A replay takes
/// * `assignment`: per unit 0 (control), 1 (treatment) or -1 (left out) -- the historical arms,
///   an A/A split of control units (`AAReplayAssignment`), or a staged rollout's choice;
/// * `entryTimes` (optional): per unit the time it may enter; it counts from
///   max(entry, first exposure) and only its events from then on (its window stays the
///   historical `[first exposure, + window)`);
/// * `transform` (optional): an `EventTransform` such as `InjectedRegression`.
/// At each look the observer gets a `LookSnapshot` and returns whether to go on.
///
/// Complexity: O(units log units) to order entries (skipped without `entryTimes`), then
/// O(events x metrics-per-event + entered units x metrics + looks x metrics); memory
/// O(units x aggregates). The statistics are updated incrementally per event (old per-unit
/// value out, new one in), so sums of squares and cross-products are exact up to rounding.
public struct RolloutReplayer: Sendable {
    public let history: GuardrailHistory
    public let schedule: LookSchedule
    /// Aggregates updated by each event index.
    let aggregatesByEvent: [[Int]]
    /// Metrics whose per-unit value can change with each event index.
    let metricsByEvent: [[Int]]
    /// Units of arm 0/1 ordered by first exposure (ties by index).
    let historicalOrder: [Int32]

    public init(history: GuardrailHistory, schedule: LookSchedule) {
        self.history = history
        self.schedule = schedule
        var aggregatesByEvent = Array(repeating: [Int](), count: history.eventNames.count)
        for (index, aggregate) in history.aggregates.enumerated() { aggregatesByEvent[aggregate.event].append(index) }
        var metricsByEvent = Array(repeating: [Int](), count: history.eventNames.count)
        for (metricIndex, metric) in history.metrics.enumerated() {
            let events = Set(metric.aggregates.map { history.aggregates[$0].event })
            for event in events.sorted() { metricsByEvent[event].append(metricIndex) }
        }
        self.aggregatesByEvent = aggregatesByEvent
        self.metricsByEvent = metricsByEvent
        let first = history.firstExposure
        self.historicalOrder = (0..<history.unitCount).map(Int32.init)
            .sorted { first[Int($0)] != first[Int($1)] ? first[Int($0)] < first[Int($1)] : $0 < $1 }
    }

    /// Replays under `assignment` and returns the statistics of every look reached.
    ///
    /// - Parameters:
    ///   - assignment: one entry per unit: 0, 1 or -1.
    ///   - entryTimes: one entry per unit (ms), or nil to admit units at first exposure.
    ///   - transform: applied to every replayed event of an entered unit.
    ///   - observe: called once per look in order; return false to stop the replay.
    /// - Precondition: array lengths equal `history.unitCount`.
    public func replay(
        assignment: [Int8], entryTimes: [Int64]? = nil, transform: (any EventTransform)? = nil,
        observe: (LookSnapshot) -> Bool = { _ in true }
    ) -> ReplayResult {
        let unitCount = history.unitCount
        precondition(assignment.count == unitCount, "assignment has \(assignment.count) entries for \(unitCount) units")
        if let entryTimes { precondition(entryTimes.count == unitCount, "entryTimes has \(entryTimes.count) entries for \(unitCount) units") }
        let metricCount = history.metrics.count
        let first = history.firstExposure
        let effectiveEntry: [Int64] = entryTimes.map { entries in (0..<unitCount).map { max(entries[$0], first[$0]) } } ?? first
        var order: [Int32]
        if entryTimes == nil {
            order = historicalOrder.filter { assignment[Int($0)] >= 0 }
        } else {
            order = (0..<unitCount).filter { assignment[$0] >= 0 }.map(Int32.init)
            order.sort { effectiveEntry[Int($0)] != effectiveEntry[Int($1)] ? effectiveEntry[Int($0)] < effectiveEntry[Int($1)] : $0 < $1 }
        }

        // Per metric: shape code and flat offsets of its aggregates, for the hot loop.
        let shapes: [(code: Int, x: Int, y: Int)] = history.metrics.map { metric in
            switch metric.shape {
            case .proportion(let a): return (0, a * unitCount, 0)
            case .mean(let a): return (1, a * unitCount, 0)
            case .ratio(let n, let d): return (2, n * unitCount, d * unitCount)
            }
        }
        let aggregateFunctions = history.aggregates
        var values = Array(repeating: 0.0, count: history.aggregates.count * unitCount)
        var summaries = Array(repeating: PairedSummary.empty, count: 2 * metricCount)
        var units = [0, 0]
        var entered: [Int32] = []
        entered.reserveCapacity(order.count)
        var oldX = Array(repeating: 0.0, count: metricCount), oldY = oldX
        var looks: [LookStatistics] = []
        looks.reserveCapacity(schedule.count)

        @inline(__always) func metricValue(_ metric: Int, _ unit: Int) -> (Double, Double) {
            let shape = shapes[metric]
            switch shape.code {
            case 0: return (values[shape.x + unit] > 0 ? 1 : 0, 0)
            case 1: return (values[shape.x + unit], 0)
            default: return (values[shape.x + unit], values[shape.y + unit])
            }
        }
        func apply(unit: Int, arm: Int, event: Int, value: Double) {
            let affected = metricsByEvent[event]
            for metric in affected { (oldX[metric], oldY[metric]) = metricValue(metric, unit) }
            for aggregate in aggregatesByEvent[event] {
                let slot = aggregate * unitCount + unit
                values[slot] = aggregateFunctions[aggregate].updated(values[slot], with: value)
            }
            for metric in affected {
                let (x, y) = metricValue(metric, unit)
                let ox = oldX[metric], oy = oldY[metric]
                let index = arm * metricCount + metric
                summaries[index].sumX += x - ox
                summaries[index].sumXX += x * x - ox * ox
                summaries[index].sumY += y - oy
                summaries[index].sumYY += y * y - oy * oy
                summaries[index].sumXY += x * y - ox * oy
            }
        }

        let eventTimes = history.eventTime, eventUnits = history.eventUnit
        let eventValues = history.eventValue, eventIndices = history.eventIndex
        let eventCount = eventTimes.count
        var nextEntry = 0, nextEvent = 0
        for look in 0..<schedule.count {
            let lookTime = schedule.time(ofLook: look)
            while true {
                let entryTime = nextEntry < order.count ? effectiveEntry[Int(order[nextEntry])] : Int64.max
                let eventTime = nextEvent < eventCount ? eventTimes[nextEvent] : Int64.max
                if min(entryTime, eventTime) >= lookTime { break }
                if entryTime <= eventTime {
                    // Entries first on ties: an event at the entry instant is in the window.
                    let unit = order[nextEntry]
                    let arm = Int(assignment[Int(unit)])
                    units[arm] += 1
                    for metric in 0..<metricCount { summaries[arm * metricCount + metric].count += 1 }
                    entered.append(unit)
                    nextEntry += 1
                    continue
                }
                let position = nextEvent
                nextEvent += 1
                let unit = Int(eventUnits[position])
                let arm = assignment[unit]
                guard arm >= 0, eventTime >= effectiveEntry[unit] else { continue }
                let event = Int(eventIndices[position])
                if let transform {
                    let changed = transform.transform(
                        event: event, value: eventValues[position], time: eventTime, unit: Int32(unit), arm: arm, sequence: position)
                    if changed.keep { apply(unit: unit, arm: Int(arm), event: event, value: changed.value) }
                    if let extra = changed.extra { apply(unit: unit, arm: Int(arm), event: extra.event, value: extra.value) }
                } else {
                    apply(unit: unit, arm: Int(arm), event: event, value: eventValues[position])
                }
            }
            let statistics = LookStatistics(look: look, time: lookTime, units: units, summaries: summaries, metricCount: metricCount)
            looks.append(statistics)
            let snapshot = LookSnapshot(
                statistics: statistics, metrics: history.metrics, unitCount: unitCount, aggregateValues: values,
                entered: entered, enteredCount: entered.count, assignment: assignment)
            if !observe(snapshot) { break }
        }
        return ReplayResult(looks: looks)
    }

    /// Units of `arm` whose entry (max(entry, first exposure)) is before `time`. O(units).
    public func units(inArm arm: Int8, enteredBefore time: Int64, assignment: [Int8], entryTimes: [Int64]? = nil) -> Int {
        var count = 0
        for unit in 0..<history.unitCount where assignment[unit] == arm {
            let entry = max(entryTimes?[unit] ?? Int64.min, history.firstExposure[unit])
            if entry < time { count += 1 }
        }
        return count
    }
}
