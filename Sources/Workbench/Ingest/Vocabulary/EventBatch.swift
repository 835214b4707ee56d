/// Parsed events whose unit ids and event names are not interned yet, gathered so that a whole
/// batch is interned at once (`ByteStringInterner.intern(batch:into:)`, which overlaps the
/// unit table's cache misses), possibly on another thread than the one that parsed them.
///
/// The key bytes are copied: the scanner's field slices die when its buffer refills.
/// Memory: `capacity` events plus their key bytes. A class: it owns raw buffers and is handed
/// between the parsing and the consuming thread (never used by both at once).
final class EventBatch: @unchecked Sendable {
    let capacity: Int
    private(set) var count = 0
    private let events: UnsafeMutablePointer<Event>
    private let unitKeys: KeyColumn
    /// The batch's distinct event names (a handful), deduplicated by the parsing thread so
    /// the consumer interns each once per batch; `localEvents[row]` indexes them.
    private let eventNames = ByteStringInterner(expectedCount: 16)
    private let localEvents: UnsafeMutablePointer<Int32>
    private var globalEvents: [Int32] = []
    private let ids: UnsafeMutablePointer<Int32>

    /// A batch of up to `capacity` events (at least 1).
    init(capacity: Int = 512) {
        self.capacity = max(1, capacity)
        events = .allocate(capacity: self.capacity)
        ids = .allocate(capacity: self.capacity)
        localEvents = .allocate(capacity: self.capacity)
        unitKeys = KeyColumn(capacity: self.capacity)
    }

    deinit {
        events.deallocate()
        ids.deallocate()
        localEvents.deallocate()
    }

    var isFull: Bool { count == capacity }
    var isEmpty: Bool { count == 0 }

    /// Adds an event (its `unit` and `event` ids are filled in by `resolve`).
    @inline(__always)
    func append(time: Int64, value: Double, unitKey: UnsafeBufferPointer<UInt8>, eventKey: UnsafeBufferPointer<UInt8>) {
        precondition(count < capacity, "EventBatch overfilled: \(count) of \(capacity)")
        unitKeys.append(unitKey)
        localEvents[count] = eventNames.intern(eventKey)
        events[count] = Event(unit: -1, event: -1, value: value, time: time)
        count += 1
    }

    /// Interns the batch's unit ids and event names into `vocabulary` (in append order, so ids
    /// are those a row-by-row reader would give) and returns the finished events, valid until
    /// `removeAll`.
    func resolve(into vocabulary: Vocabulary) -> UnsafeBufferPointer<Event> {
        unitKeys.withKeys(count: count) { vocabulary.units.intern(batch: $0, into: ids) }
        for index in 0..<count { events[index].unit = ids[index] }
        globalEvents.removeAll(keepingCapacity: true)
        for local in 0..<eventNames.count { globalEvents.append(vocabulary.events.intern(eventNames.key(Int32(local)))) }
        globalEvents.withUnsafeBufferPointer { global in
            for index in 0..<count { events[index].event = global[Int(localEvents[index])] }
        }
        return UnsafeBufferPointer(start: events, count: count)
    }

    /// Empties the batch for reuse.
    func removeAll() {
        count = 0
        unitKeys.removeAll()
        eventNames.removeAll()
    }
}
