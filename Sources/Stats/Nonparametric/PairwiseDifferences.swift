/// The m n differences treatment_j - control_i, ordered but never materialised.
///
/// Order statistics are found by bisection on the value: `count(atMost:)` counts the pairs with
/// a difference <= v in O(m + n), because for sorted samples the number of treatment values
/// with t - c_i <= v is non-decreasing in i. Floating-point subtraction is monotone in each
/// argument, so the count is exact for the rounded differences and the bisection lands on an
/// actual difference. The bisection runs over the ordered 64-bit keys of doubles, so it ends
/// after at most 64 steps whatever the scale of the data, and usually much earlier: while
/// possible it halves the value range instead, and once the bracket holds at most
/// max(64, min(m + n, 2048)) differences they are listed and sorted directly.
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
    ///
    /// The hot loop of the selection: written over buffer pointers so that it compiles to a
    /// plain two-pointer sweep (about 1 ns per element in a release build).
    func count(atMost value: Double) -> Int {
        treatment.withUnsafeBufferPointer { t in
            control.withUnsafeBufferPointer { c in
                var total = 0
                var j = 0
                let m = t.count
                for i in 0..<c.count {
                    let ci = c[i]
                    while j < m && t[j] - ci <= value { j += 1 }
                    total += j
                }
                return total
            }
        }
    }

    /// The rank-th smallest difference, rank in 1 ... m n. About 20 O(m + n) steps for
    /// ordinary data, O(128 (m + n)) at worst.
    ///
    /// Bisection on the value until the bracket (low, high] holds at most `enumerationLimit`
    /// differences, which are then listed with two pointers, sorted and indexed; ties and
    /// rounding behave exactly as the brute force.
    func smallest(_ rank: Int) -> Double {
        precondition(rank >= 1 && rank <= count, "rank \(rank) outside 1...\(count)")
        guard let tMin = treatment.first, let tMax = treatment.last, let cMin = control.first, let cMax = control.last else {
            preconditionFailure("PairwiseDifferences needs two non-empty samples")
        }
        precondition((tMin - cMax).isFinite && (tMax - cMin).isFinite, "pairwise differences overflow: \(tMin) - \(cMax), \(tMax) - \(cMin)")
        // Invariant: countLow = count(atMost: value(low)) < rank <= countHigh = count(atMost: value(high)).
        var low = Self.key(tMin - cMax) - 1
        var high = Self.key(tMax - cMin)
        var countLow = 0, countHigh = count
        // Listing and sorting k differences costs about as much as log2(k) counting sweeps;
        // 2,048 balances the two at m + n in the tens of thousands.
        let enumerationLimit = max(64, min(treatment.count + control.count, 2_048))
        while true {
            if countHigh - countLow <= enumerationLimit {
                let candidates = differences(above: Self.value(low), atMost: Self.value(high)).sorted()
                return candidates[rank - countLow - 1]
            }
            // The width fits in UInt64 even when low < 0 < high (it may not fit in Int64).
            let width = UInt64(bitPattern: high) &- UInt64(bitPattern: low)
            if width <= 1 { break }
            // Halve the value range while that is possible (it tracks the data's scale, about
            // 20 steps to a bracket of m + n differences); halve the key range otherwise (it
            // ends in at most 64 steps whatever the scale).
            let lowValue = Self.value(low), highValue = Self.value(high)
            var middle = Self.key(lowValue + (highValue - lowValue) / 2)
            if !(middle > low && middle < high) {
                middle = low &+ Int64(bitPattern: width / 2)
            }
            let countMiddle = count(atMost: Self.value(middle))
            if countMiddle >= rank {
                high = middle
                countHigh = countMiddle
            } else {
                low = middle
                countLow = countMiddle
            }
        }
        return Self.value(high)
    }

    /// All differences d with lowerBound < d <= upperBound, in no particular order. O(m + n + output).
    func differences(above lowerBound: Double, atMost upperBound: Double) -> [Double] {
        var result: [Double] = []
        var first = 0, end = 0
        for c in control {
            // Both pointers only move right as c grows (subtraction is monotone).
            while first < treatment.count && treatment[first] - c <= lowerBound { first += 1 }
            if end < first { end = first }
            while end < treatment.count && treatment[end] - c <= upperBound { end += 1 }
            for j in first..<end { result.append(treatment[j] - c) }
        }
        return result
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
