import Foundation
import Testing

@testable import Models

/// Exact invariants of the learner: determinism, missing-value routing, histogram
/// subtraction, early stopping, sampling, serialisation.
@Suite struct TrainerInvariantTests {
    static func parameters(threads: Int) -> GradientBoostingParameters {
        var parameters = GradientBoostingParameters()
        parameters.numberOfTrees = 15
        parameters.numLeaves = 15
        parameters.minDataInLeaf = 10
        parameters.threadCount = threads
        return parameters
    }

    /// One and two threads give bit-identical models, also with bagging and feature sampling.
    @Test(arguments: [false, true]) func threadCountDoesNotChangeTheModel(sampling: Bool) throws {
        let data = try GradientBoostingTestData.fixture()
        var one = Self.parameters(threads: 1)
        if sampling {
            one.baggingFraction = 0.7
            one.featureFraction = 0.6
            one.seed = 11
        }
        var two = one
        two.threadCount = 2
        let first = try GradientBoostingTrainer(parameters: one).fit(data.training, validation: data.test)
        let second = try GradientBoostingTrainer(parameters: two).fit(data.training, validation: data.test)
        #expect(first == second)
        #expect(try first.rawScores(for: data.test, threadCount: 1) == second.rawScores(for: data.test, threadCount: 2))
    }

    /// Above the fixed block sizes (65 536 rows for gradients and root sums, 16 384 for the
    /// partition) the multi-block paths run; one and two threads still agree bit for bit.
    @Test func threadCountDoesNotChangeALargeModel() throws {
        let data = try GradientBoostingTestData.synthetic(rows: 70_000, features: 3, seed: 12)
        var parameters = GradientBoostingParameters()
        parameters.numberOfTrees = 2
        parameters.numLeaves = 7
        parameters.maxBins = 63
        parameters.baggingFraction = 0.9
        parameters.threadCount = 1
        let first = try GradientBoostingTrainer(parameters: parameters).fit(data)
        parameters.threadCount = 2
        let second = try GradientBoostingTrainer(parameters: parameters).fit(data)
        #expect(first == second)
        #expect(first.trees.allSatisfy { $0.leafValue.count == 7 })
    }

    /// A different seed gives a different bagged model (the sampling is really seeded).
    @Test func seedChangesBaggedModel() throws {
        let data = try GradientBoostingTestData.fixture()
        var parameters = Self.parameters(threads: 2)
        parameters.baggingFraction = 0.5
        let first = try GradientBoostingTrainer(parameters: parameters).fit(data.training)
        parameters.seed = 99
        let second = try GradientBoostingTrainer(parameters: parameters).fit(data.training)
        #expect(first != second)
    }

    /// Missing values carry the signal: rows with NaN in feature 0 have label 1, others label 0
    /// unless feature 1 is high. The stump must split on feature 0 sending NaN to the side
    /// with the positive leaf, whatever side that is, and predict NaN rows with that leaf.
    @Test func missingValuesFollowTheLearnedDefaultDirection() throws {
        var rows: [[Double]] = []
        var labels: [Double] = []
        var generator = SeededGenerator(seed: 5)
        for index in 0..<2000 {
            let missing = index % 4 == 0
            let x0 = missing ? Double.nan : generator.nextUniform()
            rows.append([x0, generator.nextUniform()])
            labels.append(missing ? 1 : (x0 < 0.2 ? 1 : 0))
        }
        let data = try GradientBoostingDataset(
            columnMajorValues: GradientBoostingTestData.columnMajor(rows), rowCount: rows.count, labels: labels)
        var parameters = GradientBoostingParameters()
        parameters.numberOfTrees = 1
        parameters.numLeaves = 3
        parameters.learningRate = 1
        let model = try GradientBoostingTrainer(parameters: parameters).fit(data)
        let tree = model.trees[0]
        #expect(tree.splitFeature.allSatisfy { $0 == 0 })
        // Row with NaN lands in a leaf holding only label-1 rows: its output is the largest.
        let nanOutput = tree.output(features: [.nan, 0.5])
        #expect(nanOutput == tree.leafValue.max())
        #expect(tree.output(features: [0.9, 0.5]) == tree.leafValue.min())
        // The same routing in the batch path.
        let batch = try model.rawScores(columnMajor: [.nan, 0.9, 0.5, 0.5], rowCount: 2)
        #expect(batch[0] == model.initialScore + nanOutput)
        #expect(batch[1] == model.rawScore(features: [0.9, 0.5]))
    }

