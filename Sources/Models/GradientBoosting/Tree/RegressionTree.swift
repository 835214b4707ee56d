/// One regression tree stored as flat arrays, in LightGBM's layout.
///
/// **Nodes.** Internal nodes are numbered `0..<internalNodeCount` with node 0 the root (when
/// the tree has any split). Leaves are numbered `0..<leafValue.count`. A child reference
/// `c >= 0` is internal node `c`; `c < 0` is leaf `~c` (bitwise not, so `-1` is leaf 0).
/// A tree without splits has no internal nodes and one leaf.
///
/// **Decision at internal node `n` for a raw feature value `x = features[splitFeature[n]]`:**
/// * numeric node (`isCategorical[n] == false`): if `x` is NaN go left iff `defaultLeft[n]`;
///   otherwise go left iff `x <= threshold[n]` (-infinity goes left, +infinity right). A
///   split of "all values vs missing" has threshold `Double.greatestFiniteMagnitude`
///   (LightGBM writes 1e300), so the model stays plain JSON.
/// * categorical node: go left iff `x` is a non-negative integer listed in
///   `leftCategories[n]`; NaN, negative, non-integer and unlisted codes go right
///   (`defaultLeft[n]` is always false), as LightGBM's categorical bitset decision.
///
/// **Output.** The tree's output is `leafValue` of the leaf reached; the learning rate is
/// already folded in. A model's raw score is its initial score plus the sum of its trees'
/// outputs, added in tree order (see `GradientBoostingModel`).
///
/// `nodeCount`/`leafCount` are the training rows (after bagging) that reached each node or
/// leaf; TreeSHAP uses them as covers, as LightGBM's `internal_count`/`leaf_count`.
public struct RegressionTree: Sendable, Codable, Equatable {
    /// Feature column tested at each internal node.
    public var splitFeature: [Int]
    /// Raw threshold of each numeric node (`x <= threshold` goes left); 0 (unused) at categorical nodes.
    public var threshold: [Double]
    /// Where NaN goes at each node: `true` = left. Always `false` at categorical nodes.
    public var defaultLeft: [Bool]
    /// Whether each internal node is a categorical split.
    public var isCategorical: [Bool]
    /// Category codes sent left at each categorical node, ascending; empty for numeric nodes.
    public var leftCategories: [[Int]]
    /// Left child of each internal node (`>= 0` node, `< 0` leaf `~child`).
    public var leftChild: [Int]
    /// Right child of each internal node (`>= 0` node, `< 0` leaf `~child`).
    public var rightChild: [Int]
    /// Loss reduction of each split (`G_L²/(H_L+λ) + G_R²/(H_R+λ) - G²/(H+λ)`, LightGBM's `split_gain`).
    public var splitGain: [Double]
    /// Training rows reaching each internal node.
    public var nodeCount: [Int]
    /// Sum of hessians reaching each internal node.
    public var nodeHessian: [Double]
    /// Output of each leaf (already multiplied by the learning rate).
    public var leafValue: [Double]
    /// Training rows reaching each leaf.
    public var leafCount: [Int]
    /// Sum of hessians reaching each leaf.
    public var leafHessian: [Double]

    /// Number of internal (split) nodes; the leaf count is one more.
    public var internalNodeCount: Int { splitFeature.count }

    /// A tree with a single leaf of value `value`.
    public init(constant value: Double, count: Int, hessian: Double) {
        splitFeature = []; threshold = []; defaultLeft = []; isCategorical = []; leftCategories = []
        leftChild = []; rightChild = []; splitGain = []; nodeCount = []; nodeHessian = []
        leafValue = [value]; leafCount = [count]; leafHessian = [hessian]
    }

    /// Whether a value goes left at internal node `node`; the exact rule documented on the type.
    @inlinable
    public func goesLeft(node: Int, value: Double) -> Bool {
        if isCategorical[node] {
            guard value >= 0, value < 2_147_483_647, value == value.rounded(.towardZero) else { return false }
            return leftCategories[node].contains(Int(value))
        }
        if value.isNaN { return defaultLeft[node] }
        return value <= threshold[node]
    }

    /// The leaf reached by a row, `feature(j)` returning the raw value of feature `j`.
    /// O(depth).
    @inlinable
    public func leafIndex(_ feature: (Int) -> Double) -> Int {
        if splitFeature.isEmpty { return 0 }
        var node = 0
        while true {
            let next = goesLeft(node: node, value: feature(splitFeature[node])) ? leftChild[node] : rightChild[node]
            if next < 0 { return ~next }
            node = next
        }
    }

    /// The tree's output for one row given as a full feature vector. O(depth).
    public func output(features: [Double]) -> Double { leafValue[leafIndex { features[$0] }] }

    /// Depth of the deepest leaf (0 for a single-leaf tree).
    public var maximumDepth: Int {
        func depth(_ child: Int) -> Int { child < 0 ? 0 : 1 + max(depth(leftChild[child]), depth(rightChild[child])) }
        return splitFeature.isEmpty ? 0 : depth(0)
    }

    /// Checks the flat arrays describe one tree: equal lengths, features in
    /// `0..<featureCount`, every node and leaf reached exactly once from the root, category
    /// codes in `0..<1_048_576`. O(nodes). Decoding a `GradientBoostingModel` runs it, so a
    /// corrupt file throws instead of trapping at prediction.
    public func validate(featureCount: Int) throws(GradientBoostingError) {
        func fail(_ reason: String) -> GradientBoostingError { .malformedTree(index: -1, reason: reason) }
        let nodes = splitFeature.count
        let perNode = [threshold.count, defaultLeft.count, isCategorical.count, leftCategories.count, leftChild.count,
                       rightChild.count, splitGain.count, nodeCount.count, nodeHessian.count]
        guard perNode.allSatisfy({ $0 == nodes }) else { throw fail("node arrays have different lengths \(perNode) for \(nodes) nodes") }
        guard leafValue.count == nodes + 1, leafCount.count == nodes + 1, leafHessian.count == nodes + 1 else {
            throw fail("\(leafValue.count) leaf values for \(nodes) internal nodes (need one more leaf than nodes)")
        }
        var nodeSeen = [Bool](repeating: false, count: nodes)
        var leafSeen = [Bool](repeating: false, count: nodes + 1)
        for node in 0..<nodes {
            guard splitFeature[node] >= 0, splitFeature[node] < featureCount else {
                throw fail("node \(node) splits on feature \(splitFeature[node]) of \(featureCount)")
            }
            guard leftCategories[node].allSatisfy({ $0 >= 0 && $0 < 1_048_576 }) else {
                throw fail("node \(node) lists a category code outside 0..<1048576")
            }
            for child in [leftChild[node], rightChild[node]] {
                if child >= 0 {
                    guard child > node, child < nodes, !nodeSeen[child] else { throw fail("node \(node) has bad child \(child)") }
                    nodeSeen[child] = true
                } else {
                    guard ~child < nodes + 1, !leafSeen[~child] else { throw fail("node \(node) has bad leaf \(~child)") }
                    leafSeen[~child] = true
                }
            }
        }
        if nodes > 0 {
            guard !nodeSeen[0], nodeSeen[1...].allSatisfy({ $0 }), leafSeen.allSatisfy({ $0 }) else {
                throw fail("some nodes or leaves are unreachable from the root")
            }
        }
    }
}
