#if canImport(Glibc)
import Glibc
#endif

/// A bounded queue that hands filled batches from one producing thread to one consuming thread
/// and the emptied batches back, in order.
///
/// Why: reading an event export splits into two halves of about equal cost: parsing bytes into
/// fields (CPU-bound, streaming) and interning plus updating per-unit state (cache-miss bound,
/// random). Running them on two threads with this handoff nearly halves the wall time while
/// keeping the exact row order, hence results identical to a one-thread read.
///
/// The batches circulate between a free list and a full queue; `capacity` of them exist, which
/// bounds memory. A class with a mutex and a condition variable: it is shared by two threads.
final class BatchHandoff<Batch: AnyObject>: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var free: [Batch]
    private var full: [Batch] = []
    private var fullHead = 0
    private var producerFinished = false
    private var consumerCancelled = false

    /// A handoff circulating `batches` (at least one).
    init(batches: [Batch]) {
        precondition(!batches.isEmpty, "BatchHandoff needs at least one batch")
        free = batches
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(changed, nil)
    }

    deinit {
        pthread_cond_destroy(changed)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        changed.deallocate()
    }

    private func locked<R>(_ body: () -> R) -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body()
    }

    /// Producer: an empty batch to fill; `nil` when the consumer has cancelled. Blocks while
    /// every batch is in use.
    func takeEmpty() -> Batch? {
        locked {
            while free.isEmpty && !consumerCancelled { pthread_cond_wait(changed, mutex) }
            return consumerCancelled ? nil : free.removeLast()
        }
    }

    /// Producer: queues a filled batch for the consumer.
    func submit(_ batch: Batch) {
        locked {
            full.append(batch)
            pthread_cond_broadcast(changed)
        }
    }

    /// Producer: no more batches will come.
    func finish() {
        locked {
            producerFinished = true
            pthread_cond_broadcast(changed)
        }
    }

    /// Consumer: the next filled batch in submission order; `nil` once the producer finished
    /// and the queue is drained.
    func takeFilled() -> Batch? {
        locked {
            while fullHead == full.count && !producerFinished { pthread_cond_wait(changed, mutex) }
            guard fullHead < full.count else { return nil }
            let batch = full[fullHead]
            fullHead += 1
            if fullHead == full.count {
                full.removeAll(keepingCapacity: true)
                fullHead = 0
            }
            return batch
        }
    }

    /// Consumer: returns a batch it has finished with.
    func recycle(_ batch: Batch) {
        locked {
            free.append(batch)
            pthread_cond_broadcast(changed)
        }
    }

    /// Consumer: stop the producer (it sees `nil` from `takeEmpty`).
    func cancel() {
        locked {
            consumerCancelled = true
            pthread_cond_broadcast(changed)
        }
    }
}
