import Foundation

/// Turns the `key=value` fields of one LightGBM `Tree=i` block into a `RegressionTree`.
///
/// The mapping of LightGBM's decision types onto our decision rule is documented on
/// `LightGBMTextFormat.importModel(_:)`. Nodes are renumbered in preorder (root 0) while
/// the tree is rebuilt, because a `Zero` missing-type node may need extra nodes and copies
/// of its subtrees.
struct LightGBMTreeReader {
    private let treeIndex: Int
    private let leafCount: Int
    private let splitFeature: [Int]
    private let splitGain: [Double]
    private let threshold: [Double]
    private let decisionType: [Int]
    private let leftChild: [Int]
    private let rightChild: [Int]
    private let leafValue: [Double]
    private let leafWeight: [Double]
    private let leafSampleCount: [Int]
    private let internalWeight: [Double]
    private let internalCount: [Int]
    private let categoryBoundaries: [Int]
    private let categoryWords: [UInt32]

    /// The tree being built.
    private var tree = RegressionTree(constant: 0, count: 0, hessian: 0)
    /// LightGBM nodes on the current root-to-node path, to reject cyclic child references.
    private var path: Set<Int> = []

    init(fields: [String: String], treeIndex: Int, featureCount: Int) throws(ModelExportError) {
        self.treeIndex = treeIndex
        func field(_ name: String) throws(ModelExportError) -> String {
            guard let value = fields[name] else { throw .missingField(name: name, tree: treeIndex) }
            return value
        }
        func values<T>(_ name: String, count: Int, optional: Bool = false, _ parse: (Substring) -> T?) throws(ModelExportError) -> [T] {
            guard let text = fields[name] else {
                if optional { return [] }
                throw .missingField(name: name, tree: treeIndex)
            }
            var result: [T] = []
            for token in text.split(separator: " ") {
                guard let value = parse(token) else { throw .invalidField(name: name, tree: treeIndex, reason: "'\(token)' is not a number") }
                result.append(value)
            }
            guard result.count == count else {
                throw .invalidField(name: name, tree: treeIndex, reason: "\(result.count) values, expected \(count)")
            }
            return result
        }
        let double: (Substring) -> Double? = { Double($0) }
        let integer: (Substring) -> Int? = { Int($0) }
        guard let leaves = Int(try field("num_leaves")), leaves >= 1 else {
            throw .invalidField(name: "num_leaves", tree: treeIndex, reason: "not a positive integer")
        }
        if fields["is_linear"].flatMap({ Int($0) }) ?? 0 != 0 {
            throw .unsupportedModel(reason: "tree \(treeIndex) is a linear tree (linear_tree=true); only constant leaves are supported")
        }
        leafCount = leaves
        let nodes = leaves - 1
        leafValue = try values("leaf_value", count: leaves, double)
        splitFeature = nodes == 0 ? [] : try values("split_feature", count: nodes, integer)
        threshold = nodes == 0 ? [] : try values("threshold", count: nodes, double)
        decisionType = nodes == 0 ? [] : try values("decision_type", count: nodes, integer)
        leftChild = nodes == 0 ? [] : try values("left_child", count: nodes, integer)
        rightChild = nodes == 0 ? [] : try values("right_child", count: nodes, integer)
        splitGain = nodes == 0 ? [] : try values("split_gain", count: nodes, optional: true, double)
        internalWeight = nodes == 0 ? [] : try values("internal_weight", count: nodes, optional: true, double)
        internalCount = nodes == 0 ? [] : try values("internal_count", count: nodes, optional: true, integer)
        leafWeight = try values("leaf_weight", count: leaves, optional: true, double)
        leafSampleCount = try values("leaf_count", count: leaves, optional: true, integer)
        let categoricalNodes = (fields["num_cat"].flatMap { Int($0) }) ?? 0
        if categoricalNodes > 0 {
            categoryBoundaries = try values("cat_boundaries", count: categoricalNodes + 1, integer)
            let wordCount = categoryBoundaries.last ?? 0
            categoryWords = try values("cat_threshold", count: wordCount) { UInt32($0) }
            for k in 0..<categoricalNodes where !(0...wordCount).contains(categoryBoundaries[k]) || categoryBoundaries[k] > categoryBoundaries[k + 1] {
                throw .invalidField(name: "cat_boundaries", tree: treeIndex, reason: "boundaries must rise from 0 to \(wordCount)")
            }
        } else {
            categoryBoundaries = []; categoryWords = []
        }
        for node in 0..<nodes {
            guard (0..<featureCount).contains(splitFeature[node]) else {
                throw .invalidField(name: "split_feature", tree: treeIndex, reason: "feature \(splitFeature[node]) at node \(node) is outside 0..<\(featureCount)")
            }
            for child in [leftChild[node], rightChild[node]] where child >= nodes || ~child >= leaves {
                throw .invalidField(name: "left_child/right_child", tree: treeIndex, reason: "node \(node) refers to \(child), outside the \(nodes) nodes and \(leaves) leaves")
            }
            if decisionType[node] & 1 != 0 {
                let index = Int(exactly: threshold[node]) ?? -1
                guard (0..<categoricalNodes).contains(index) else {
                    throw .invalidField(name: "threshold", tree: treeIndex, reason: "categorical node \(node) names bitset \(threshold[node]) of \(categoricalNodes)")
                }
            }
        }
    }

    /// The rebuilt tree. O(nodes), more when `Zero` missing-type nodes copy subtrees.
    mutating func regressionTree() throws(ModelExportError) -> RegressionTree {
        if leafCount == 1 {
            return RegressionTree(constant: leafValue[0], count: leafSampleCount.first ?? 0, hessian: leafWeight.first ?? 0)
        }
        tree.leafValue = []; tree.leafCount = []; tree.leafHessian = []
        _ = try build(0)
        return tree
    }

