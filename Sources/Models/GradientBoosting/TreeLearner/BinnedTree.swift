/// A tree's decisions in bin space, for updating scores of binned rows (out-of-bag training
/// rows, validation rows) exactly as the learner partitioned the in-bag rows.
struct BinnedTree: Sendable {
    /// Feature of each internal node.
    var feature: [Int] = []
    /// `goesLeft[node * 256 + bin] != 0` when `bin` goes left at `node`.
    var goesLeft: [UInt8] = []
    var leftChild: [Int] = []
    var rightChild: [Int] = []
    /// Leaf outputs (shrinkage applied).
    var leafValue: [Double] = []

    /// The output for row `row` of a column-major bin matrix with `rowCount` rows. O(depth).
    @inline(__always)
    func output(bins: UnsafePointer<UInt8>, rowCount: Int, row: Int) -> Double {
        if feature.isEmpty { return leafValue[0] }
        var node = 0
        while true {
            let bin = Int(bins[feature[node] * rowCount + row])
            let next = goesLeft[node * 256 + bin] != 0 ? leftChild[node] : rightChild[node]
            if next < 0 { return leafValue[~next] }
            node = next
        }
    }
}
