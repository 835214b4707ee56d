@testable import Models

enum GradientBoostingBenchmarks {
    /// Accumulating gradient/hessian/count histograms of 4 features over `rows` rows
    /// (the root-node case: rows in order, no index list).
    static func histogramRoot(rows: Int) -> MicroBenchmark {
        let columns = (0..<4).map { _ in UnsafeMutablePointer<UInt8>.allocate(capacity: rows) }
        for column in columns { for row in 0..<rows { column[row] = UInt8.random(in: 0...255) } }
        let pairs = (0..<rows).map { _ in SIMD2<Float>(Float.random(in: -1...1), Float.random(in: 0.05...0.25)) }
        let histograms = (0..<4).map { _ in UnsafeMutablePointer<Double>.allocate(capacity: 256 * HistogramBuilder.stride) }
        let block = HistogramBuilder.FeatureBlock(columns: columns.map { UnsafePointer($0) }, histograms: histograms)
        return MicroBenchmark(name: "histogram building (4 features, \(rows / 1000)k rows, in order)", workUnit: "M row-features", workPerIteration: Double(rows * 4) / 1e6) {
            for histogram in histograms { histogram.update(repeating: 0, count: 256 * HistogramBuilder.stride) }
            pairs.withUnsafeBufferPointer { p in
                HistogramBuilder.accumulate(block: block, rows: nil, count: rows, pairs: p.baseAddress!)
            }
            consume(histograms[0][3])
        }
    }

    /// The same for a leaf holding every other row (gathered by row index, as in a child node).
    static func histogramLeaf(rows: Int) -> MicroBenchmark {
        let columns = (0..<4).map { _ in UnsafeMutablePointer<UInt8>.allocate(capacity: rows) }
        for column in columns { for row in 0..<rows { column[row] = UInt8.random(in: 0...255) } }
        let leafRows = (0..<rows).filter { _ in Bool.random() }.map { Int32($0) }
        let pairs = (0..<leafRows.count).map { _ in SIMD2<Float>(Float.random(in: -1...1), Float.random(in: 0.05...0.25)) }
        let histograms = (0..<4).map { _ in UnsafeMutablePointer<Double>.allocate(capacity: 256 * HistogramBuilder.stride) }
        let block = HistogramBuilder.FeatureBlock(columns: columns.map { UnsafePointer($0) }, histograms: histograms)
        return MicroBenchmark(name: "histogram building (4 features, \(leafRows.count / 1000)k of \(rows / 1000)k rows, by index)", workUnit: "M row-features", workPerIteration: Double(leafRows.count * 4) / 1e6) {
            for histogram in histograms { histogram.update(repeating: 0, count: 256 * HistogramBuilder.stride) }
            leafRows.withUnsafeBufferPointer { r in
                pairs.withUnsafeBufferPointer { p in
                    HistogramBuilder.accumulate(block: block, rows: r.baseAddress, count: r.count, pairs: p.baseAddress!)
                }
            }
            consume(histograms[0][3])
        }
    }

    /// Scanning 28 features' 255-bin histograms (plus a missing bin) for the best split of a leaf.
    static func splitSearch() -> MicroBenchmark {
        let features = 28, valueBins = 255, binsPerFeature = valueBins + 1
        let finder = SplitFinder(parameters: GradientBoostingParameters())
        var histogram = [Double](repeating: 0, count: features * binsPerFeature * HistogramBuilder.stride)
        var totals: [GradientSums] = []
        for feature in 0..<features {
            var total = GradientSums.zero
            for bin in 0..<binsPerFeature {
                let offset = (feature * binsPerFeature + bin) * HistogramBuilder.stride
                let count = bin == valueBins ? 100.0 : Double.random(in: 100...5000).rounded()
                histogram[offset] = Double.random(in: -0.3...0.3) * count
                histogram[offset + 1] = 0.2 * count
                histogram[offset + 2] = count
                total = GradientSums(gradient: total.gradient + histogram[offset], hessian: total.hessian + histogram[offset + 1], count: total.count + count)
            }
            totals.append(total)
        }
        return MicroBenchmark(name: "split search (28 features x 255 bins, one leaf)", workUnit: "leaves", workPerIteration: 1) {
            var best = 0.0
            histogram.withUnsafeBufferPointer { buffer in
                for feature in 0..<features {
                    let base = buffer.baseAddress! + feature * binsPerFeature * HistogramBuilder.stride
                    if let split = finder.numericSplit(feature: feature, valueBins: valueBins, histogram: base, total: totals[feature]) {
                        best = max(best, split.gain)
                    }
                }
            }
            consume(best)
        }
    }

    /// Scoring rows with a 100-tree, 31-leaf model on one thread (the packed-forest walk).
    static func treePrediction(rows: Int) throws -> MicroBenchmark {
        let features = 28, trainingRows = 20_000
        var values = [Double](repeating: 0, count: trainingRows * features)
        for index in values.indices { values[index] = Double.random(in: -2...2) }
        let labels = (0..<trainingRows).map { row in values[row] + values[trainingRows + row] * values[2 * trainingRows + row] + Double.random(in: -1...1) > 0 ? 1.0 : 0.0 }
        var parameters = GradientBoostingParameters()
        parameters.numberOfTrees = 100
        parameters.numLeaves = 31
        parameters.minDataInLeaf = 5
        let model = try GradientBoostingTrainer(parameters: parameters).fit(
            GradientBoostingDataset(columnMajorValues: values, rowCount: trainingRows, labels: labels))
        var scoring = [Double](repeating: 0, count: rows * features)
        for index in scoring.indices { scoring[index] = Double.random(in: -2...2) }
        return MicroBenchmark(name: "tree prediction (\(model.trees.count) trees x 31 leaves, \(rows / 1000)k rows, 1 thread)", workUnit: "M rows", workPerIteration: Double(rows) / 1e6) {
            consume(try? model.rawScores(columnMajor: scoring, rowCount: rows, threadCount: 1))
        }
    }
}
