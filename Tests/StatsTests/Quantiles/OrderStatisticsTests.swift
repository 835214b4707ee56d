import Testing
@testable import Stats

/// Selection must give exactly the sorted array's elements, whatever the input's shape.
@Suite("Order statistics by selection")
struct OrderStatisticsTests {
    /// Deterministic pseudo-random doubles (SplitMix64), so a failure reproduces.
    private static func sample(count: Int, seed: UInt64, distinct: Int?) -> [Double] {
        var state = seed
        return (0..<count).map { _ in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            if let distinct { return Double(z % UInt64(distinct)) }
            return Double(z >> 11) / Double(1 << 53) * 200 - 100
        }
    }

    static let shapes: [(String, [Double])] = [
        ("random", sample(count: 10_001, seed: 1, distinct: nil)),
        ("few distinct", sample(count: 5_000, seed: 2, distinct: 3)),
        ("all equal", Array(repeating: 4.5, count: 1_000)),
        ("ascending", (0..<2_000).map(Double.init)),
        ("descending", (0..<2_000).reversed().map(Double.init)),
        ("organ pipe", (0..<1_000).map(Double.init) + (0..<1_000).reversed().map(Double.init)),
        ("one value", [7]),
        ("two values", [3, -1]),
        ("signed zeros and extremes", [0, -0.0, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude, 1]),
    ]

    @Test("every rank equals the sorted element", arguments: shapes.indices)
    func ranks(shape: Int) {
        let (name, values) = Self.shapes[shape]
        let sorted = values.sorted()
        let step = max(1, values.count / 97)
        for rank in stride(from: 0, to: values.count, by: step) + [values.count - 1] {
            var order = OrderStatistics(values)
            #expect(order.value(atRank: rank) == sorted[rank], "\(name): rank \(rank)")
        }
    }

    @Test("quantiles equal Quantiles.quantile(sorted:) bit for bit, queried in any order", arguments: shapes.indices)
    func quantiles(shape: Int) {
        let (name, values) = Self.shapes[shape]
        let sorted = values.sorted()
        var order = OrderStatistics(values)
        for p in [0.95, 0.0, 0.5, 1.0, 0.001, 0.999, 0.25, 0.9375, 0.95] {
            #expect(order.quantile(p) == Quantiles.quantile(sorted: sorted, p), "\(name): p = \(p)")
        }
    }
}
