/// Lets a worker closure capture buffers that the caller guarantees are accessed disjointly.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
