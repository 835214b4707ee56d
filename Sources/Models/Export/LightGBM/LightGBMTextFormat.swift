import Foundation

/// Reads and writes LightGBM's text model format (`Booster.save_model` /
/// `model_to_string`, format `version=v4`), so models move between this workbench and the
/// `lightgbm` package in both directions.
///
/// **Layout written** (as LightGBM 4 writes it): a `tree` header block (`version=v4`,
/// `num_class=1`, `num_tree_per_iteration=1`, `label_index=0`, `max_feature_idx`,
/// `objective=binary sigmoid:1` or `objective=regression`, `feature_names`, `feature_infos`,
/// `tree_sizes` = byte length of each tree block), one `Tree=i` block per tree, `end of
/// trees`, `feature_importances:` (split counts), a `parameters:` block and
/// `pandas_categorical:null`.
///
/// **Tree blocks.** Node and leaf arrays are copied one to one (both use LightGBM's layout,
/// see `RegressionTree`). `decision_type` packs bit 0 = categorical, bit 1 = default left,
/// bits 2-3 = missing type (0 None, 1 Zero, 2 NaN). Numeric splits are written with missing
/// type NaN (our rule: only NaN takes the default branch); categorical splits with missing
/// type NaN too, which makes LightGBM send NaN right, as we do. A categorical node's
/// `threshold` is the index of its bitset: `cat_boundaries[k]..<cat_boundaries[k+1]` are the
/// 32-bit words of `cat_threshold` whose set bits are the codes sent left.
/// LightGBM has no separate initial score: as its `boost_from_average` does, the initial
/// score is added to every leaf (and internal value) of the first tree, so LightGBM's raw
/// score `(initialScore + leaf_0) + leaf_1 + ...` is summed in the same order as ours and
/// agrees to the last bit. A model without trees is written as one single-leaf tree.
///
/// **Not stored in our model, so written as neutral values:** `shrinkage=1` (leaf values
/// already include the learning rate, as in LightGBM), `feature_infos` = `none` for numeric
/// features and the codes seen in splits for categorical ones (LightGBM does not use them to
/// predict), `internal_value` = hessian-weighted mean of the leaves below (LightGBM's
/// definition when the tree was grown). Feature names containing whitespace or `=` have
/// those characters replaced by `_`, because the format separates names by spaces.
public enum LightGBMTextFormat {
    /// LightGBM's `kZeroThreshold` (1e-35 as float32, widened to double): values within it
    /// count as zero for the `Zero` missing type.
    static let zeroThreshold = Double(Float(1e-35))

    /// The LightGBM text model of a gradient-boosted tree model. O(total nodes).
    ///
    /// `lightgbm.Booster(model_file=...)` loads the result and predicts the same raw scores
    /// as `GradientBoostingModel.rawScore(features:)` for every input whose categorical values
    /// are NaN or integers (LightGBM truncates non-integer category codes toward zero; we send
    /// them right).
    ///
    /// - Throws: `ModelExportError.unsupportedModel` for a model without features or with a
    ///   negative category code (LightGBM bitsets hold codes 0 and up).
    public static func export(_ model: GradientBoostingModel) throws(ModelExportError) -> String {
        guard model.featureCount > 0 else { throw .unsupportedModel(reason: "the model has no features; LightGBM needs at least one") }
        for (index, tree) in model.trees.enumerated() {
            if let code = tree.leftCategories.lazy.flatMap({ $0 }).first(where: { $0 < 0 }) {
                throw .unsupportedModel(reason: "tree \(index) sends the negative category code \(code) left; LightGBM bitsets hold codes 0 and up")
            }
        }
        var trees = model.trees
        if trees.isEmpty {
            trees = [RegressionTree(constant: model.initialScore, count: 0, hessian: 0)]
        } else {
            for leaf in trees[0].leafValue.indices { trees[0].leafValue[leaf] += model.initialScore }
        }
        let featureNames = model.featureNames.map(sanitizedFeatureName)
        var treeBlocks: [String] = []
        for (index, tree) in trees.enumerated() {
            treeBlocks.append(treeBlock(tree, index: index, internalOffset: index == 0 && !model.trees.isEmpty ? model.initialScore : 0))
        }
        var text = "tree\nversion=v4\nnum_class=1\nnum_tree_per_iteration=1\nlabel_index=0\n"
        text += "max_feature_idx=\(model.featureCount - 1)\n"
        text += "objective=\(model.objective == .binaryLogloss ? "binary sigmoid:1" : "regression")\n"
        text += "feature_names=\(featureNames.joined(separator: " "))\n"
        text += "feature_infos=\(featureInfos(model).joined(separator: " "))\n"
        text += "tree_sizes=\(treeBlocks.map { String($0.utf8.count) }.joined(separator: " "))\n\n"
        for block in treeBlocks { text += block }
        text += "end of trees\n\nfeature_importances:\n"
        let counts = model.featureImportance(.splitCount)
        // LightGBM lists used features by decreasing importance, ties by column order.
        for feature in counts.indices.filter({ counts[$0] > 0 }).sorted(by: { (counts[$0], -$0) > (counts[$1], -$1) }) {
            text += "\(featureNames[feature])=\(Int(counts[feature]))\n"
        }
        text += "\nparameters:\n[boosting: gbdt]\n"
        text += "[objective: \(model.objective == .binaryLogloss ? "binary" : "regression")]\n"
        text += "[num_iterations: \(model.trees.count)]\n[num_class: 1]\n"
        if model.objective == .binaryLogloss { text += "[sigmoid: 1]\n" }
        text += "[categorical_feature: \(model.categoricalFeatures.map(String.init).joined(separator: ","))]\n"
        text += "end of parameters\n\npandas_categorical:null\n"
        return text
    }