    /// A hand-built tree documents the decision rule: NaN follows defaultLeft, x <= threshold
    /// goes left, categorical codes in the set go left and anything else right.
    @Test func decisionRuleOnAHandBuiltTree() throws {
        var tree = RegressionTree(constant: 0, count: 0, hessian: 0)
        tree.splitFeature = [0, 1]
        tree.threshold = [1.5, 0]
        tree.defaultLeft = [true, false]
        tree.isCategorical = [false, true]
        tree.leftCategories = [[], [2, 70]]
        tree.leftChild = [~0, ~1]
        tree.rightChild = [1, ~2]
        tree.splitGain = [1, 1]
        tree.nodeCount = [3, 2]
        tree.nodeHessian = [3, 2]
        tree.leafValue = [10, 20, 30]
        tree.leafCount = [1, 1, 1]
        tree.leafHessian = [1, 1, 1]
        let model = GradientBoostingModel(
            objective: .squaredError, initialScore: 0.5, trees: [tree], featureNames: ["x", "c"], categoricalFeatures: [1])
        let cases: [([Double], Double)] = [
            ([1.5, 0], 10), ([.nan, 2], 10), ([-Double.infinity, 2], 10), ([1.6, 2], 20), ([1.6, 70], 20),
            ([1.6, 3], 30), ([1.6, .nan], 30), ([1.6, -2], 30), ([1.6, 2.5], 30), ([Double.infinity, 2], 20),
        ]
        for (features, expected) in cases {
            #expect(model.rawScore(features: features) == 0.5 + expected, "\(features)")
        }
        let batch = try model.rawScores(
            columnMajor: GradientBoostingTestData.columnMajor(cases.map(\.0)), rowCount: cases.count, threadCount: 2)
        #expect(batch == cases.map { 0.5 + $0.1 })
    }

    /// Histogram subtraction equals a direct build. With dyadic gradients and hessians every
    /// sum is exact, so after growing a 12-leaf tree (where every larger child's histogram was
    /// derived as parent minus sibling and then searched for splits) each leaf's rows, summed
    /// directly from the partition and rebuilt as a histogram, give exactly the count, hessian
    /// and output the tree recorded from the derived histograms.
    @Test func histogramSubtractionEqualsDirectBuild() throws {
        let data = try GradientBoostingTestData.synthetic(rows: 3000, features: 6)
        let executor = ParallelExecutor(threadCount: 2)
        let mappers = BinnedDataset.learnMappers(
            from: data, maximumBins: 255, minimumBinCount: 3, sampleSize: 200_000, seed: 0, executor: executor)
        let binned = BinnedDataset(dataset: data, mappers: mappers, executor: executor)
        var parameters = GradientBoostingParameters()
        parameters.numLeaves = 12
        parameters.learningRate = 1
        parameters.minDataInLeaf = 30
        let learner = LeafWiseTreeLearner(data: binned, parameters: parameters, executor: executor)
        let gradients = (0..<data.rowCount).map { Double(($0 * 37) % 101 - 50) / 64 }
        let hessians = (0..<data.rowCount).map { Double(($0 * 11) % 7 + 1) / 8 }
        let features = Array(0..<data.featureCount)
        let (tree, _) = learner.grow(gradients: gradients, hessians: hessians, bagRows: nil, features: features)
        #expect(tree.leafValue.count == 12)
        let partition = learner.partition
        for leaf in 0..<tree.leafValue.count {
            let begin = partition.leafBegin[leaf]
            let rows = partition.indices[begin..<(begin + partition.leafCount[leaf])].map { Int($0) }
            let gradient = rows.reduce(0.0) { $0 + gradients[$1] }
            let hessian = rows.reduce(0.0) { $0 + hessians[$1] }
            #expect(tree.leafCount[leaf] == rows.count)
            #expect(tree.leafHessian[leaf] == hessian)
            #expect(tree.leafValue[leaf] == -gradient / hessian)
            // A direct rebuild of the leaf's histogram (slot 0 as scratch) sums to the same totals.
            learner.buildHistograms(leaf: leaf, slot: 0, features: features, rowsAreIdentity: false)
            for feature in features {
                let histogram = learner.histogram(slot: 0, feature: feature)
                var sums = (0.0, 0.0, 0.0)
                for bin in 0..<mappers[feature].binCount {
                    sums.0 += histogram[bin * 3]; sums.1 += histogram[bin * 3 + 1]; sums.2 += histogram[bin * 3 + 2]
                }
                #expect(sums.0 == gradient && sums.1 == hessian && sums.2 == Double(rows.count))
            }
        }
        // The subtraction primitive itself, on exact values.
        var parent: [Double] = [5, 3, 4, 1, 1, 2]
        HistogramBuilder.subtract([2, 1, 1, 1, 0.5, 1], from: &parent, binCount: 2)
        #expect(parent == [3, 2, 3, 0, 0.5, 1])
    }

