import Foundation

/// The attributes of an `ai.onnx.ml.TreeEnsemble` node (ai.onnx.ml opset 5) that evaluates a
/// tree ensemble in double precision, exactly as `RegressionTree` does.
///
/// **Why opset 5.** `TreeEnsembleRegressor` (opset 3) always outputs float32, so its raw score
/// carries float32 rounding (about 6e-8 relative) even with double thresholds. `TreeEnsemble`
/// takes a double input, stores splits and leaf weights as double tensors and outputs double,
/// so the only difference from the workbench is the order of the leaf sums (see below).
///
/// **Node mapping.** Interior nodes and leaves are separate arrays (`nodes_*`, `leaf_*`);
/// a branch names either a node index or a leaf index (`nodes_trueleafs` / `nodes_falseleafs`),
/// both global across trees.
/// * A numeric split `x <= threshold` (left) is `BRANCH_LEQ` against the double threshold, true
///   branch = left, `nodes_missing_value_tracks_true` = default-left, so NaN and values exactly
///   on the threshold take the workbench's branch.
/// * A categorical split whose codes `c1 < ... < ck` go left is one `BRANCH_MEMBER` node with
///   those codes in `membership_values` (sets separated by NaN), true branch = left, missing
///   tracks false (NaN goes right, the workbench's categorical rule). onnxruntime truncates a
///   non-integer input toward zero when it tests a large set (more than 30 codes or a code
///   above 30), so the exporter's graph replaces non-integer, negative and too large values of
///   categorical columns by NaN before the trees (`ONNXExporter`); the workbench sends all of
///   those right too. A split that sends no code left is one `BRANCH_EQ` against NaN, which
///   never holds.
/// * A single-leaf tree is a node whose two branches are the same leaf (onnxruntime reads it as
///   a leaf).
///
/// **Summation.** Tree 0 is such a single-leaf tree holding the initial score, then the trees in
/// order, summed from 0 (`aggregate_function` SUM, no base values): onnxruntime computes
/// `((0 + initial) + leaf_0) + leaf_1 + ...`, the workbench's order, whenever it sums one row's
/// trees on one thread. With several threads and many rows it sums blocks of trees per thread
/// and adds the block sums, which can change the last bits (about 1e-16 relative to the sum of
/// absolute leaf values).
struct ONNXDoubleTreeEnsemble: Sendable {
    /// `nodes_modes` values (`NODE_MODE` of the TreeEnsemble operator).
    enum Mode: UInt8 {
        case lessOrEqual = 0
        case equal = 4
        case member = 6
    }

    var treeRoots: [Int64] = []
    var modes: [UInt8] = []
    var featureIdentifiers: [Int64] = []
    var splits: [Double] = []
    var trueIdentifiers: [Int64] = []
    var trueIsLeaf: [Int64] = []
    var falseIdentifiers: [Int64] = []
    var falseIsLeaf: [Int64] = []
    var missingValueTracksTrue: [Int64] = []
    var membershipValues: [Double] = []
    var leafWeights: [Double] = []
    /// The largest category code any split lists (-1 when there is no categorical split).
    private(set) var largestCategoryCode = -1

    /// Category codes up to 2^53 are exact in double.
    static let largestExactCategoryCode = 1 << 53

    /// Converts the initial score and all trees. O(total nodes + total left categories).
    ///
    /// - Precondition: `featureCount >= 1` (every node names feature 0 at least).
    init(initialScore: Double, trees: [RegressionTree], featureCount: Int) throws(ModelExportError) {
        precondition(featureCount >= 1, "a tree ensemble graph needs at least one input feature, got \(featureCount)")
        appendConstant(initialScore)
        for (treeIndex, tree) in trees.enumerated() { try append(tree, treeIndex: treeIndex) }
    }

    /// A tree that is one leaf: a node (feature 0, `x <= 0`) whose both branches are that leaf.
    private mutating func appendConstant(_ value: Double) {
        treeRoots.append(Int64(modes.count))
        let leaf = Int64(leafWeights.count)
        leafWeights.append(value)
        addNode(feature: 0, mode: .lessOrEqual, split: 0, ifTrue: (leaf, true), ifFalse: (leaf, true), missingTrue: false)
    }

