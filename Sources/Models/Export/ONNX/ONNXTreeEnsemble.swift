import Foundation

/// The attribute arrays of an `ai.onnx.ml.TreeEnsembleRegressor` node for a tree ensemble.
///
/// **Node mapping.** Each numeric split becomes one `BRANCH_LEQ` node (true branch = left,
/// as our `x <= threshold` goes left) whose `nodes_missing_value_tracks_true` is our
/// `defaultLeft`, so NaN takes the same branch. A categorical split with codes
/// `c1 < c2 < ... < ck` going left becomes a chain of `k` `BRANCH_EQ` nodes: node `i` tests
/// `x == ci`, its true branch is the left subtree and its false branch the next node in the
/// chain, the last one's false branch the right subtree. NaN, negative, non-integer and
/// unlisted codes fail every equality and reach the right subtree, exactly our categorical
/// rule. The left subtree is shared by the chain (the nodes form a DAG: several nodes name the
/// same true-branch node id; onnxruntime 1.31 and `onnx.checker` accept it, see the tests), so
/// its size is not multiplied. A categorical split
/// with no left codes becomes one `BRANCH_EQ` against NaN, which never holds.
///
/// **Numbering.** Within tree `t`, the ONNX ids are: each internal node's chain in internal
/// node order, then the leaves in leaf order. Leaves are `LEAF` nodes with a
/// `target_weights` entry (their value, rounded to nearest float32) for target 0.
///
/// **float32.** The ONNX operator stores thresholds as float32 and onnxruntime compares
/// float32 inputs against them. Each threshold `t` is rounded *down* to the largest float32
/// `t32 <= t` (`roundedDownToFloat32`), which makes the float32 comparison exact: for every
/// float32 input `x`, `x <= t` if and only if `x <= t32` (if `x <= t` then `x` is a float32
/// not above `t`, so `x <= t32`, the largest such; conversely `t32 <= t`). So an input that is
/// already float32 follows the same path as in the Double model; only leaf values and their
/// sum carry float32 rounding (relative error about 6e-8 per leaf).
struct ONNXTreeEnsemble: Sendable {
    var treeIdentifiers: [Int64] = []
    var nodeIdentifiers: [Int64] = []
    var featureIdentifiers: [Int64] = []
    var modes: [String] = []
    var values: [Float] = []
    var trueNodeIdentifiers: [Int64] = []
    var falseNodeIdentifiers: [Int64] = []
    var missingValueTracksTrue: [Int64] = []
    var targetTreeIdentifiers: [Int64] = []
    var targetNodeIdentifiers: [Int64] = []
    var targetIdentifiers: [Int64] = []
    var targetWeights: [Float] = []

    /// Category codes up to 2^24 are exact in float32.
    static let largestExactCategoryCode = 1 << 24

    /// The largest float32 not above `value` (`-infinity` below `-Float.greatestFiniteMagnitude`,
    /// `Float.greatestFiniteMagnitude` for values beyond it such as the 'all values vs missing'
    /// threshold `Double.greatestFiniteMagnitude`).
    static func roundedDownToFloat32(_ value: Double) -> Float {
        if value.isNaN { return .nan }
        var rounded = Float(value)
        if Double(rounded) > value { rounded = rounded.nextDown }
        return rounded
    }

    /// Converts all trees. O(total nodes + total left categories).
    init(trees: [RegressionTree]) throws(ModelExportError) {
        for (treeIndex, tree) in trees.enumerated() { try append(tree, treeIndex: treeIndex) }
    }

