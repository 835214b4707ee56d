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

    /// Rows per block of a parallel split; fixed, so the result never depends on threads.
    static let blockSize = 16_384

    /// Moves the rows of `leaf` whose bin in `column` has `goesLeft[bin] != 0` to the front
    /// (staying in `leaf`) and the rest to `newLeaf`, keeping ascending order on both sides.
    /// Returns the left count. O(rows in leaf).
    ///
    /// Large leaves are split in fixed blocks of rows in parallel (each block partitions into
    /// scratch space, then blocks are copied to prefix-sum offsets), which yields exactly the
    /// serial stable partition.
    mutating func split(
        leaf: Int, newLeaf: Int, column: UnsafePointer<UInt8>, goesLeft: UnsafePointer<UInt8>, executor: ParallelExecutor
    ) -> Int {
        let begin = leafBegin[leaf]
        let count = leafCount[leaf]
        let blockSize = Self.blockSize
        let blockCount = max(1, (count + blockSize - 1) / blockSize)
        var leftCounts = [Int](repeating: 0, count: blockCount)
        indices.withUnsafeMutableBufferPointer { rowBuffer in
            scratch.withUnsafeMutableBufferPointer { scratchBuffer in
                let rows = rowBuffer.baseAddress! + begin
                let spare = scratchBuffer.baseAddress! + begin
                leftCounts.withUnsafeMutableBufferPointer { leftCountBuffer in
                    let leftCountBuffer = leftCountBuffer
                    // Pass 1: each block writes its left rows forward and its right rows
                    // backward from the block's end, inside its own stretch of scratch.
                    executor.forEach(blockCount) { block in
                        let start = block * blockSize
                        let end = min(count, start + blockSize)
                        var left = start
                        var right = end
                        for k in start..<end {
                            let row = rows[k]
                            if goesLeft[Int(column[Int(row)])] != 0 {
                                spare[left] = row
                                left &+= 1
                            } else {
                                right &-= 1
                                spare[right] = row
                            }
                        }
                        leftCountBuffer[block] = left - start
                    }
                }
                var leftOffsets = [Int](repeating: 0, count: blockCount)
                var rightOffsets = [Int](repeating: 0, count: blockCount)
                var totalLeft = 0
                for block in 0..<blockCount {
                    leftOffsets[block] = totalLeft
                    totalLeft += leftCounts[block]
                }
                var totalRight = totalLeft
                for block in 0..<blockCount {
                    rightOffsets[block] = totalRight
                    let size = min(count, (block + 1) * blockSize) - block * blockSize
                    totalRight += size - leftCounts[block]
                }
                // Pass 2: copy blocks to their final places; right rows were stored reversed.
                executor.forEach(blockCount) { block in
                    let start = block * blockSize
                    let end = min(count, start + blockSize)
                    let lefts = leftCounts[block]
                    let leftTarget = leftOffsets[block]
                    for k in 0..<lefts { rows[leftTarget + k] = spare[start + k] }
                    let rights = end - start - lefts
                    let rightTarget = rightOffsets[block]
                    for k in 0..<rights { rows[rightTarget + k] = spare[end - 1 - k] }
                }
            }
        }
        let leftCount = leftCounts.reduce(0, +)
        leafCount[leaf] = leftCount
        leafBegin[newLeaf] = begin + leftCount
        leafCount[newLeaf] = count - leftCount
        return leftCount
    }
}
