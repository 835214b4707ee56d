#if canImport(Glibc)
import Glibc
#endif

/// Maps byte strings (unit ids, variant names, event names, segment values) to dense integer
/// ids `0, 1, 2, ...` in order of first appearance, without building a `String` per row.
///
/// Open addressing with linear probing over a power-of-two table; keys live back to back in
/// one byte arena. Memory is about 16 bytes per key plus the key bytes, and it grows with the
/// number of distinct keys, never with the number of rows. Lookup: O(key length) expected.
/// This is the piece that keeps ingest in bounded memory: a 1 GB export of 1M units needs
/// about 30 MB here.
final class ByteStringInterner {
    // Raw buffers rather than Swift arrays: this is the hottest lookup of ingest (once per
    // row), and arrays in a class pay a bounds check plus a dynamic exclusivity check on every
    // access.
    //
    // Each slot holds the key's first 8 bytes next to its id, hash tag and length, so a lookup
    // of a key of at most 8 bytes (typical unit ids) costs one cache miss instead of four
    // (slots, hashes, offsets, arena): measured 2.9x fewer cycles per row on 200k units.
    private struct Slot {
        /// The key's first 8 bytes, zero-padded.
        var prefix: UInt64
        /// id + 1 (0 = empty slot).
        var idPlusOne: UInt32
        /// High 16 bits of the hash, then the key length (clamped to 0xFFFF).
        var tagAndLength: UInt32
    }

    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaCapacity: Int
    private var arenaCount = 0
    /// Start of each key in the arena, by id; `offsets[id + 1]` is its end.
    private var offsets: UnsafeMutablePointer<Int>
    private var hashes: UnsafeMutablePointer<UInt64>
    private var idCapacity: Int
    private(set) var count = 0
    private var slots: UnsafeMutablePointer<Slot>
    private var slotCount: Int
    private var mask: Int

    init(expectedCount: Int = 1024) {
        var size = 16
        while size < expectedCount * 2 { size <<= 1 }
        slotCount = size
        mask = size - 1
        // Zeroed memory is all empty slots (idPlusOne == 0).
        slots = LargeTableMemory.allocate(Slot.self, count: size)
        idCapacity = max(16, expectedCount)
        offsets = .allocate(capacity: idCapacity + 1)
        offsets[0] = 0
        hashes = .allocate(capacity: idCapacity)
        arenaCapacity = max(256, expectedCount * 8)
        arena = .allocate(capacity: arenaCapacity)
    }

    deinit {
        arena.deallocate()
        offsets.deallocate()
        hashes.deallocate()
        LargeTableMemory.release(slots, count: slotCount)
    }

    @inline(__always)
    private static func prefix(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let base = key.baseAddress else { return 0 }
        if key.count >= 8 { return UnsafeRawPointer(base).loadUnaligned(as: UInt64.self) }
        var value: UInt64 = 0
        for index in 0..<key.count { value |= UInt64(base[index]) << (8 * UInt64(index)) }
        return value
    }