    /// The block-parallel split of a large leaf equals the serial stable partition.
    @Test(arguments: [1, 2]) func parallelPartitionIsStable(threads: Int) {
        let rows = 50_000
        var generator = SeededGenerator(seed: 8)
        let column = (0..<rows).map { _ in UInt8(generator.next() % 7) }
        var goesLeft = [UInt8](repeating: 0, count: 256)
        goesLeft[1] = 1; goesLeft[4] = 1; goesLeft[5] = 1
        var partition = DataPartition(capacity: rows, maxLeaves: 4)
        let bag = (0..<rows).filter { $0 % 3 != 0 }.map { Int32($0) }
        partition.reset(rows: bag, rowCount: rows)
        let leftCount = column.withUnsafeBufferPointer { c in
            goesLeft.withUnsafeBufferPointer { g in
                partition.split(leaf: 0, newLeaf: 1, column: c.baseAddress!, goesLeft: g.baseAddress!,
                                executor: ParallelExecutor(threadCount: threads))
            }
        }
        let expectedLeft = bag.filter { goesLeft[Int(column[Int($0)])] != 0 }
        let expectedRight = bag.filter { goesLeft[Int(column[Int($0)])] == 0 }
        #expect(leftCount == expectedLeft.count)
        #expect(Array(partition.indices[0..<leftCount]) == expectedLeft)
        #expect(Array(partition.indices[leftCount..<bag.count]) == expectedRight)
        #expect(partition.leafBegin[1] == leftCount && partition.leafCount[1] == expectedRight.count)
    }

    /// Early stopping halts once validation logloss stops improving and keeps the best trees.
    @Test func earlyStoppingHaltsAndKeepsTheBestIteration() throws {
        let training = try GradientBoostingTestData.synthetic(rows: 1500, seed: 3)
        let validation = try GradientBoostingTestData.synthetic(rows: 1500, seed: 4)
        var parameters = GradientBoostingParameters()
        parameters.numberOfTrees = 500
        parameters.learningRate = 0.3
        parameters.numLeaves = 31
        parameters.minDataInLeaf = 5
        parameters.earlyStoppingRounds = 5
        let model = try GradientBoostingTrainer(parameters: parameters).fit(training, validation: validation)
        let best = try #require(model.bestIteration)
        #expect(model.trees.count == best)
        #expect(model.validationLossHistory.count == best + 5)
        #expect(model.validationLossHistory.count < 500)
        let bestLoss = model.validationLossHistory[best - 1]
        #expect(model.validationLossHistory.min() == bestLoss)
        #expect(model.validationLossHistory[best...].allSatisfy { $0 >= bestLoss })
        // The loss recorded for the best round is the kept model's validation logloss.
        let probabilities = try model.predictions(for: validation)
        var loss = 0.0
        for (p, y) in zip(probabilities, validation.labels) { loss -= y == 1 ? log(p) : log(1 - p) }
        expectClose(loss / Double(probabilities.count), bestLoss, relativeTolerance: 1e-12)
    }

    /// Squared error: the initial score is the label mean, and more trees lower the training MSE.
    @Test func squaredErrorFitsAndStartsFromTheMean() throws {
        let base = try GradientBoostingTestData.synthetic(rows: 1000)
        let labels = (0..<base.rowCount).map { row in
            let x1 = base.values[1 * base.rowCount + row], x2 = base.values[2 * base.rowCount + row]
            return 3 * x1 - x2 * x2 + 5
        }
        let data = try GradientBoostingDataset(columnMajorValues: base.values, rowCount: base.rowCount, labels: labels)
        var parameters = GradientBoostingParameters()
        parameters.objective = .squaredError
        parameters.numberOfTrees = 50
        let model = try GradientBoostingTrainer(parameters: parameters).fit(data)
        expectClose(model.initialScore, labels.reduce(0, +) / Double(labels.count), relativeTolerance: 1e-12)
        let predictions = try model.predictions(for: data)
        let variance = labels.map { ($0 - model.initialScore) * ($0 - model.initialScore) }.reduce(0, +) / Double(labels.count)
        let mse = zip(predictions, labels).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / Double(labels.count)
        #expect(mse < 0.05 * variance)
    }

