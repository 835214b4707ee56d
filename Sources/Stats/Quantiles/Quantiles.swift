/// Sample quantiles, defined as Hyndman & Fan (1996) type 7: numpy's default (`method="linear"`),
/// R's default `quantile(type = 7)`, Excel's `PERCENTILE.INC`.
///
/// For sorted values x_0 <= ... <= x_{n-1} and probability p, with h = (n - 1) p,
/// i = floor(h) and g = h - i: Q(p) = x_i + g (x_{i+1} - x_i) (x_{n-1} when i = n - 1).
public enum Quantiles {}

extension Quantiles {
    /// The type-7 quantile of `values` at probability `p`.
    ///
    /// Matches `numpy.quantile(values, p)` bit for bit: the same virtual index (n - 1) p and
    /// the same two-sided interpolation (from the lower value when g < 1/2, from the upper
    /// value when g >= 1/2), so results are exact at g = 0 and g = 1 and monotone in p.
    ///
    /// - Parameters:
    ///   - values: finite values, at least one; any order.
    ///   - p: probability in [0, 1]; 0 gives the minimum, 1 the maximum.
    /// - Throws: `QuantileError` for empty input, non-finite values or p outside [0, 1].
    /// - Complexity: O(n log n) (one sort). For several quantiles of the same data sort once
    ///   and call `quantile(sorted:_:)`.
    public static func quantile(_ values: [Double], _ p: Double) throws -> Double {
        guard !values.isEmpty else { throw QuantileError.empty("the sample") }
        guard p >= 0 && p <= 1 else { throw QuantileError.invalidProbability(p) }
        for (index, value) in values.enumerated() where !value.isFinite {
            throw QuantileError.nonFiniteValue(index: index, value: value)
        }
        return quantile(sorted: values.sorted(), p)
    }

    /// The type-7 quantile of values already sorted ascending. O(1).
    ///
    /// - Precondition: `sorted` non-empty and ascending, `p` in [0, 1] (programmer contract;
    ///   not checked beyond emptiness and range).
    public static func quantile(sorted: [Double], _ p: Double) -> Double {
        precondition(!sorted.isEmpty && p >= 0 && p <= 1, "quantile(sorted:) needs values and p in [0, 1]; got n = \(sorted.count), p = \(p)")
        let position = typeSevenPosition(count: sorted.count, p)
        return interpolate(sorted[position.lower], sorted[position.upper], position.fraction)
    }

    /// The 0-based order statistics (lower, upper = lower + 1 capped at n - 1) and the weight g
    /// of the type-7 quantile of n values: numpy's virtual index (n - 1) p.
    static func typeSevenPosition(count: Int, _ p: Double) -> (lower: Int, upper: Int, fraction: Double) {
        let virtualIndex = Double(count - 1) * p
        let previous = virtualIndex.rounded(.down)
        let lower = Int(previous)
        return (lower, min(lower + 1, count - 1), virtualIndex - previous)
    }

    /// numpy's `_lerp`: interpolate from the nearer end point, so g = 0 gives a and g = 1 gives
    /// b exactly.
    static func interpolate(_ a: Double, _ b: Double, _ fraction: Double) -> Double {
        let difference = b - a
        return fraction >= 0.5 ? b - difference * (1 - fraction) : a + difference * fraction
    }
}
