import Dispatch
import Synchronization

/// Runs independent work items on up to `threadCount` threads.
///
/// Work items are handed out dynamically, so callers must make each item's result independent
/// of which thread runs it (each item writes only its own output slot). Under that rule the
/// learner's results are bit-for-bit identical for any thread count.
struct ParallelExecutor: Sendable {
    /// Threads to use, at least 1.
    let threadCount: Int

    init(threadCount: Int) {
        precondition(threadCount >= 1, "threadCount \(threadCount) must be at least 1")
        self.threadCount = threadCount
    }

    /// Calls `body(i)` once for every `i` in `0..<count`, in parallel when `threadCount > 1`.
    func forEach(_ count: Int, _ body: (Int) -> Void) {
        if threadCount <= 1 || count <= 1 {
            for index in 0..<count { body(index) }
            return
        }
        let next = Atomic<Int>(0)
        withoutActuallyEscaping(body) { body in
            // Dispatch wants a @Sendable closure; the items touch disjoint memory by contract.
            nonisolated(unsafe) let body = body
            DispatchQueue.concurrentPerform(iterations: min(threadCount, count)) { _ in
                while true {
                    let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    if index >= count { break }
                    body(index)
                }
            }
        }
    }

    /// Splits `0..<count` into fixed blocks of `blockSize` (independent of the thread count)
    /// and calls `body(range)` for each block in parallel.
    func forEachBlock(_ count: Int, blockSize: Int, _ body: (Range<Int>) -> Void) {
        let blocks = (count + blockSize - 1) / blockSize
        forEach(blocks) { block in
            let start = block * blockSize
            body(start..<min(count, start + blockSize))
        }
    }
}
