import Foundation
import Models

extension ModelArtifact {
    /// Probabilities of label 1 for every row of `table` (whose columns follow `features`).
    ///
    /// GBDT rows go through `GradientBoostingModel`'s blocked evaluator (same sums in the same
    /// order as `probability(row:)`, so results are identical); logistic rows are scored by
    /// `probability(row:)`. O(rows x trees x depth) or O(rows x terms). Assumes `validate()` passed.
    public func probabilities(for table: FeatureTable) throws -> [Double] {
        precondition(table.featureCount == features.count, "table has \(table.featureCount) features, the model \(features.count)")
        switch modelType {
        case .gbdt:
            return try gradientBoostingModel().predictions(columnMajor: table.values, rowCount: table.rowCount)
        case .logistic:
            var row = [Double](repeating: 0, count: features.count)
            return (0..<table.rowCount).map { index in
                for feature in 0..<features.count { row[feature] = table.values[feature * table.rowCount + index] }
                return probability(row: row)
            }
        }
    }

    /// The raw score (log-odds) of one row: the reference implementation of
    /// `docs/artifact-format.md`, term by term. `row[j]` is feature `j` (NaN = missing;
    /// categorical features as codes, unknown levels as NaN). O(trees x depth) or O(terms).
    public func rawScore(row: [Double]) -> Double {
        precondition(row.count == features.count, "row has \(row.count) values, the model \(features.count) features")
        if let gbdt {
            var sum = gbdt.initialScore
            for tree in gbdt.trees { sum += tree.leafValue[tree.leaf { row[$0] }] }
            return sum
        }
        guard let logistic else { return .nan }
        var sum = logistic.intercept
        for term in logistic.terms { sum += term.coefficient * logistic.termValue(term) { row[$0] } }
        return sum
    }

    /// The probability of label 1 for one row: `1 / (1 + exp(-rawScore))`.
    public func probability(row: [Double]) -> Double { 1 / (1 + exp(-rawScore(row: row))) }

    /// The ensemble as a `GradientBoostingModel` (for fast scoring and for export).
    /// - Precondition: `modelType == .gbdt`.
    public func gradientBoostingModel() -> GradientBoostingModel {
        guard let gbdt else { preconditionFailure("gradientBoostingModel() called on a \(modelType.rawValue) artifact") }
        let trees = gbdt.trees.map { artifact in
            var tree = RegressionTree(constant: 0, count: 0, hessian: 0)
            tree.splitFeature = artifact.splitFeature
            tree.threshold = artifact.threshold
            tree.defaultLeft = artifact.defaultLeft
            tree.isCategorical = artifact.categorical
            tree.leftCategories = artifact.leftCategories
            tree.leftChild = artifact.leftChild
            tree.rightChild = artifact.rightChild
            tree.splitGain = artifact.splitGain
            tree.nodeCount = artifact.internalCount
            // Hessian sums are not stored; counts stand in as covers (exact for squared error).
            tree.nodeHessian = artifact.internalCount.map(Double.init)
            tree.leafValue = artifact.leafValue
            tree.leafCount = artifact.leafCount
            tree.leafHessian = artifact.leafCount.map(Double.init)
            return tree
        }
        return GradientBoostingModel(
            objective: .binaryLogloss, initialScore: gbdt.initialScore, trees: trees,
            featureNames: features.map(\.name),
            categoricalFeatures: features.indices.filter { features[$0].type == .categorical })
    }

    /// The artifact of a trained ensemble with the given input columns.
    public init(_ model: GradientBoostingModel, features: [FeatureColumn]) {
        precondition(model.featureCount == features.count, "model has \(model.featureCount) features, schema \(features.count)")
        self.init(
            modelType: .gbdt, features: features,
            gbdt: TreeEnsembleArtifact(initialScore: model.initialScore, trees: model.trees.map(TreeArtifact.init)))
    }
}
