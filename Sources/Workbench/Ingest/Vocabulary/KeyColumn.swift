/// Copies of byte strings (keys of a batch of rows), back to back in one growing arena.
/// A class: it owns raw buffers.
final class KeyColumn {
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
