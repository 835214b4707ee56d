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
    private let eventKeys: KeyColumn
    private let ids: UnsafeMutablePointer<Int32>

    /// A batch of up to `capacity` events (at least 1).
    init(capacity: Int = 512) {
        self.capacity = max(1, capacity)
        events = .allocate(capacity: self.capacity)
        ids = .allocate(capacity: self.capacity)
        unitKeys = KeyColumn(capacity: self.capacity)
        eventKeys = KeyColumn(capacity: self.capacity)
    }

    deinit {
        events.deallocate()
        ids.deallocate()
    }

    var isFull: Bool { count == capacity }
    var isEmpty: Bool { count == 0 }

    /// Adds an event (its `unit` and `event` ids are filled in by `resolve`).
    @inline(__always)
    func append(time: Int64, value: Double, unitKey: UnsafeBufferPointer<UInt8>, eventKey: UnsafeBufferPointer<UInt8>) {
        precondition(count < capacity, "EventBatch overfilled: \(count) of \(capacity)")
        unitKeys.append(unitKey)
        eventKeys.append(eventKey)
        events[count] = Event(unit: -1, event: -1, value: value, time: time)
        count += 1
    }

    /// Interns the batch's unit ids and event names into `vocabulary` (in append order, so ids
    /// are those a row-by-row reader would give) and returns the finished events, valid until
    /// `removeAll`.
    func resolve(into vocabulary: Vocabulary) -> UnsafeBufferPointer<Event> {
        unitKeys.withKeys(count: count) { vocabulary.units.intern(batch: $0, into: ids) }
        for index in 0..<count { events[index].unit = ids[index] }
        eventKeys.withKeys(count: count) { keys in
            for index in 0..<count { events[index].event = vocabulary.events.intern(keys[index]) }
        }
        return UnsafeBufferPointer(start: events, count: count)
    }

    /// Empties the batch for reuse.
    func removeAll() {
        count = 0
        unitKeys.removeAll()
        eventKeys.removeAll()
    }
}

/// Copies of byte strings, back to back in one growing arena.
private final class KeyColumn {
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaCapacity: Int
    private var arenaCount = 0
    private let starts: UnsafeMutablePointer<Int>
    private let views: UnsafeMutablePointer<UnsafeBufferPointer<UInt8>>
    private var count = 0

    init(capacity: Int) {
        starts = .allocate(capacity: capacity + 1)
        views = .allocate(capacity: capacity)
        arenaCapacity = capacity * 16
        arena = .allocate(capacity: arenaCapacity)
    }

    deinit {
        starts.deallocate()
        views.deallocate()
        arena.deallocate()
    }

    @inline(__always)
    func append(_ key: UnsafeBufferPointer<UInt8>) {
        if arenaCount + key.count > arenaCapacity { grow(toFit: key.count) }
        if let base = key.baseAddress { (arena + arenaCount).update(from: base, count: key.count) }
        starts[count] = arenaCount
        arenaCount += key.count
        count += 1
    }

    /// Calls `body` with views of the first `count` keys (valid during the call).
    func withKeys<R>(count: Int, _ body: (UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>) throws -> R) rethrows -> R {
        starts[count] = arenaCount
        for index in 0..<count {
            views[index] = UnsafeBufferPointer(start: arena + starts[index], count: starts[index + 1] - starts[index])
        }
        return try body(UnsafeBufferPointer(start: views, count: count))
    }

    func removeAll() {
        count = 0
        arenaCount = 0
    }

    private func grow(toFit length: Int) {
        var newCapacity = arenaCapacity * 2
        while arenaCount + length > newCapacity { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: arena, count: arenaCount)
        arena.deallocate()
        arena = grown
        arenaCapacity = newCapacity
    }
}
