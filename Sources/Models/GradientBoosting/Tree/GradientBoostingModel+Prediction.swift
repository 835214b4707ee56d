import Foundation

extension GradientBoostingModel {
    /// Raw scores (log-odds for binary logloss) of a column-major feature matrix.
    ///
    /// `values[j * rowCount + i]` is feature `j` of row `i`, NaN for missing. Rows are
    /// processed in blocks of 256, transposed to row-major so each row's features share cache
    /// lines, on up to `threadCount` threads (0 = all processors); the result does not depend
    /// on the thread count. Each row's trees are summed in tree order, then added to
    /// `initialScore`. O(rows x trees x depth).
    ///
    /// - Throws: `GradientBoostingError.shapeMismatch` when `values.count != rowCount * featureCount`.
    public func rawScores(columnMajor values: [Double], rowCount: Int, threadCount: Int = 0) throws(GradientBoostingError) -> [Double] {
        let features = featureCount
        guard values.count == rowCount * features else {
            throw .shapeMismatch(expectedValues: rowCount * features, actualValues: values.count)
        }
        let forest = PackedForest(trees: trees)
        let threads = threadCount > 0 ? threadCount : max(1, ProcessInfo.processInfo.activeProcessorCount)
        let executor = ParallelExecutor(threadCount: threads)
        var scores = [Double](repeating: 0, count: rowCount)
        let initialScore = self.initialScore
        let blockSize = 256
        scores.withUnsafeMutableBufferPointer { output in
            let output = output
            values.withUnsafeBufferPointer { columns in
                forest.nodes.withUnsafeBufferPointer { nodes in
                    forest.leafValues.withUnsafeBufferPointer { leaves in
                        forest.bitsets.withUnsafeBufferPointer { bitsets in
                            // Never nil: PackedForest appends a sentinel to each array.
                            let bitsetBase = bitsets.baseAddress!
                            let nodeBase = nodes.baseAddress!
                            let leafBase = leaves.baseAddress!
                            executor.forEachBlock(rowCount, blockSize: blockSize) { range in
                                let block = UnsafeMutablePointer<Double>.allocate(capacity: max(1, blockSize * features))
                                defer { block.deallocate() }
                                for feature in 0..<features {
                                    let column = feature * rowCount
                                    for (offset, row) in range.enumerated() { block[offset * features + feature] = columns[column + row] }
                                }
                                for (offset, row) in range.enumerated() {
                                    output[row] = forest.output(
                                        initialScore: initialScore, row: block + offset * features, nodes: nodeBase, leaves: leafBase, bitsets: bitsetBase)
                                }
                            }
                        }
                    }
                }
            }
        }
        return scores
    }

    /// Predictions (probabilities of label 1 for binary logloss) of a column-major matrix.
    /// See `rawScores(columnMajor:rowCount:threadCount:)`.
    public func predictions(columnMajor values: [Double], rowCount: Int, threadCount: Int = 0) throws(GradientBoostingError) -> [Double] {
        try rawScores(columnMajor: values, rowCount: rowCount, threadCount: threadCount)
            .map { objective.transform(rawScore: $0) }
    }

    /// Raw scores of a dataset's rows (labels ignored).
    public func rawScores(for dataset: GradientBoostingDataset, threadCount: Int = 0) throws(GradientBoostingError) -> [Double] {
        try rawScores(columnMajor: dataset.values, rowCount: dataset.rowCount, threadCount: threadCount)
    }

    /// Predictions of a dataset's rows (labels ignored).
    public func predictions(for dataset: GradientBoostingDataset, threadCount: Int = 0) throws(GradientBoostingError) -> [Double] {
        try predictions(columnMajor: dataset.values, rowCount: dataset.rowCount, threadCount: threadCount)
    }
}
