/// Row indices grouped by leaf: each leaf owns a contiguous, ascending range of `indices`.
///
/// Splitting a leaf partitions its range stably (left rows first), so rows stay in ascending
/// order inside every leaf and histogram passes read the bin columns front to back.
struct DataPartition: Sendable {
    private(set) var indices: [Int32]
    private var scratch: [Int32]
    private(set) var leafBegin: [Int]
    private(set) var leafCount: [Int]

    init(capacity: Int, maxLeaves: Int) {
        indices = [Int32](repeating: 0, count: capacity)
        scratch = [Int32](repeating: 0, count: capacity)
        leafBegin = [Int](repeating: 0, count: maxLeaves)
        leafCount = [Int](repeating: 0, count: maxLeaves)
    }

    /// Starts a tree with all `rows` (ascending) in leaf 0.
    mutating func reset(rows: [Int32]?, rowCount: Int) {
        indices.withUnsafeMutableBufferPointer { buffer in
            if let rows {
                for (k, row) in rows.enumerated() { buffer[k] = row }
            } else {
                for k in 0..<rowCount { buffer[k] = Int32(truncatingIfNeeded: k) }
            }
        }
        for leaf in leafBegin.indices { leafBegin[leaf] = 0; leafCount[leaf] = 0 }
        leafCount[0] = rows?.count ?? rowCount
    }

    /// Moves the rows of `leaf` whose bin in `column` has `goesLeft[bin] != 0` to the front
    /// (staying in `leaf`) and the rest to `newLeaf`. Returns the left count. O(rows in leaf).
    mutating func split(leaf: Int, newLeaf: Int, column: UnsafePointer<UInt8>, goesLeft: UnsafePointer<UInt8>) -> Int {
        let begin = leafBegin[leaf]
        let count = leafCount[leaf]
        var leftCount = 0
        indices.withUnsafeMutableBufferPointer { rows in
            scratch.withUnsafeMutableBufferPointer { right in
                var rightCount = 0
                for k in begin..<(begin + count) {
                    let row = rows[k]
                    if goesLeft[Int(column[Int(row)])] != 0 {
                        rows[begin + leftCount] = row
                        leftCount += 1
                    } else {
                        right[rightCount] = row
                        rightCount += 1
                    }
                }
                for k in 0..<rightCount { rows[begin + leftCount + k] = right[k] }
            }
        }
        leafCount[leaf] = leftCount
        leafBegin[newLeaf] = begin + leftCount
        leafCount[newLeaf] = count - leftCount
        return leftCount
    }
}
