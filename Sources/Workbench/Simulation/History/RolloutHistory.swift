/// One experiment's history laid out for staged replays: the clean exposed units with their
/// historical arm and first exposure, and their guardrail events after first exposure binned
/// by the look grid.
///
/// Look k (1...lookCount) happens at `startSeconds + k x lookSeconds` and sees bins 1...k;
/// bin k holds events in [start + (k-1) h, start + k h). A unit first exposed in bin k is
/// first counted at look k. Events before a unit's first exposure (its pre-period) or
/// before the start are not kept. Memory: ~13 bytes per unit + 13 bytes per kept event.
public struct RolloutHistory: Sendable {
    /// Rollout start (look 0), seconds since the epoch.
    public let startSeconds: Int64
    /// Seconds between looks (> 0).
    public let lookSeconds: Int64
    /// Number of looks covering the history (>= 1).
    public let lookCount: Int
    /// Unit ids as logged.
    public let unitNames: [String]
    /// 1 = historical treatment, 0 = historical control.
    public let arms: [UInt8]
    /// The look at which each unit is first counted (its first exposure's bin), 1...lookCount.
    public let firstLooks: [Int32]
    /// The event aggregates the metrics read, one slot each.
    public let slots: [MetricSpec.EventAggregate]
    /// The guardrail metrics watched.
    public let metrics: [WatchedMetric]
    /// The treatment variant's name as logged (for reports).
    public var treatment = "treatment"
    /// `binStarts[k]..<binStarts[k + 1]` index the events of bin k (k = 0 unused, empty).
    let binStarts: [Int]
    let eventUnits: [Int32]
    let eventSlots: [UInt8]
    let eventValues: [Double]

    /// An event as the history keeps it.
    public struct BinnedEvent: Sendable, Equatable {
        public var unit: Int
        public var slot: Int
        /// The aggregate's contribution: the value for `sum` and `max`, 1 for `count`.
        public var value: Double
        /// Seconds since the epoch.
        public var timeSeconds: Int64

        public init(unit: Int, slot: Int, value: Double, timeSeconds: Int64) {
            self.unit = unit
            self.slot = slot
            self.value = value
            self.timeSeconds = timeSeconds
        }
    }

    /// Lays out a history from per-unit arrays and events (any order).
    ///
    /// Events before their unit's first exposure, before `startSeconds` or after the last look
    /// are dropped. O(units + events).
    /// - Precondition: equal array lengths, lookSeconds > 0, lookCount >= 1, slots < 256.
    public init(
        startSeconds: Int64, lookSeconds: Int64, lookCount: Int, unitNames: [String], arms: [UInt8],
        firstExposureSeconds: [Int64], slots: [MetricSpec.EventAggregate], metrics: [WatchedMetric], events: [BinnedEvent]
    ) {
        precondition(unitNames.count == arms.count && arms.count == firstExposureSeconds.count,
                     "\(unitNames.count) names, \(arms.count) arms, \(firstExposureSeconds.count) first exposures")
        precondition(lookSeconds > 0 && lookCount >= 1 && slots.count < 256,
                     "lookSeconds \(lookSeconds), lookCount \(lookCount), \(slots.count) slots")
        self.startSeconds = startSeconds
        self.lookSeconds = lookSeconds
        self.lookCount = lookCount
        self.unitNames = unitNames
        self.arms = arms
        self.slots = slots
        self.metrics = metrics
        func bin(_ seconds: Int64) -> Int {
            seconds < startSeconds ? 1 : Int((seconds - startSeconds) / lookSeconds) + 1
        }
        firstLooks = firstExposureSeconds.map { Int32(min(bin($0), lookCount + 1)) }
        var counts = [Int](repeating: 0, count: lookCount + 2)
        var keep = [Int](repeating: 0, count: events.count)
        for (index, event) in events.enumerated() {
            let first = firstExposureSeconds[event.unit]
            guard event.timeSeconds >= first, event.timeSeconds >= startSeconds else { continue }
            let eventBin = bin(event.timeSeconds)
            guard eventBin <= lookCount else { continue }
            keep[index] = eventBin
            counts[eventBin] += 1
        }
        var starts = [Int](repeating: 0, count: lookCount + 2)
        for k in 1...lookCount { starts[k + 1] = starts[k] + counts[k] }
        var next = starts
        let kept = starts[lookCount + 1]
        var units = [Int32](repeating: 0, count: kept)
        var slotIndices = [UInt8](repeating: 0, count: kept)
        var values = [Double](repeating: 0, count: kept)
        for (index, event) in events.enumerated() where keep[index] > 0 {
            let position = next[keep[index]]
            next[keep[index]] += 1
            units[position] = Int32(event.unit)
            slotIndices[position] = UInt8(event.slot)
            values[position] = event.value
        }
        binStarts = starts
        eventUnits = units
        eventSlots = slotIndices
        eventValues = values
    }

    /// Number of units.
    public var unitCount: Int { arms.count }
    /// Number of events kept.
    public var eventCount: Int { eventUnits.count }
    /// Share of units in the historical treatment arm.
    public var treatmentShare: Double {
        arms.isEmpty ? 0 : Double(arms.reduce(0) { $0 + Int($1) }) / Double(arms.count)
    }
    /// Time of look `k` in seconds since the epoch.
    public func timeOfLook(_ k: Int) -> Int64 { startSeconds + Int64(k) * lookSeconds }
    /// The end of the replayable history (the last look).
    public var endSeconds: Int64 { timeOfLook(lookCount) }
}
