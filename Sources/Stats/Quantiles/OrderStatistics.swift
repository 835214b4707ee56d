/// The k-th smallest values of a sample, found by selection instead of a full sort.
///
/// Quickselect (Hoare partition around a median-of-three pivot) is expected O(n) per query; a
/// run of bad pivots (more than 2 log2 n + 16 rounds) falls back to sorting the remaining
/// range, so the worst case is O(n log n). Why not sort: a p95 over millions of request
/// latencies needs three order statistics, and sorting them was 18% of `analyze` on a 1M-unit
/// export. Results equal the sorted array's elements exactly.
///
/// The sample is copied once; queries reorder the copy (any order is fine for later queries).
public struct OrderStatistics {
    private var values: [Double]

    /// A sample (any order; NaN is not allowed: it has no place in the order).
    public init(_ values: [Double]) { self.values = values }

    public var count: Int { values.count }

    /// The k-th smallest value, 0-based (k = 0 is the minimum). Expected O(n).
    public mutating func value(atRank k: Int) -> Double {
        precondition(k >= 0 && k < values.count, "rank \(k) outside 0..<\(values.count)")
        return values.withUnsafeMutableBufferPointer { Self.select(rank: k, in: $0) }
    }

    /// The type-7 quantile (numpy's default), identical to `Quantiles.quantile(sorted:_:)` on
    /// the sorted sample. Expected O(n).
    public mutating func quantile(_ p: Double) -> Double {
        precondition(!values.isEmpty && p >= 0 && p <= 1, "quantile needs values and p in [0, 1]; got n = \(values.count), p = \(p)")
        let position = Quantiles.typeSevenPosition(count: values.count, p)
        let lower = value(atRank: position.lower)
        guard position.upper > position.lower else { return lower }
        // After selecting rank `lower`, every later element is >= it: the next order
        // statistic is the minimum of the rest.
        var upper = Double.infinity
        for index in (position.lower + 1)..<values.count where values[index] < upper { upper = values[index] }
        return Quantiles.interpolate(lower, upper, position.fraction)
    }

    private static func select(rank k: Int, in buffer: UnsafeMutableBufferPointer<Double>) -> Double {
        var low = 0
        var high = buffer.count - 1
        var rounds = 0
        let limit = 2 * (Int.bitWidth - buffer.count.leadingZeroBitCount) + 16
        while low < high {
            rounds += 1
            if rounds > limit {
                // Degenerate pivots: finish this range with a sort.
                var rest = UnsafeMutableBufferPointer(rebasing: buffer[low...high])
                rest.sort()
                return buffer[k]
            }
            // Median of three as pivot value.
            let middle = low + (high - low) / 2
            if buffer[middle] < buffer[low] { buffer.swapAt(middle, low) }
            if buffer[high] < buffer[low] { buffer.swapAt(high, low) }
            if buffer[high] < buffer[middle] { buffer.swapAt(high, middle) }
            let pivot = buffer[middle]
            // Hoare partition: afterwards [low...j] <= pivot <= [i...high].
            var i = low
            var j = high
            while i <= j {
                while buffer[i] < pivot { i += 1 }
                while pivot < buffer[j] { j -= 1 }
                if i <= j {
                    buffer.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j {
                high = j
            } else if k >= i {
                low = i
            } else {
                return buffer[k]  // j < k < i: equal to the pivot
            }
        }
        return buffer[k]
    }
}
