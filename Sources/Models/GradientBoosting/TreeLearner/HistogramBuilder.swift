/// Gradient histograms: per bin the sums of gradient, hessian and row count.
///
/// Layout: three Doubles per bin, `[gradient, hessian, count]`, bins of one feature
/// contiguous. The count is kept exactly (integers in a Double are exact below 2^53) so
/// `minDataInLeaf` is tested on true counts rather than LightGBM's hessian-based estimate.
enum HistogramBuilder {
    /// Doubles per bin.
    static let stride = 3

    /// Accumulates rows `rows[0..<count]` of one feature column into `histogram`.
    ///
    /// `gradients[k]`/`hessians[k]` are the *ordered* gradients of `rows[k]`, gathered once per
    /// leaf so the 28 feature passes read them sequentially; only the `UInt8` bin is fetched
    /// by row index. The caller zeroes `histogram` first.
    @inline(__always)
    static func accumulate(
        column: UnsafePointer<UInt8>, rows: UnsafePointer<Int32>, count: Int,
        gradients: UnsafePointer<Double>, hessians: UnsafePointer<Double>,
        into histogram: UnsafeMutablePointer<Double>
    ) {
        var k = 0
        while k < count {
            let bin = Int(column[Int(rows[k])]) &* 3
            histogram[bin] += gradients[k]
            histogram[bin &+ 1] += hessians[k]
            histogram[bin &+ 2] += 1
            k &+= 1
        }
    }

    /// Accumulates all rows `0..<count` in order (the root without bagging): no row index.
    @inline(__always)
    static func accumulateContiguous(
        column: UnsafePointer<UInt8>, count: Int,
        gradients: UnsafePointer<Double>, hessians: UnsafePointer<Double>,
        into histogram: UnsafeMutablePointer<Double>
    ) {
        var k = 0
        while k < count {
            let bin = Int(column[k]) &* 3
            histogram[bin] += gradients[k]
            histogram[bin &+ 1] += hessians[k]
            histogram[bin &+ 2] += 1
            k &+= 1
        }
    }

    /// `parent -= child`, element-wise over `binCount` bins: the sibling's histogram.
    ///
    /// This is histogram subtraction: only the smaller child is built from rows, the larger one
    /// is derived in O(bins) instead of O(rows x features).
    @inline(__always)
    static func subtract(_ child: UnsafePointer<Double>, from parent: UnsafeMutablePointer<Double>, binCount: Int) {
        for index in 0..<(binCount * stride) { parent[index] -= child[index] }
    }
}
