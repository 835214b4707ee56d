#if canImport(Glibc)
import Glibc
#endif

/// The buffer management shared by the CSV and JSON scanners: keep the unconsumed tail,
/// read the next chunk after it, grow when one record fills the whole buffer.
enum ChunkBuffer {
    /// Moves `[start, end)` to the front, doubles the buffer when it is full, and reads more
    /// from `source` after the kept bytes. Returns the number of bytes dropped from the front
    /// (the old `start`) and whether the source is exhausted. O(kept bytes + chunk).
    static func refill(
        buffer: inout UnsafeMutablePointer<UInt8>, capacity: inout Int, start: inout Int, end: inout Int,
        source: inout any ByteChunkSource
    ) throws -> (dropped: Int, ended: Bool) {
        let dropped = start
        let unconsumed = end - start
        if unconsumed > 0 && start > 0 { memmove(buffer, buffer + start, unconsumed) }
        start = 0
        end = unconsumed
        if end == capacity {
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            larger.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = larger
            capacity *= 2
        }
        let count = try source.read(into: buffer + end, capacity: capacity - end)
        end += count
        return (dropped, count == 0)
    }
}
