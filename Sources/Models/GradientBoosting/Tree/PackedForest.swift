/// All trees of a model as one flat node array, for fast batch prediction.
///
/// Each node packs feature, children and threshold into 24 bytes so a tree's top levels share
/// cache lines; categorical sets become bitsets in one shared word array. The decision rule is
/// exactly `RegressionTree`'s (NaN follows `defaultLeft`, `x <= threshold` goes left,
/// categorical codes in the set go left, everything else right).
struct PackedForest: Sendable {
    struct Node: Sendable {
        /// Numeric threshold; for categorical nodes, the bitset's first word index (as Double).
        var threshold: Double
        var feature: Int32
        /// Bit 0: default left; bit 1: categorical. Upper 16 bits: bitset word count.
        var flags: UInt32
        /// Children: `>= 0` node index within the forest, `< 0` leaf `~child` within the forest.
        var left: Int32
        var right: Int32
    }

    var nodes: [Node] = []
    var leafValues: [Double] = []
    var bitsets: [UInt64] = []
    /// Per tree: root reference (a node index, or `~leaf` for a single-leaf tree).
    var roots: [Int32] = []

    init(trees: [RegressionTree]) {
        defer {
            // Sentinels keep every array non-empty, so base addresses always exist.
            nodes.append(Node(threshold: 0, feature: 0, flags: 0, left: -1, right: -1))
            leafValues.append(0)
            bitsets.append(0)
        }
        for tree in trees {
            let nodeBase = Int32(nodes.count)
            let leafBase = Int32(leafValues.count)
            func reference(_ child: Int) -> Int32 { child >= 0 ? nodeBase + Int32(child) : ~(leafBase + Int32(~child)) }
            roots.append(tree.internalNodeCount == 0 ? ~leafBase : nodeBase)
            for node in 0..<tree.internalNodeCount {
                var flags: UInt32 = tree.defaultLeft[node] ? 1 : 0
                var threshold = tree.threshold[node]
                if tree.isCategorical[node] {
                    let categories = tree.leftCategories[node]
                    let words = ((categories.max() ?? 0) / 64) + 1
                    threshold = Double(bitsets.count)
                    var set = [UInt64](repeating: 0, count: words)
                    for category in categories { set[category / 64] |= 1 << UInt64(category % 64) }
                    bitsets.append(contentsOf: set)
                    flags = 2 | (UInt32(words) << 16)
                }
                nodes.append(Node(
                    threshold: threshold, feature: Int32(tree.splitFeature[node]), flags: flags,
                    left: reference(tree.leftChild[node]), right: reference(tree.rightChild[node])))
            }
            leafValues.append(contentsOf: tree.leafValue)
        }
    }

    /// `initialScore` plus all trees' outputs in tree order, for one row stored contiguously
    /// at `row` (row-major): the same additions, in the same order, as the model's
    /// documented raw score, so batch and single-row scores are bit-identical.
    ///
    /// Figure (release, perf, one thread): ~36 ns per row and tree of 31 leaves, 200k rows x
    /// 31 trees in 225 ms; the data-dependent branch at each node dominates.
    @inline(__always)
    func output(initialScore: Double, row: UnsafePointer<Double>, nodes: UnsafePointer<Node>, leaves: UnsafePointer<Double>, bitsets: UnsafePointer<UInt64>) -> Double {
        var sum = initialScore
        for root in roots {
            var current = root
            while current >= 0 {
                let node = nodes[Int(current)]
                let value = row[Int(node.feature)]
                let goLeft: Bool
                if node.flags & 2 == 0 {
                    goLeft = value.isNaN ? (node.flags & 1 != 0) : value <= node.threshold
                } else if value >= 0 && value < 2_147_483_647 && value == value.rounded(.towardZero) {
                    let category = Int(value)
                    let word = category >> 6
                    goLeft = word < Int(node.flags >> 16)
                        && bitsets[Int(node.threshold) + word] & (1 << UInt64(category & 63)) != 0
                } else {
                    goLeft = false
                }
                current = goLeft ? node.left : node.right
            }
            sum += leaves[Int(~current)]
        }
        return sum
    }
}