    @inline(__always)
    private static func tagAndLength(hash: UInt64, length: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: hash >> 48) << 16 | UInt32(min(length, 0xFFFF))
    }

    /// The id of `key`, adding it when new.
    @inline(__always)
    func intern(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
        intern(key, hash: Self.hash(key))
    }

    /// Interns `keys[i]` into `ids[i]` for a whole batch, same ids as calling `intern` on
    /// each key in order.
    ///
    /// Why a batch: with a million distinct units the slot table is tens of MB, so every
    /// lookup is a cache miss (about 90% of the per-row cost of reading events, measured with
    /// perf). Touching all the batch's slots first lets the CPU keep many misses in flight at
    /// once; the second pass then finds the slots in cache. O(batch) expected.
    func intern(batch keys: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>, into ids: UnsafeMutablePointer<Int32>) {
        let hashes = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, keys.count))
        defer { hashes.deallocate() }
        // Groups of 512 slots (8 KiB of table lines): small enough to stay in cache between
        // the touch and the use.
        var start = 0
        while start < keys.count {
            let end = min(start + 512, keys.count)
            var touched: UInt32 = 0
            for index in start..<end {
                let hash = Self.hash(keys[index])
                hashes[index] = hash
                // Independent loads: the out-of-order core overlaps their misses.
                touched &+= slots[Int(truncatingIfNeeded: hash) & mask].idPlusOne
            }
            touchSink &+= touched
            for index in start..<end {
                ids[index] = intern(keys[index], hash: hashes[index])
            }
            start = end
        }
    }

    /// Keeps the touch loads of `intern(batch:into:)` from being optimised away.
    private var touchSink: UInt32 = 0

    @inline(__always)
    private func intern(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32 {
        let prefix = Self.prefix(key)
        let tag = Self.tagAndLength(hash: hash, length: key.count)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry.idPlusOne == 0 { break }
            if entry.prefix == prefix && entry.tagAndLength == tag
                && (key.count <= 8 || matches(id: Int(entry.idPlusOne &- 1), key)) {
                return Int32(bitPattern: entry.idPlusOne &- 1)
            }
            slot = (slot &+ 1) & mask
        }
        return insert(key, hash: hash, slot: slot)
    }

    private func insert(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64, slot: Int) -> Int32 {
        if count == idCapacity {
            let newCapacity = idCapacity * 2
            let newOffsets = UnsafeMutablePointer<Int>.allocate(capacity: newCapacity + 1)
            newOffsets.update(from: offsets, count: count + 1)
            offsets.deallocate()
            offsets = newOffsets
            let newHashes = UnsafeMutablePointer<UInt64>.allocate(capacity: newCapacity)
            newHashes.update(from: hashes, count: count)
            hashes.deallocate()
            hashes = newHashes
            idCapacity = newCapacity
        }
        if arenaCount + key.count > arenaCapacity {
            var newCapacity = arenaCapacity * 2
            while arenaCount + key.count > newCapacity { newCapacity *= 2 }
            let newArena = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            newArena.update(from: arena, count: arenaCount)
            arena.deallocate()
            arena = newArena
            arenaCapacity = newCapacity
        }
        if let base = key.baseAddress { (arena + arenaCount).update(from: base, count: key.count) }
        arenaCount += key.count
        let id = count
        hashes[id] = hash
        offsets[id + 1] = arenaCount
        count += 1
        slots[slot] = Slot(prefix: Self.prefix(key), idPlusOne: UInt32(id + 1),
                           tagAndLength: Self.tagAndLength(hash: hash, length: key.count))
        if count * 2 > slotCount { grow() }
        return Int32(id)
    }

    /// The id of `key` when it has been seen, else `nil`; never adds.
    func lookup(_ key: UnsafeBufferPointer<UInt8>) -> Int32? {
        let hash = Self.hash(key)
        let prefix = Self.prefix(key)
        let tag = Self.tagAndLength(hash: hash, length: key.count)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry.idPlusOne == 0 { return nil }
            if entry.prefix == prefix && entry.tagAndLength == tag
                && (key.count <= 8 || matches(id: Int(entry.idPlusOne - 1), key)) {
                return Int32(bitPattern: entry.idPlusOne - 1)
            }
            slot = (slot + 1) & mask
        }
    }

    /// Interns a Swift string (for names given on the command line or in a spec).
    func intern(_ key: String) -> Int32 {
        var copy = key
        return copy.withUTF8 { intern($0) }
    }

    /// Looks a Swift string up without adding it.
    func lookup(_ key: String) -> Int32? {
        var copy = key
        return copy.withUTF8 { lookup($0) }
    }

    /// The key with this id, as a string.
    func string(_ id: Int32) -> String {
        precondition(id >= 0 && Int(id) < count, "id \(id) out of range 0..<\(count)")
        let lower = offsets[Int(id)]
        return String(decoding: UnsafeBufferPointer(start: arena + lower, count: offsets[Int(id) + 1] - lower), as: UTF8.self)
    }

    /// The bytes of the key with this id (valid until the next insertion or `removeAll`).
    func key(_ id: Int32) -> UnsafeBufferPointer<UInt8> {
        precondition(id >= 0 && Int(id) < count, "id \(id) out of range 0..<\(count)")
        let lower = offsets[Int(id)]
        return UnsafeBufferPointer(start: arena + lower, count: offsets[Int(id) + 1] - lower)
    }

    /// Forgets every key, keeping the memory (for small per-batch tables). O(table size).
    func removeAll() {
        count = 0
        arenaCount = 0
        UnsafeMutableRawPointer(slots).initializeMemory(as: UInt8.self, repeating: 0, count: slotCount * MemoryLayout<Slot>.stride)
    }

    /// All keys in id order.
    var strings: [String] { (0..<count).map { string(Int32($0)) } }

    @inline(__always)
    private func matches(id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let lower = offsets[id]
        let length = offsets[id + 1] - lower
        guard length == key.count else { return false }
        guard let base = key.baseAddress else { return true }
        return memcmp(arena + lower, base, length) == 0
    }

    private func grow() {
        let old = slots
        let oldCount = slotCount
        slotCount *= 2
        mask = slotCount - 1
        slots = LargeTableMemory.allocate(Slot.self, count: slotCount)
        for index in 0..<oldCount where old[index].idPlusOne != 0 {
            let entry = old[index]
            var slot = Int(truncatingIfNeeded: hashes[Int(entry.idPlusOne - 1)]) & mask
            while slots[slot].idPlusOne != 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
        LargeTableMemory.release(old, count: oldCount)
    }

    /// A fast 64-bit hash: 8 bytes at a time with a multiply-xorshift mix (not for adversarial
    /// input; unit ids are not chosen by an attacker).
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
        guard let base = key.baseAddress else { return hash }
        var position = 0
        let count = key.count
        while position + 8 <= count {
            let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
            hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 31
            position += 8
        }
        if position < count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while position < count {
                tail |= UInt64(base[position]) << shift
                shift += 8
                position += 1
            }
            hash = (hash ^ tail) &* 0x94D0_49BB_1331_11EB
        }
        hash ^= hash >> 29
        hash = hash &* 0xBF58_476D_1CE4_E5B9
        return hash ^ (hash >> 32)
    }
}