    private static func sanitizedFeatureName(_ name: String) -> String {
        let replaced = String(name.map { $0.isWhitespace || $0 == "=" ? "_" : $0 })
        return replaced.isEmpty ? "_" : replaced
    }

    private static func featureInfos(_ model: GradientBoostingModel) -> [String] {
        var codes = [Set<Int>](repeating: [], count: model.featureCount)
        for tree in model.trees {
            for node in 0..<tree.internalNodeCount where tree.isCategorical[node] {
                codes[tree.splitFeature[node]].formUnion(tree.leftCategories[node])
            }
        }
        return (0..<model.featureCount).map { feature in
            model.categoricalFeatures.contains(feature) && !codes[feature].isEmpty
                ? codes[feature].sorted().map(String.init).joined(separator: ":") : "none"
        }
    }

    /// One `Tree=i` block, ending with the two blank lines LightGBM writes.
    private static func treeBlock(_ tree: RegressionTree, index: Int, internalOffset: Double) -> String {
        func join<T>(_ values: [T], _ format: (T) -> String) -> String { values.map(format).joined(separator: " ") }
        func number(_ value: Double) -> String { numberText(value) }
        let nodes = tree.internalNodeCount
        var thresholds: [String] = []
        var decisionTypes: [Int] = []
        var boundaries = [0]
        var words: [UInt32] = []
        for node in 0..<nodes {
            if tree.isCategorical[node] {
                thresholds.append(String(boundaries.count - 1))
                decisionTypes.append(1 | 2 << 2)
                let codes = tree.leftCategories[node]
                var bitset = [UInt32](repeating: 0, count: (codes.max() ?? 0) / 32 + 1)
                for code in codes { bitset[code / 32] |= 1 << UInt32(code % 32) }
                words += bitset
                boundaries.append(words.count)
            } else {
                thresholds.append(number(tree.threshold[node]))
                decisionTypes.append((tree.defaultLeft[node] ? 2 : 0) | 2 << 2)
            }
        }
        let internalValues = internalValues(tree).map { $0 + internalOffset }
        var block = "Tree=\(index)\nnum_leaves=\(tree.leafValue.count)\nnum_cat=\(boundaries.count - 1)\n"
        block += "split_feature=\(join(tree.splitFeature) { String($0) })\n"
        block += "split_gain=\(join(tree.splitGain, number))\n"
        block += "threshold=\(thresholds.joined(separator: " "))\n"
        block += "decision_type=\(join(decisionTypes) { String($0) })\n"
        block += "left_child=\(join(tree.leftChild) { String($0) })\n"
        block += "right_child=\(join(tree.rightChild) { String($0) })\n"
        block += "leaf_value=\(join(tree.leafValue, number))\n"
        block += "leaf_weight=\(join(tree.leafHessian, number))\n"
        block += "leaf_count=\(join(tree.leafCount) { String($0) })\n"
        block += "internal_value=\(join(internalValues, number))\n"
        block += "internal_weight=\(join(tree.nodeHessian, number))\n"
        block += "internal_count=\(join(tree.nodeCount) { String($0) })\n"
        if boundaries.count > 1 {
            block += "cat_boundaries=\(join(boundaries) { String($0) })\n"
            block += "cat_threshold=\(join(words) { String($0) })\n"
        }
        block += "is_linear=0\nshrinkage=1\n\n\n"
        return block
    }

    /// Shortest text that reads back as the same Double (Swift's `description` round-trips).
    static func numberText(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return value.description
    }

    /// Each internal node's hessian-weighted mean leaf value (count-weighted, then plain mean,
    /// when the hessians are zero), LightGBM's `internal_value`.
    private static func internalValues(_ tree: RegressionTree) -> [Double] {
        var values = [Double](repeating: 0, count: tree.internalNodeCount)
        // Returns (sum of weight x value, sum of weight, leaf count) below `child`.
        func visit(_ child: Int) -> (weighted: Double, weight: Double, plain: Double, leaves: Double) {
            if child < 0 {
                let leaf = ~child
                let weight = tree.leafHessian[leaf] > 0 ? tree.leafHessian[leaf] : Double(tree.leafCount[leaf])
                return (weight * tree.leafValue[leaf], weight, tree.leafValue[leaf], 1)
            }
            let left = visit(tree.leftChild[child]), right = visit(tree.rightChild[child])
            let weighted = left.weighted + right.weighted, weight = left.weight + right.weight
            let plain = left.plain + right.plain, leaves = left.leaves + right.leaves
            values[child] = weight > 0 ? weighted / weight : plain / leaves
            return (weighted, weight, plain, leaves)
        }
        if tree.internalNodeCount > 0 { _ = visit(0) }
        return values
    }
}
