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
    private var arena: [UInt8] = []
    /// Start of each key in the arena, by id; `offsets[id + 1]` is its end.
    private var offsets: [Int] = [0]
    private var hashes: [UInt64] = []
    /// Slot -> id + 1 (0 = empty).
    private var slots: [Int32]
    private var mask: Int

    init(expectedCount: Int = 1024) {
        var size = 16
        while size < expectedCount * 2 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
    }

    /// Number of distinct keys seen.
    var count: Int { hashes.count }

    /// The id of `key`, adding it when new.
    @inline(__always)
    func intern(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = Self.hash(key)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            let id = Int(entry - 1)
            if hashes[id] == hash && matches(id: id, key) { return entry - 1 }
            slot = (slot + 1) & mask
        }
        let id = Int32(hashes.count)
        hashes.append(hash)
        arena.append(contentsOf: key)
        offsets.append(arena.count)
        slots[slot] = id + 1
        if hashes.count * 2 > slots.count { grow() }
        return id
    }

    /// The id of `key` when it has been seen, else `nil`; never adds.
    func lookup(_ key: UnsafeBufferPointer<UInt8>) -> Int32? {
        let hash = Self.hash(key)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            let id = Int(entry - 1)
            if hashes[id] == hash && matches(id: id, key) { return entry - 1 }
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
        let lower = offsets[Int(id)]
        let upper = offsets[Int(id) + 1]
        return arena.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[lower..<upper]), as: UTF8.self) }
    }

    /// All keys in id order.
    var strings: [String] { (0..<count).map { string(Int32($0)) } }

    @inline(__always)
    private func matches(id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let lower = offsets[id]
        let length = offsets[id + 1] - lower
        guard length == key.count else { return false }
        if length == 0 { return true }
        return arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + lower, key.baseAddress!, length) == 0 }
    }

    private func grow() {
        let size = slots.count * 2
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        for id in 0..<hashes.count {
            var slot = Int(truncatingIfNeeded: hashes[id]) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id + 1)
        }
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