    /// Appends LightGBM child `child` (node or `~leaf`) and everything below it; returns our reference.
    private mutating func build(_ child: Int) throws(ModelExportError) -> Int {
        if child < 0 {
            let leaf = ~child
            tree.leafValue.append(leafValue[leaf])
            tree.leafCount.append(leafSampleCount.isEmpty ? 0 : leafSampleCount[leaf])
            tree.leafHessian.append(leafWeight.isEmpty ? 0 : leafWeight[leaf])
            return ~(tree.leafValue.count - 1)
        }
        guard path.insert(child).inserted else {
            throw .invalidField(name: "left_child/right_child", tree: treeIndex, reason: "node \(child) is its own ancestor")
        }
        defer { path.remove(child) }
        let node = child
        let type = decisionType[node]
        let defaultLeft = type & 2 != 0
        if type & 1 != 0 {
            let reference = addNode(from: node, threshold: 0, defaultLeft: false, categories: categories(ofNode: node))
            try attachChildren(reference, left: leftChild[node], right: rightChild[node])
            return reference
        }
        let t = threshold[node]
        let zero = LightGBMTextFormat.zeroThreshold
        let belowZero = (-zero).nextDown  // `x <= belowZero` is `x < -zero`
        switch (type >> 2) & 3 {
        case 0:  // None: NaN is read as 0.
            let reference = addNode(from: node, threshold: t, defaultLeft: 0 <= t)
            try attachChildren(reference, left: leftChild[node], right: rightChild[node])
            return reference
        case 1:  // Zero: NaN and |x| <= zero follow the default bit.
            return try buildZeroMissing(node: node, threshold: t, defaultLeft: defaultLeft, zero: zero, belowZero: belowZero)
        default:  // NaN
            let reference = addNode(from: node, threshold: t, defaultLeft: defaultLeft)
            try attachChildren(reference, left: leftChild[node], right: rightChild[node])
            return reference
        }
    }

    /// A `Zero` missing-type node as one node when the zero interval merges with one side of
    /// the threshold, else as three nodes with copied subtrees (see `importModel`).
    private mutating func buildZeroMissing(node: Int, threshold t: Double, defaultLeft: Bool, zero: Double, belowZero: Double) throws(ModelExportError) -> Int {
        let left = leftChild[node], right = rightChild[node]
        if defaultLeft {
            if t >= zero || t >= -zero {
                // Left iff NaN or x <= max(t, zero).
                let reference = addNode(from: node, threshold: max(t, zero), defaultLeft: true)
                try attachChildren(reference, left: left, right: right)
                return reference
            }
            // t < -zero: left iff NaN, x <= t or |x| <= zero.
            let first = addNode(from: node, threshold: t, defaultLeft: true)
            tree.leftChild[first] = try build(left)
            let second = addNode(from: node, threshold: belowZero, defaultLeft: false, helper: true)
            tree.rightChild[first] = second
            tree.leftChild[second] = try build(right)
            let third = addNode(from: node, threshold: zero, defaultLeft: false, helper: true)
            tree.rightChild[second] = third
            try attachChildren(third, left: left, right: right)
            return first
        }
        if t < zero {
            // Left iff x <= t and x < -zero (NaN and zeros right).
            let reference = addNode(from: node, threshold: min(t, belowZero), defaultLeft: false)
            try attachChildren(reference, left: left, right: right)
            return reference
        }
        // t >= zero: left iff x < -zero or zero < x <= t.
        let first = addNode(from: node, threshold: belowZero, defaultLeft: false)
        tree.leftChild[first] = try build(left)
        let second = addNode(from: node, threshold: zero, defaultLeft: true, helper: true)
        tree.rightChild[first] = second
        tree.leftChild[second] = try build(right)
        let third = addNode(from: node, threshold: t, defaultLeft: false, helper: true)
        tree.rightChild[second] = third
        try attachChildren(third, left: left, right: right)
        return first
    }

    private mutating func attachChildren(_ reference: Int, left: Int, right: Int) throws(ModelExportError) {
        tree.leftChild[reference] = try build(left)
        tree.rightChild[reference] = try build(right)
    }

    /// Appends an internal node copying LightGBM node `source`'s feature and statistics;
    /// `helper` nodes (extra tests of a `Zero` node) get zero gain so importance is not doubled.
    private mutating func addNode(from source: Int, threshold: Double, defaultLeft: Bool, categories: [Int]? = nil, helper: Bool = false) -> Int {
        tree.splitFeature.append(splitFeature[source])
        tree.threshold.append(threshold)
        tree.defaultLeft.append(defaultLeft)
        tree.isCategorical.append(categories != nil)
        tree.leftCategories.append(categories ?? [])
        tree.leftChild.append(0)
        tree.rightChild.append(0)
        tree.splitGain.append(helper || splitGain.isEmpty ? 0 : splitGain[source])
        tree.nodeCount.append(internalCount.isEmpty ? 0 : internalCount[source])
        tree.nodeHessian.append(internalWeight.isEmpty ? 0 : internalWeight[source])
        return tree.splitFeature.count - 1
    }

    /// Codes whose bits are set in the node's `cat_threshold` words, ascending.
    private func categories(ofNode node: Int) -> [Int] {
        let index = Int(threshold[node])
        var codes: [Int] = []
        for word in categoryBoundaries[index]..<categoryBoundaries[index + 1] {
            for bit in 0..<32 where categoryWords[word] >> UInt32(bit) & 1 == 1 {
                codes.append((word - categoryBoundaries[index]) * 32 + bit)
            }
        }
        return codes
    }
}
