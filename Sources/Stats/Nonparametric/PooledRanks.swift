/// Mid-ranks of two pooled samples and the tie structure, the common input of rank tests.
struct PooledRanks: Sendable {
    /// Sum of the (average) ranks of the first sample, ranks 1 ... m + n.
    let firstRankSum: Double
    /// Sum over groups of tied values of t^3 - t (t = group size): the tie correction term.
    let tieTerm: Double
    /// Whether any value occurs more than once in the pooled sample.
    let hasTies: Bool
    /// Whether all pooled values are equal.
    let allTied: Bool

    /// Ranks the pooled sample. O(N log N), N = m + n.
    init(first: [Double], second: [Double]) {
        let pooled = first.map { ($0, true) } + second.map { ($0, false) }
        let sorted = pooled.sorted { $0.0 < $1.0 }
        var rankSum = 0.0
        var tieTerm = 0.0
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count && sorted[end].0 == sorted[start].0 { end += 1 }
            // Positions start ..< end share the average of ranks start + 1 ... end.
            let averageRank = Double(start + 1 + end) / 2
            let size = Double(end - start)
            for position in start..<end where sorted[position].1 { rankSum += averageRank }
            tieTerm += size * size * size - size
            start = end
        }
        firstRankSum = rankSum
        self.tieTerm = tieTerm
        hasTies = tieTerm > 0
        allTied = sorted.first?.0 == sorted.last?.0
    }
}
