import Models

/// One tree of `model.json`, as parallel arrays (LightGBM's layout).
///
/// Internal nodes are `0..<split_feature.count`, node 0 the root; leaves are
/// `0..<leaf_value.count`. A child `c >= 0` is internal node `c`; `c < 0` is leaf `-c - 1`.
/// At node `n` with `x = features[split_feature[n]]`: a numeric node sends `x` left when it is
/// missing and `default_left[n]`, or when `x <= threshold[n]`; a categorical node sends `x`
/// left when it is a non-missing code listed in `left_categories[n]`, every other value right.
/// `split_gain`, `internal_count` and `leaf_count` are informational (training statistics).
public struct TreeArtifact: Sendable, Codable, Equatable {
    /// Feature index tested at each internal node.
    public var splitFeature: [Int]
    /// Numeric threshold per internal node (`x <= threshold` goes left); 0 at categorical nodes.
    public var threshold: [Double]
    /// Whether a missing value goes left at each node.
    public var defaultLeft: [Bool]
    /// Whether each internal node is a categorical split.
    public var categorical: [Bool]
    /// Codes sent left at each categorical node, ascending; `[]` at numeric nodes.
    public var leftCategories: [[Int]]
    /// Left child per internal node.
    public var leftChild: [Int]
    /// Right child per internal node.
    public var rightChild: [Int]
    /// Output per leaf (learning rate already applied).
    public var leafValue: [Double]
    /// Training loss reduction of each split (informational).
    public var splitGain: [Double]
    /// Training rows reaching each internal node (informational).
    public var internalCount: [Int]
    /// Training rows reaching each leaf (informational).
    public var leafCount: [Int]

    enum CodingKeys: String, CodingKey {
        case threshold, categorical
        case splitFeature = "split_feature"
        case defaultLeft = "default_left"
        case leftCategories = "left_categories"
        case leftChild = "left_child"
        case rightChild = "right_child"
        case leafValue = "leaf_value"
        case splitGain = "split_gain"
        case internalCount = "internal_count"
        case leafCount = "leaf_count"
    }

    /// The artifact form of a trained tree.
    public init(_ tree: RegressionTree) {
        splitFeature = tree.splitFeature
        threshold = tree.threshold
        defaultLeft = tree.defaultLeft
        categorical = tree.isCategorical
        leftCategories = tree.leftCategories
        leftChild = tree.leftChild
        rightChild = tree.rightChild
        leafValue = tree.leafValue
        splitGain = tree.splitGain
        internalCount = tree.nodeCount
        leafCount = tree.leafCount
    }

    /// The leaf a row reaches, `feature(j)` giving the value of feature `j` (NaN = missing).
    /// Assumes a validated tree. O(depth).
    public func leaf(_ feature: (Int) -> Double) -> Int {
        if splitFeature.isEmpty { return 0 }
        var node = 0
        while true {
            let value = feature(splitFeature[node])
            let left: Bool
            if categorical[node] {
                left = !value.isNaN && value >= 0 && value == value.rounded(.towardZero) && value < 2_147_483_647
                    && leftCategories[node].contains(Int(value))
            } else if value.isNaN {
                left = defaultLeft[node]
            } else {
                left = value <= threshold[node]
            }
            let next = left ? leftChild[node] : rightChild[node]
            if next < 0 { return -next - 1 }
            node = next
        }
    }
}
