/// The exact null distribution of the Mann-Whitney U statistic for samples without ties.
///
/// Under the null hypothesis every one of the C(m + n, m) orderings of the pooled sample is
/// equally likely; `counts[u]` is the number of orderings with U = u, for u in 0 ... m n.
/// Two constructions:
/// * m n <= 2,500: the recurrence G(a, b)(u) = G(a - 1, b)(u - b) + G(a, b - 1)(u) (split on
///   where the largest observation falls), which only adds non-negative numbers, so tail
///   probabilities keep full relative accuracy. O(m^2 n^2 / 8).
/// * one sample of at most 8 values and m n <= 2,000,000 (scipy's automatic rule chooses the
///   exact test whenever a sample has <= 8 values, however large the other): the Gaussian
///   binomial product [m + n choose s]_q = prod_{i=1..s} (1 - q^(L+i)) / (1 - q^i),
///   s = min(m, n), L = max(m, n), in O(s m n). Its subtractions leave an absolute error of
///   about 1e-16 relative to the largest count, so probabilities are accurate to about 1e-15
///   absolute (not relative in the far tail).
/// Counts are `Double`: exact up to 2^53, relative error about 1e-16 beyond.
struct MannWhitneyNullDistribution: Sendable {
    /// The largest m n for which the recurrence is used (50 x 50; a few milliseconds).
    static let maximumExactPairs = 2_500
    /// The largest m n for the product construction, which needs min(m, n) <= 8 (16 MB, O(8 m n)).
    static let maximumProductPairs = 2_000_000

    /// Whether the exact distribution can be built quickly for these sizes.
    static func isAvailable(firstCount m: Int, secondCount n: Int) -> Bool {
        m * n <= maximumExactPairs || (min(m, n) <= 8 && m * n <= maximumProductPairs)
    }

    let firstCount: Int
    let secondCount: Int
    /// Number of orderings giving each value of U.
    let counts: [Double]
    /// C(m + n, m), the number of orderings.
    let total: Double

    /// Builds the distribution (see the type's notes for the two constructions).
    init(firstCount m: Int, secondCount n: Int) {
        precondition(m >= 1 && n >= 1 && Self.isAvailable(firstCount: m, secondCount: n),
                     "exact U distribution needs 1 <= m, n and m n <= \(Self.maximumExactPairs) (or min <= 8 and m n <= \(Self.maximumProductPairs)); got m = \(m), n = \(n)")
        firstCount = m
        secondCount = n
        if m * n > Self.maximumExactPairs {
            counts = Self.gaussianBinomial(small: min(m, n), large: max(m, n))
            total = counts.reduce(0, +)
            return
        }
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

    /// Coefficients of [large + small choose small]_q by the product formula, clamped at 0.
    static func gaussianBinomial(small: Int, large: Int) -> [Double] {
        let degree = small * large
        var c = [Double](repeating: 0, count: degree + 1)
        c[0] = 1
        c.withUnsafeMutableBufferPointer { c in
            var currentDegree = 0
            for i in 1...small {
                // Multiply by (1 - q^(large + i)), descending so c[j - shift] is still old.
                let shift = large + i
                let top = min(currentDegree + shift, degree)
                var j = top
                while j >= shift {
                    c[j] -= c[j - shift]
                    j -= 1
                }
                // Divide by (1 - q^i): a running sum with stride i, ascending. Truncating above
                // `degree` is harmless: lower coefficients never read higher ones.
                if i <= top {
                    for j in i...top { c[j] += c[j - i] }
                }
                currentDegree += large
            }
        }
        return c.map { max(0, $0) }
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
