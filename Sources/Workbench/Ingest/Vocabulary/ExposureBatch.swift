/// Parsed exposure rows whose names are not interned yet; the exposure counterpart of
/// `EventBatch` (same reasons: batched unit interning, parsing on another thread).
///
/// Memory: `capacity` rows with their key bytes. A class: it owns buffers and is handed
/// between the parsing and the consuming thread (never used by both at once).
final class ExposureBatch: @unchecked Sendable {
    let capacity: Int
    let attributeCount: Int
    private(set) var count = 0
    private var times: [Int64]
    private let unitKeys: KeyColumn
    private let experimentKeys: KeyColumn
    private let variantKeys: KeyColumn
    /// Attribute values, row-major (`row * attributeCount + column`); empty keys are absent.
    private let attributeKeys: KeyColumn
    private let unitIDs: UnsafeMutablePointer<Int32>
    private let attributeIDs: UnsafeMutablePointer<Int32>

    init(capacity: Int = 4096, attributeCount: Int) {
        self.capacity = max(1, capacity)
        self.attributeCount = attributeCount
        times = [Int64](repeating: 0, count: self.capacity)
        unitKeys = KeyColumn(capacity: self.capacity)
        experimentKeys = KeyColumn(capacity: self.capacity)
        variantKeys = KeyColumn(capacity: self.capacity)
        attributeKeys = KeyColumn(capacity: self.capacity * max(1, attributeCount))
        unitIDs = .allocate(capacity: self.capacity)
        attributeIDs = .allocate(capacity: max(1, self.capacity * attributeCount))
    }

    deinit {
        unitIDs.deallocate()
        attributeIDs.deallocate()
    }

    var isFull: Bool { count == capacity }
    var isEmpty: Bool { count == 0 }

    /// Adds a row; `attribute(i)` gives the i-th attribute's bytes (empty: no value).
    @inline(__always)
    func append(time: Int64, unit: UnsafeBufferPointer<UInt8>, experiment: UnsafeBufferPointer<UInt8>,
                variant: UnsafeBufferPointer<UInt8>, attribute: (Int) -> UnsafeBufferPointer<UInt8>) {
        precondition(count < capacity, "ExposureBatch overfilled: \(count) of \(capacity)")
        times[count] = time
        unitKeys.append(unit)
        experimentKeys.append(experiment)
        variantKeys.append(variant)
        for column in 0..<attributeCount { attributeKeys.append(attribute(column)) }
        count += 1
    }

    /// Interns the rows' names into `vocabulary` (in row order, so ids equal a row-by-row
    /// read's) and hands each exposure to `body` in order.
    func deliver(into vocabulary: Vocabulary, attributeIDs columns: [Int32], _ body: (Exposure) throws -> Void) throws {
        unitKeys.withKeys(count: count) { vocabulary.units.intern(batch: $0, into: unitIDs) }
        attributeKeys.withKeys(count: count * attributeCount) { keys in
            for index in 0..<(count * attributeCount) {
                attributeIDs[index] = keys[index].isEmpty
                    ? -1 : vocabulary.attributeValues[Int(columns[index % attributeCount])].intern(keys[index])
            }
        }
        try experimentKeys.withKeys(count: count) { experiments in
            try variantKeys.withKeys(count: count) { variants in
                for row in 0..<count {
                    try body(Exposure(
                        unit: unitIDs[row], experiment: vocabulary.experiments.intern(experiments[row]),
                        variant: vocabulary.variants.intern(variants[row]), time: times[row],
                        attributes: UnsafeBufferPointer(start: attributeIDs + row * attributeCount, count: attributeCount)))
                }
            }
        }
    }

    /// Empties the batch for reuse.
    func removeAll() {
        count = 0
        unitKeys.removeAll()
        experimentKeys.removeAll()
        variantKeys.removeAll()
        attributeKeys.removeAll()
    }
}
