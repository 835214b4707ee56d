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
    /// Aggregates updated by event index e: `aggregateList[aggregateOffsets[e] ..< aggregateOffsets[e + 1]]`.
    let aggregateOffsets: [Int]
    let aggregateList: [Int]
    /// Metrics whose per-unit value can change with event index e (same layout).
    let metricOffsets: [Int]
    let metricList: [Int]
    /// Per metric: 0 proportion, 1 mean, 2 ratio; the aggregate indices of its x and y.
    let shapeCode: [Int]
    let shapeX: [Int]
    let shapeY: [Int]
    let functions: [ReplayAggregate]
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
        (aggregateOffsets, aggregateList) = Self.compressed(aggregatesByEvent)
        (metricOffsets, metricList) = Self.compressed(metricsByEvent)
        shapeCode = history.metrics.map { metric in
            switch metric.shape {
            case .proportion: return 0
            case .mean: return 1
            case .ratio: return 2
            }
        }
        shapeX = history.metrics.map { metric in
            switch metric.shape {
            case .proportion(let a), .mean(let a): return a
            case .ratio(let n, _): return n
            }
        }
        shapeY = history.metrics.map { metric in
            if case .ratio(_, let d) = metric.shape { return d }
            return 0
        }
        functions = history.aggregates
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

        // The sweep works on raw buffers: one allocation per replay, no copy-on-write or
        // exclusivity checks in the per-event loop (which dominates a replay's time).
        let aggregateCount = history.aggregates.count
        // One row per unit: slot 0 holds the unit's entry time (Int64 bits), then its
        // aggregates. An event then touches one cache line of unit state, not two (measured:
        // the sweep is bound by these random per-unit accesses, ~1 miss per event).
        let stride = aggregateCount + 1
        let values = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, stride * unitCount))
        values.initialize(repeating: 0)
        for unit in 0..<unitCount { values[unit * stride] = Double(bitPattern: UInt64(bitPattern: effectiveEntry[unit])) }
        let summaries = UnsafeMutableBufferPointer<PairedSummary>.allocate(capacity: max(1, 2 * metricCount))
        summaries.initialize(repeating: .empty)
        let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, 2 * metricCount))
        scratch.initialize(repeating: 0)
        defer {
            values.deallocate()
            summaries.deallocate()
            scratch.deallocate()
        }
        var units = [0, 0]
        var entered: [Int32] = []
        entered.reserveCapacity(order.count)
        var looks: [LookStatistics] = []
        looks.reserveCapacity(schedule.count)

        /// The metric's per-unit (x, y) from the aggregates.
        // Unit-major layout (`unit * stride + 1 + aggregate`): one unit's aggregates share a
        // cache line, so an event costs one cache miss, not one per aggregate (measured 1.5x
        // faster than aggregate-major at 100k units).
        @inline(__always) func metricValue(_ metric: Int, _ base: Int) -> (Double, Double) {
            let x = values[base + shapeX[metric]]
            switch shapeCode[metric] {
            case 0: return (x > 0 ? 1 : 0, 0)
            case 1: return (x, 0)
            default: return (x, values[base + shapeY[metric]])
            }
        }
        /// One event of `value` for `unit` in `arm`: old per-unit values out, new ones in.
        func apply(unit: Int, arm: Int, event: Int, value: Double) {
            let base = unit * stride + 1
            let metricsFrom = metricOffsets[event], metricsTo = metricOffsets[event + 1]
            var position = metricsFrom
            while position < metricsTo {
                let metric = metricList[position]
                (scratch[2 * metric], scratch[2 * metric + 1]) = metricValue(metric, base)
                position += 1
            }
            position = aggregateOffsets[event]
            while position < aggregateOffsets[event + 1] {
                let aggregate = aggregateList[position]
                let slot = base + aggregate
                values[slot] = functions[aggregate].updated(values[slot], with: value)
                position += 1
            }
            position = metricsFrom
            while position < metricsTo {
                let metric = metricList[position]
                let (x, y) = metricValue(metric, base)
                let ox = scratch[2 * metric], oy = scratch[2 * metric + 1]
                let index = arm * metricCount + metric
                summaries[index].sumX += x - ox
                summaries[index].sumXX += x * x - ox * ox
                summaries[index].sumY += y - oy
                summaries[index].sumYY += y * y - oy * oy
                summaries[index].sumXY += x * y - ox * oy
                position += 1
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
                guard arm >= 0, eventTime >= Int64(bitPattern: values[unit * stride].bitPattern) else { continue }
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
            let statistics = LookStatistics(
                look: look, time: lookTime, units: units, summaries: Array(summaries.prefix(2 * metricCount)), metricCount: metricCount)
            looks.append(statistics)
            let goOn = entered.withUnsafeBufferPointer { enteredUnits in
                observe(LookSnapshot(
                    statistics: statistics, metrics: history.metrics, rowStride: stride,
                    aggregateValues: UnsafeBufferPointer(values), entered: enteredUnits, assignment: assignment))
            }
            if !goOn { break }
        }
        return ReplayResult(looks: looks)
    }

    /// Lists of lists as offsets + one flat list (compressed rows).
    static func compressed(_ lists: [[Int]]) -> ([Int], [Int]) {
        var offsets = [0]
        for list in lists { offsets.append(offsets[offsets.count - 1] + list.count) }
        return (offsets, lists.flatMap { $0 })
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