    private mutating func append(_ tree: RegressionTree, treeIndex: Int) throws(ModelExportError) {
        let treeIdentifier = Int64(treeIndex)
        var firstIdentifier = [Int64](repeating: 0, count: tree.internalNodeCount)
        var next: Int64 = 0
        for node in 0..<tree.internalNodeCount {
            firstIdentifier[node] = next
            next += tree.isCategorical[node] ? Int64(max(1, tree.leftCategories[node].count)) : 1
        }
        let firstLeafIdentifier = next
        func reference(_ child: Int) -> Int64 { child >= 0 ? firstIdentifier[child] : firstLeafIdentifier + Int64(~child) }
        func addNode(_ id: Int64, feature: Int, mode: String, value: Float, ifTrue: Int64, ifFalse: Int64, missingTrue: Bool) {
            treeIdentifiers.append(treeIdentifier); nodeIdentifiers.append(id)
            featureIdentifiers.append(Int64(feature)); modes.append(mode); values.append(value)
            trueNodeIdentifiers.append(ifTrue); falseNodeIdentifiers.append(ifFalse)
            missingValueTracksTrue.append(missingTrue ? 1 : 0)
        }
        for node in 0..<tree.internalNodeCount {
            let feature = tree.splitFeature[node]
            let left = reference(tree.leftChild[node]), right = reference(tree.rightChild[node])
            if !tree.isCategorical[node] {
                addNode(
                    firstIdentifier[node], feature: feature, mode: "BRANCH_LEQ",
                    value: Self.roundedDownToFloat32(tree.threshold[node]), ifTrue: left, ifFalse: right,
                    missingTrue: tree.defaultLeft[node])
                continue
            }
            let codes = tree.leftCategories[node]
            if codes.isEmpty {
                addNode(firstIdentifier[node], feature: feature, mode: "BRANCH_EQ", value: .nan, ifTrue: left, ifFalse: right, missingTrue: false)
                continue
            }
            for (position, code) in codes.enumerated() {
                guard code >= 0, code <= Self.largestExactCategoryCode else {
                    throw .categoryCodeNotExactInFloat32(tree: treeIndex, node: node, code: code)
                }
                let id = firstIdentifier[node] + Int64(position)
                let isLast = position == codes.count - 1
                addNode(id, feature: feature, mode: "BRANCH_EQ", value: Float(code), ifTrue: left, ifFalse: isLast ? right : id + 1, missingTrue: false)
            }
        }
        for (leaf, value) in tree.leafValue.enumerated() {
            let id = firstLeafIdentifier + Int64(leaf)
            addNode(id, feature: 0, mode: "LEAF", value: 0, ifTrue: 0, ifFalse: 0, missingTrue: false)
            targetTreeIdentifiers.append(treeIdentifier); targetNodeIdentifiers.append(id)
            targetIdentifiers.append(0); targetWeights.append(Float(value))
        }
    }

    /// The `TreeEnsembleRegressor` attributes (ai.onnx.ml opset 3), one target, sum of trees
    /// plus `baseValue`, no post transform.
    func attributes(baseValue: Double) -> [ONNXProto.Attribute] {
        [
            .init(name: "aggregate_function", value: .string("SUM")),
            .init(name: "base_values", value: .floats([Float(baseValue)])),
            .init(name: "n_targets", value: .int(1)),
            .init(name: "nodes_falsenodeids", value: .ints(falseNodeIdentifiers)),
            .init(name: "nodes_featureids", value: .ints(featureIdentifiers)),
            .init(name: "nodes_missing_value_tracks_true", value: .ints(missingValueTracksTrue)),
            .init(name: "nodes_modes", value: .strings(modes)),
            .init(name: "nodes_nodeids", value: .ints(nodeIdentifiers)),
            .init(name: "nodes_treeids", value: .ints(treeIdentifiers)),
            .init(name: "nodes_truenodeids", value: .ints(trueNodeIdentifiers)),
            .init(name: "nodes_values", value: .floats(values)),
            .init(name: "post_transform", value: .string("NONE")),
            .init(name: "target_ids", value: .ints(targetIdentifiers)),
            .init(name: "target_nodeids", value: .ints(targetNodeIdentifiers)),
            .init(name: "target_treeids", value: .ints(targetTreeIdentifiers)),
            .init(name: "target_weights", value: .floats(targetWeights)),
        ]
    }
}