    private mutating func addNode(feature: Int, mode: Mode, split: Double, ifTrue: (Int64, Bool), ifFalse: (Int64, Bool), missingTrue: Bool) {
        modes.append(mode.rawValue)
        featureIdentifiers.append(Int64(feature))
        splits.append(split)
        trueIdentifiers.append(ifTrue.0); trueIsLeaf.append(ifTrue.1 ? 1 : 0)
        falseIdentifiers.append(ifFalse.0); falseIsLeaf.append(ifFalse.1 ? 1 : 0)
        missingValueTracksTrue.append(missingTrue ? 1 : 0)
    }

    private mutating func append(_ tree: RegressionTree, treeIndex: Int) throws(ModelExportError) {
        guard tree.internalNodeCount > 0 else {
            appendConstant(tree.leafValue.first ?? 0)
            return
        }
        let firstNode = Int64(modes.count), firstLeaf = Int64(leafWeights.count)
        treeRoots.append(firstNode)
        leafWeights.append(contentsOf: tree.leafValue)
        // Internal node i is ONNX node firstNode + i; leaf ~child is ONNX leaf firstLeaf + ~child.
        func reference(_ child: Int) -> (Int64, Bool) { child >= 0 ? (firstNode + Int64(child), false) : (firstLeaf + Int64(~child), true) }
        for node in 0..<tree.internalNodeCount {
            let feature = tree.splitFeature[node]
            let left = reference(tree.leftChild[node]), right = reference(tree.rightChild[node])
            guard tree.isCategorical[node] else {
                addNode(feature: feature, mode: .lessOrEqual, split: tree.threshold[node], ifTrue: left, ifFalse: right, missingTrue: tree.defaultLeft[node])
                continue
            }
            let codes = tree.leftCategories[node]
            guard !codes.isEmpty else {
                addNode(feature: feature, mode: .equal, split: .nan, ifTrue: left, ifFalse: right, missingTrue: false)
                continue
            }
            for code in codes {
                guard code >= 0, code <= Self.largestExactCategoryCode else {
                    throw .categoryCodeNotExactInDouble(tree: treeIndex, node: node, code: code)
                }
                membershipValues.append(Double(code))
                largestCategoryCode = max(largestCategoryCode, code)
            }
            membershipValues.append(.nan)
            addNode(feature: feature, mode: .member, split: 0, ifTrue: left, ifFalse: right, missingTrue: false)
        }
    }

    /// The `TreeEnsemble` attributes (ai.onnx.ml opset 5): one target, sum, no post transform.
    func attributes() -> [ONNXProto.Attribute] {
        func doubles(_ values: [Double]) -> ONNXProto.AttributeValue {
            .tensor(.init(dimensions: [Int64(values.count)], elements: .double(values)))
        }
        var attributes: [ONNXProto.Attribute] = [
            .init(name: "aggregate_function", value: .int(1)),  // SUM
            .init(name: "leaf_targetids", value: .ints([Int64](repeating: 0, count: leafWeights.count))),
            .init(name: "leaf_weights", value: doubles(leafWeights)),
        ]
        if !membershipValues.isEmpty {
            attributes.append(.init(name: "membership_values", value: doubles(membershipValues)))
        }
        attributes += [
            .init(name: "n_targets", value: .int(1)),
            .init(name: "nodes_falseleafs", value: .ints(falseIsLeaf)),
            .init(name: "nodes_falsenodeids", value: .ints(falseIdentifiers)),
            .init(name: "nodes_featureids", value: .ints(featureIdentifiers)),
            .init(name: "nodes_missing_value_tracks_true", value: .ints(missingValueTracksTrue)),
            .init(name: "nodes_modes", value: .tensor(.init(dimensions: [Int64(modes.count)], elements: .uint8(modes)))),
            .init(name: "nodes_splits", value: doubles(splits)),
            .init(name: "nodes_trueleafs", value: .ints(trueIsLeaf)),
            .init(name: "nodes_truenodeids", value: .ints(trueIdentifiers)),
            .init(name: "post_transform", value: .int(0)),  // NONE
            .init(name: "tree_roots", value: .ints(treeRoots)),
        ]
        return attributes
    }
}
