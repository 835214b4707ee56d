/// Threshold policies "treatment when score >= t, else control" over one sorted set of
/// thresholds, so that any number of them is evaluated in one pass over the units.
///
/// With thresholds `t_1 < ... < t_K`, a unit's bucket is the number of thresholds at or below
/// its score (0 ... K). The policy of threshold `t_j` treats exactly the units with bucket
/// >= j, so its sums are the treatment-side sums of buckets j ... K plus the control-side sums
/// of buckets 0 ... j - 1. "All treatment" is j = 0 and "all control" is j = K + 1.
struct PolicyGrid {
    /// Distinct thresholds, ascending.
    let thresholds: [Double]
    /// Bucket per unit, in 0 ... thresholds.count.
    let buckets: [Int]

    /// O(units x log thresholds).
    init(scores: [Double], thresholds requested: [Double]) {
        let sorted = Array(Set(requested)).sorted()
        thresholds = sorted
        buckets = scores.map { score in
            var low = 0
            var high = sorted.count
            while low < high {
                let middle = (low + high) / 2
                if sorted[middle] <= score { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }

    var bucketCount: Int { thresholds.count + 1 }

    /// The first treated bucket of the policy with threshold `threshold` (one of `thresholds`).
    func firstTreatedBucket(threshold: Double) -> Int {
        guard let index = thresholds.firstIndex(of: threshold) else {
            preconditionFailure("threshold \(threshold) is not in the grid \(thresholds)")
        }
        return index + 1
    }
}
