import Foundation
import Testing

@testable import Models

/// TreeSHAP against its defining properties: additivity, and exact Shapley values computed
/// by brute force over all feature subsets.
@Suite struct TreeSHAPTests {
    /// Contributions plus bias add up to the raw score for every test row (1e-9 relative).
    @Test func contributionsAddUpToTheRawScore() throws {
        let data = try GradientBoostingTestData.fixture()
        var parameters = GradientBoostingParameters()
        parameters.numberOfTrees = 30
        let model = try GradientBoostingTrainer(parameters: parameters).fit(data.training)
        for row in stride(from: 0, to: data.test.rowCount, by: 15) {
            let features = GradientBoostingTestData.row(data.test, row)
            let contributions = model.contributions(features: features)
            #expect(contributions.count == data.test.featureCount + 1)
            expectClose(contributions.reduce(0, +), model.rawScore(features: features), relativeTolerance: 1e-9, absoluteFloor: 1)
        }
    }

    /// Path-dependent conditional expectation E[f(x) | x_S]: follow x on features in S, else
    /// average the children weighted by their training counts (the value function TreeSHAP uses).
    static func conditionalExpectation(_ tree: RegressionTree, _ features: [Double], known: Set<Int>, child: Int = 0) -> Double {
        if tree.internalNodeCount == 0 { return tree.leafValue[0] }
        if child < 0 { return tree.leafValue[~child] }
        let feature = tree.splitFeature[child]
        if known.contains(feature) {
            let next = tree.goesLeft(node: child, value: features[feature]) ? tree.leftChild[child] : tree.rightChild[child]
            return conditionalExpectation(tree, features, known: known, child: next)
        }
        func cover(_ c: Int) -> Double { Double(c >= 0 ? tree.nodeCount[c] : tree.leafCount[~c]) }
        let left = tree.leftChild[child], right = tree.rightChild[child]
        return (cover(left) * conditionalExpectation(tree, features, known: known, child: left)
            + cover(right) * conditionalExpectation(tree, features, known: known, child: right)) / cover(child)
    }

    /// Exact Shapley values by enumerating all 2^M subsets.
    static func bruteForceShapley(_ model: GradientBoostingModel, _ features: [Double]) -> [Double] {
        let count = model.featureCount
        func value(_ known: Set<Int>) -> Double {
            model.trees.reduce(model.initialScore) { $0 + conditionalExpectation($1, features, known: known) }
        }
        func factorial(_ n: Int) -> Double { n <= 1 ? 1 : Double(n) * factorial(n - 1) }
        var phi = [Double](repeating: 0, count: count + 1)
        for feature in 0..<count {
            let others = (0..<count).filter { $0 != feature }
            for mask in 0..<(1 << others.count) {
                let subset = Set(others.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element))
                let weight = factorial(subset.count) * factorial(count - subset.count - 1) / factorial(count)
                phi[feature] += weight * (value(subset.union([feature])) - value(subset))
            }
        }
        phi[count] = value([])
        return phi
    }

    /// On deep trees over 5 features (so features repeat along paths, exercising UNWIND) the
    /// algorithm equals brute-force Shapley values to 1e-12, for rows with missing values too.
    @Test func matchesBruteForceShapleyValues() throws {
        let data = try GradientBoostingTestData.synthetic(rows: 800, features: 5, seed: 9)
        var parameters = GradientBoostingParameters()
        parameters.numberOfTrees = 4
        parameters.numLeaves = 12
        parameters.minDataInLeaf = 10
        parameters.learningRate = 0.5
        let model = try GradientBoostingTrainer(parameters: parameters).fit(data)
        let repeated = model.trees.contains { tree in
            (0..<tree.internalNodeCount).contains { node in
                let feature = tree.splitFeature[node]
                return [tree.leftChild[node], tree.rightChild[node]].contains { $0 >= 0 && tree.splitFeature[$0] == feature }
            }
        }
        #expect(repeated, "the test needs a feature split twice along a path")
        for row in 0..<25 {
            let features = GradientBoostingTestData.row(data, row)
            let fast = model.contributions(features: features)
            let exact = Self.bruteForceShapley(model, features)
            for index in fast.indices {
                expectClose(fast[index], exact[index], relativeTolerance: 1e-12, absoluteFloor: 1, "row \(row) feature \(index)")
            }
        }
    }
}
