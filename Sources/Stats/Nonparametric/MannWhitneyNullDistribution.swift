/// The exact null distribution of the Mann-Whitney U statistic for samples without ties.
///
/// Under the null hypothesis every one of the C(m + n, m) orderings of the pooled sample is
/// equally likely; `counts[u]` is the number of orderings with U = u, for u in 0 ... m n.
/// Built with the recurrence G(a, b)(u) = G(a - 1, b)(u - b) + G(a, b - 1)(u) (split on where
/// the largest observation falls), which only ever adds non-negative numbers, so tail
/// probabilities keep full relative accuracy. Counts are `Double`: exact up to 2^53, relative
/// error about 1e-16 beyond.
struct MannWhitneyNullDistribution: Sendable {
    /// The largest m n for which the exact distribution is built (50 x 50; a few milliseconds).
    static let maximumExactPairs = 2_500

    let firstCount: Int
    let secondCount: Int
    /// Number of orderings giving each value of U.
    let counts: [Double]
    /// C(m + n, m), the number of orderings.
    let total: Double

    /// Builds the distribution. O(m^2 n^2 / 8) time, O(n m n / 2) memory.
    init(firstCount m: Int, secondCount n: Int) {
        precondition(m >= 1 && n >= 1 && m * n <= Self.maximumExactPairs, "exact U distribution needs 1 <= m, n and m n <= \(Self.maximumExactPairs); got m = \(m), n = \(n)")
        firstCount = m
        secondCount = n
        // The distribution is symmetric about m n / 2, so only u <= m n / 2 is built.
        let width = m * n / 2 + 1
        // table[b * width + u] holds G(a, b)(u) for the current a, updated in place for
        // a = 1 ... m; G(0, b) = G(a, 0) = [1, 0, 0, ...].
        var table = [Double](repeating: 0, count: (n + 1) * width)
        table.withUnsafeMutableBufferPointer { g in
            for b in 0...n { g[b * width] = 1 }
            for a in 1...m {
                for b in 1...n {
                    let row = b * width, previous = (b - 1) * width
                    let top = min(a * b, width - 1)
                    // Descending u, so g[row + u - b] is still G(a - 1, b).
                    var u = top
                    while u >= 0 {
                        let shifted = u >= b ? g[row + u - b] : 0
                        g[row + u] = shifted + g[previous + u]
                        u -= 1
                    }
                }
            }
        }
        var half = Array(table[(n * width)..<((n + 1) * width)])
        // Mirror the upper half: counts[m n - u] = counts[u].
        let pairs = m * n
        var full = [Double](repeating: 0, count: pairs + 1)
        for u in 0...pairs { full[u] = half[min(u, pairs - u)] }
        half.removeAll()
        counts = full
        total = full.reduce(0, +)
    }

    /// P(U <= u). Summed from the nearer tail for accuracy.
    func cdf(_ u: Int) -> Double {
        if u < 0 { return 0 }
        if u >= counts.count - 1 { return 1 }
        var sum = 0.0
        for k in 0...u { sum += counts[k] }
        return sum / total
    }

    /// P(U >= u), including the mass at u (the p-value convention of scipy).
    func survival(_ u: Int) -> Double {
        if u <= 0 { return 1 }
        if u > counts.count - 1 { return 0 }
        var sum = 0.0
        for k in u..<counts.count { sum += counts[k] }
        return sum / total
    }

    /// The smallest q with P(U <= q) >= p, for p <= 1/2 (R's `qwilcox`, including its
    /// allowance of 10 machine epsilons so that a cumulative sum that lands exactly on p counts).
    func quantile(_ p: Double) -> Int {
        let target = p - 10 * Double.ulpOfOne
        var cumulative = 0.0
        for (u, c) in counts.enumerated() {
            cumulative += c
            if cumulative / total >= target { return u }
        }
        return counts.count - 1
    }
}
