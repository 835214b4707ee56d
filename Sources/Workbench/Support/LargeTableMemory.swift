#if canImport(Glibc)
import Glibc
#endif

/// Zero-filled memory for large, randomly accessed tables (unit hash tables, per-unit state),
/// backed by transparent huge pages where the kernel allows them.
///
/// Why: with a million units these tables are tens of MB and every row touches them at a
/// random place. With 4 KiB pages each such touch also misses the TLB, and the page walks
/// limit how many cache misses can overlap; 2 MiB pages cut the pages by 512. Measured on the
/// 1M-unit export: see the commit that introduced this type.
///
/// Allocations under 1 MiB use the ordinary allocator. Complexity: O(1) plus the kernel's
/// zeroing on first touch.
enum LargeTableMemory {
    private static let hugePageBytes = 2 << 20

    /// `count` zeroed elements of `T` (a trivial type). Release with `release(_:count:)`.
    static func allocate<T>(_ type: T.Type, count: Int) -> UnsafeMutablePointer<T> {
        let bytes = max(1, count) * MemoryLayout<T>.stride
        if bytes >= hugePageBytes / 2 {
            let length = roundedLength(bytes)
            if let mapped = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
               mapped != MAP_FAILED {
                _ = madvise(mapped, length, 14 /* MADV_HUGEPAGE */)
                return mapped.bindMemory(to: T.self, capacity: max(1, count))
            }
        }
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: max(16, MemoryLayout<T>.alignment))
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
        return raw.bindMemory(to: T.self, capacity: max(1, count))
    }

    /// Releases memory from `allocate` (same `count`).
    static func release<T>(_ pointer: UnsafeMutablePointer<T>, count: Int) {
        let bytes = max(1, count) * MemoryLayout<T>.stride
        if bytes >= hugePageBytes / 2 {
            _ = munmap(UnsafeMutableRawPointer(pointer), roundedLength(bytes))
        } else {
            UnsafeMutableRawPointer(pointer).deallocate()
        }
    }

    private static func roundedLength(_ bytes: Int) -> Int {
        (bytes + hugePageBytes - 1) / hugePageBytes * hugePageBytes
    }
}