    /// Limits hold: leaves have at least minDataInLeaf rows, depth at most maxDepth.
    @Test func leafAndDepthLimitsHold() throws {
        let data = try GradientBoostingTestData.fixture()
        var parameters = Self.parameters(threads: 2)
        parameters.maxDepth = 3
        parameters.minDataInLeaf = 40
        let model = try GradientBoostingTrainer(parameters: parameters).fit(data.training)
        for tree in model.trees {
            #expect(tree.maximumDepth <= 3)
            #expect(tree.leafValue.count <= 8)
            #expect(tree.leafCount.allSatisfy { $0 >= 40 })
            #expect(tree.leafCount.reduce(0, +) == data.training.rowCount)
        }
    }

    /// Feature importance counts splits and sums gains per feature.
    @Test func featureImportanceCountsSplitsAndGains() throws {
        let data = try GradientBoostingTestData.fixture()
        let model = try GradientBoostingTrainer(parameters: Self.parameters(threads: 2)).fit(data.training)
        let splits = model.featureImportance(.splitCount)
        let gains = model.featureImportance(.totalGain)
        #expect(splits.reduce(0, +) == Double(model.trees.reduce(0) { $0 + $1.internalNodeCount }))
        expectClose(gains.reduce(0, +), model.trees.flatMap(\.splitGain).reduce(0, +), relativeTolerance: 1e-12)
        // x5 carries no signal in the fixture; x0 (sin) and c6 carry the most.
        #expect(gains[0] > gains[5] && gains[6] > gains[5])
    }

    /// The model survives a JSON round trip unchanged and predicts identically.
    @Test func codableRoundTrip() throws {
        let data = try GradientBoostingTestData.fixture()
        let model = try GradientBoostingTrainer(parameters: Self.parameters(threads: 2)).fit(data.training)
        let decoded = try JSONDecoder().decode(GradientBoostingModel.self, from: JSONEncoder().encode(model))
        #expect(decoded == model)
        #expect(try decoded.rawScores(for: data.test) == model.rawScores(for: data.test))
    }

    /// A corrupted model file fails to decode with a sentence instead of trapping later.
    @Test func corruptModelFailsToDecode() throws {
        let data = try fixtureData("gbdt/lightgbm_model.json")
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var trees = try #require(object["trees"] as? [[String: Any]])
        var tree = trees[0]
        var left = try #require(tree["leftChild"] as? [Int])
        left[0] = 40  // points past the last node
        tree["leftChild"] = left
        trees[0] = tree
        object["trees"] = trees
        let corrupt = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: DecodingError.self) { _ = try JSONDecoder().decode(GradientBoostingModel.self, from: corrupt) }
        var features = try #require(object["featureNames"] as? [String])
        features.removeLast(3)
        object["featureNames"] = features
        object["trees"] = try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["trees"])
        let narrow = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: DecodingError.self) { _ = try JSONDecoder().decode(GradientBoostingModel.self, from: narrow) }
    }

    /// Batch prediction equals the single-row reference path.
    @Test func batchPredictionEqualsRowByRow() throws {
        let data = try GradientBoostingTestData.fixture()
        let model = try GradientBoostingTrainer(parameters: Self.parameters(threads: 2)).fit(data.training)
        let batch = try model.rawScores(for: data.test, threadCount: 2)
        for row in stride(from: 0, to: data.test.rowCount, by: 7) {
            #expect(batch[row] == model.rawScore(features: GradientBoostingTestData.row(data.test, row)))
        }
    }

    /// Bad input throws a typed error with a sentence, never traps.
    @Test func invalidInputThrows() throws {
        #expect(throws: GradientBoostingError.self) {
            _ = try GradientBoostingDataset(columnMajorValues: [1, 2, 3], rowCount: 2, labels: [0, 1])
        }
        #expect(throws: GradientBoostingError.invalidCategory(feature: 0, row: 1, value: 1.5)) {
            _ = try GradientBoostingDataset(columnMajorValues: [1, 1.5], rowCount: 2, categoricalFeatures: [0], labels: [0, 1])
        }
        let data = try GradientBoostingDataset(columnMajorValues: [1, 2], rowCount: 2, labels: [0, 2])
        #expect(throws: GradientBoostingError.invalidLabel(row: 1, value: 2)) {
            _ = try GradientBoostingTrainer().fit(data)
        }
        var parameters = GradientBoostingParameters()
        parameters.numLeaves = 1
        #expect(throws: GradientBoostingError.self) { try parameters.validate() }
        let error = GradientBoostingError.invalidLabel(row: 1, value: 2)
        #expect(error.description.contains("binary logloss needs 0 or 1"))
    }
}
