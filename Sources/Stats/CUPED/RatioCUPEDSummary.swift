/// Sufficient statistics for CUPED on a ratio metric in one arm.
///
/// Four per-unit values: the metric's numerator and denominator in the analysis window and
/// the same two in the pre-period. Holds their sums and all 10 distinct cross-product sums
/// (stored as a symmetric 4 x 4 matrix), which is what the delta method needs for the
/// covariance between the post-period ratio and the pre-period ratio. Additive across
/// partitions like `PairedSummary`.
public struct RatioCUPEDSummary: Sendable, Hashable, Codable {
    /// Index of each variable in `sums` and `crossProducts`.
    public enum Variable: Int, Sendable, CaseIterable {
        /// Numerator in the analysis window.
        case numerator = 0
        /// Denominator in the analysis window.
        case denominator = 1
        /// Numerator in the pre-period.
        case preNumerator = 2
        /// Denominator in the pre-period.
        case preDenominator = 3
    }

    /// Number of units.
    public private(set) var count: Double
    /// Sums of the four variables, indexed by `Variable`.
    public private(set) var sums: [Double]
    /// Row-major symmetric 4 x 4 matrix of sums of products, indexed by `Variable`.
    public private(set) var crossProducts: [Double]

    /// The empty summary.
    public static let empty = RatioCUPEDSummary(count: 0, sums: [0, 0, 0, 0], crossProducts: Array(repeating: 0, count: 16))

    /// Creates a summary from aggregates; `sums` has 4 entries, `crossProducts` 16
    /// (row-major, symmetric).
    public init(count: Double, sums: [Double], crossProducts: [Double]) {
        precondition(sums.count == 4, "sums needs 4 entries, got \(sums.count)")
        precondition(crossProducts.count == 16, "crossProducts needs 16 entries, got \(crossProducts.count)")
        self.count = count
        self.sums = sums
        self.crossProducts = crossProducts
    }

    /// Adds one unit. O(1).
    public mutating func add(numerator: Double, denominator: Double, preNumerator: Double, preDenominator: Double) {
        let values = [numerator, denominator, preNumerator, preDenominator]
        count += 1
        for row in 0..<4 {
            sums[row] += values[row]
            for column in 0..<4 { crossProducts[row * 4 + column] += values[row] * values[column] }
        }
    }

    /// Sum of one variable.
    public func sum(_ variable: Variable) -> Double { sums[variable.rawValue] }

    /// Sum of products of two variables.
    public func sumOfProducts(_ first: Variable, _ second: Variable) -> Double {
        crossProducts[first.rawValue * 4 + second.rawValue]
    }

    /// Unbiased covariance (divisor n - 1) of two variables; requires count >= 2.
    func covariance(_ first: Variable, _ second: Variable) -> Double {
        (sumOfProducts(first, second) - sum(first) * sum(second) / count) / (count - 1)
    }

    /// Merges partitions.
    public static func + (lhs: RatioCUPEDSummary, rhs: RatioCUPEDSummary) -> RatioCUPEDSummary {
        RatioCUPEDSummary(
            count: lhs.count + rhs.count, sums: zip(lhs.sums, rhs.sums).map { $0 + $1 },
            crossProducts: zip(lhs.crossProducts, rhs.crossProducts).map { $0 + $1 })
    }
}
