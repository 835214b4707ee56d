import Stats

/// Sufficient statistics of up to four per-unit variables: count, sums and all cross-product
/// sums. Additive, so partitions, enrollment days and warehouse rows merge by addition.
///
/// Which variables a metric uses (`MetricLayout`): proportion `[converted]`; mean `[x]` or,
/// with CUPED, `[x, pre-period x]`; ratio `[numerator, denominator]` or, with CUPED,
/// `[numerator, denominator, pre numerator, pre denominator]`.
public struct MomentSums: Sendable, Equatable, Codable {
    /// Number of variables, 1...4.
    public let dimension: Int
    public private(set) var count: Double = 0
    /// `sums[i]`: sum of variable i.
    public private(set) var sums: [Double]
    /// Row-major `dimension x dimension` sums of products (symmetric).
    public private(set) var products: [Double]

    public init(dimension: Int) {
        precondition((1...4).contains(dimension), "dimension must be 1...4, got \(dimension)")
        self.dimension = dimension
        sums = Array(repeating: 0, count: dimension)
        products = Array(repeating: 0, count: dimension * dimension)
    }

    /// Creates sums from aggregates (e.g. a warehouse row); `products` is row-major and is
    /// symmetrised from whichever triangle is given.
    public init(count: Double, sums: [Double], products: [Double]) {
        precondition(sums.count * sums.count == products.count, "\(sums.count) sums need \(sums.count * sums.count) products")
        self.init(dimension: sums.count)
        self.count = count
        self.sums = sums
        self.products = products
    }

    /// Adds one unit's values (`values.count == dimension`). O(dimension^2).
    @inline(__always)
    public mutating func add(_ values: UnsafeBufferPointer<Double>) {
        count += 1
        for row in 0..<dimension {
            let value = values[row]
            sums[row] += value
            for column in row..<dimension { products[row * dimension + column] += value * values[column] }
        }
    }

    /// Adds another partition.
    public mutating func merge(_ other: MomentSums) {
        precondition(other.dimension == dimension, "cannot merge \(other.dimension)-variable sums into \(dimension)")
        count += other.count
        for index in 0..<dimension { sums[index] += other.sums[index] }
        for index in 0..<(dimension * dimension) { products[index] += other.products[index] }
    }

    /// The sum of products of variables `row` and `column` (either order).
    public func product(_ row: Int, _ column: Int) -> Double {
        row <= column ? products[row * dimension + column] : products[column * dimension + row]
    }

    /// Variable 0 as a single-sample summary.
    public var first: SampleSummary { SampleSummary(count: count, sum: sums[0], sumOfSquares: product(0, 0)) }

    /// Variables 0 and 1 as a paired summary (x = variable 0, y = variable 1).
    public var firstPair: PairedSummary {
        PairedSummary(count: count, sumX: sums[0], sumY: sums[1], sumXX: product(0, 0), sumYY: product(1, 1), sumXY: product(0, 1))
    }

    /// Four variables as the ratio-CUPED summary.
    public var ratioCUPED: RatioCUPEDSummary {
        var full: [Double] = []
        for row in 0..<4 { for column in 0..<4 { full.append(product(row, column)) } }
        return RatioCUPEDSummary(count: count, sums: sums, crossProducts: full)
    }
}
