/// The m n differences treatment_j - control_i, ordered but never materialised.
///
/// Order statistics are found by bisection on the value: `count(atMost:)` counts the pairs with
/// a difference <= v in O(m + n), because for sorted samples the number of treatment values
/// with t - c_i <= v is non-decreasing in i. Floating-point subtraction is monotone in each
/// argument, so the count is exact for the rounded differences and the bisection lands on an
/// actual difference. The bisection runs over the ordered 64-bit keys of doubles, so it ends
/// after at most 64 steps whatever the scale of the data.
struct PairwiseDifferences: Sendable {
    let treatment: [Double]
    let control: [Double]

    /// Sorts both samples. O(N log N).
    init(treatment: [Double], control: [Double]) {
        self.treatment = treatment.sorted()
        self.control = control.sorted()
    }

    /// Number of differences, m n.
    var count: Int { treatment.count * control.count }

    /// Number of pairs with treatment_j - control_i <= value. O(m + n).
    func count(atMost value: Double) -> Int {
        var total = 0
        var j = 0
        for c in control {
            while j < treatment.count && treatment[j] - c <= value { j += 1 }
            total += j
        }
        return total
    }

    /// The rank-th smallest difference, rank in 1 ... m n. O(64 (m + n)).
    func smallest(_ rank: Int) -> Double {
        precondition(rank >= 1 && rank <= count, "rank \(rank) outside 1...\(count)")
        guard let tMin = treatment.first, let tMax = treatment.last, let cMin = control.first, let cMax = control.last else {
            preconditionFailure("PairwiseDifferences needs two non-empty samples")
        }
        // Invariant: count(atMost: value(low)) < rank <= count(atMost: value(high)).
        var low = Self.key(tMin - cMax) - 1
        var high = Self.key(tMax - cMin)
        while true {
            // The width fits in UInt64 even when low < 0 < high (it may not fit in Int64).
            let width = UInt64(bitPattern: high) &- UInt64(bitPattern: low)
            if width <= 1 { break }
            let middle = low &+ Int64(bitPattern: width / 2)
            if count(atMost: Self.value(middle)) >= rank { high = middle } else { low = middle }
        }
        return Self.value(high)
    }

    /// A signed integer key whose order is the order of the (non-NaN) doubles; -0 and +0 share 0.
    static func key(_ value: Double) -> Int64 {
        let magnitude = Int64(bitPattern: value.bitPattern & 0x7FFF_FFFF_FFFF_FFFF)
        return value.sign == .minus ? -magnitude : magnitude
    }

    /// The double with the given key (inverse of `key` up to the sign of zero).
    static func value(_ key: Int64) -> Double {
        let magnitude = Double(bitPattern: UInt64(key.magnitude))
        return key < 0 ? -magnitude : magnitude
    }
}
