/// Maps one feature's raw values to histogram bins (at most 256, so a bin fits in a `UInt8`).
///
/// Numeric features: bins `0..<valueBinCount` cover the real line, bin `b` holding values
/// `upperBounds[b-1] < x <= upperBounds[b]` (the last upper bound is +infinity); bin
/// `valueBinCount` is the dedicated missing-value bin for NaN. Because a split "bins 0...t go
/// left" is the same as "x <= upperBounds[t] goes left", trees store raw thresholds that
/// reproduce the binned training decision exactly.
///
/// Categorical features: bins `0..<valueBinCount` are the most frequent category codes of the
/// sample (by descending count, ties by code); bin `valueBinCount` is "other": NaN, rare and
/// unseen codes, which categorical splits always send right.
struct FeatureBinMapper: Sendable, Equatable {
    /// Whether the feature is categorical.
    let isCategorical: Bool
    /// Numeric: ascending bin upper bounds (last is +infinity). Empty for categorical features.
    let upperBounds: [Double]
    /// Categorical: the category code of each value bin. Empty for numeric features.
    let binCategories: [Int]
    /// Categorical: category code -> bin, for codes in `binCategories`.
    let categoryBins: [Int: Int]

    /// Number of value bins; the missing/other bin has this index.
    var valueBinCount: Int { isCategorical ? binCategories.count : upperBounds.count }
    /// Total bins including the missing/other bin.
    var binCount: Int { valueBinCount + 1 }
    /// Index of the missing (numeric) or other (categorical) bin.
    var missingBin: Int { valueBinCount }

    /// Builds a numeric mapper from sampled values with greedy equal-frequency binning.
    ///
    /// Distinct values get their own bin when there are at most `maximumBins`, except that a
    /// bin is only closed once it holds `minimumBinCount` sample rows (LightGBM's
    /// `min_data_in_bin`, which merges rare values into their right neighbour); otherwise bins
    /// are closed when they reach the remaining rows / remaining bins (LightGBM's greedy
    /// quantile scheme). Bin edges lie midway between adjacent distinct sample values.
    /// O(s log s) for s sampled values.
    init(numericSample sample: [Double], maximumBins: Int, minimumBinCount: Int = 1) {
        precondition(maximumBins >= 2 && maximumBins <= 255, "maximumBins \(maximumBins) outside 2...255")
        isCategorical = false
        binCategories = []
        categoryBins = [:]
        var values = sample.filter { !$0.isNaN }
        values.sort()
        var distinct: [Double] = []
        var counts: [Int] = []
        for value in values {
            if let last = distinct.last, last == value { counts[counts.count - 1] += 1 } else {
                distinct.append(value)
                counts.append(1)
            }
        }
        guard distinct.count > 1 else {
            upperBounds = [Double.infinity]
            return
        }
        func edge(_ lower: Double, _ upper: Double) -> Double {
            let middle = lower + (upper - lower) / 2
            return middle < upper && middle >= lower ? middle : lower
        }
        var bounds: [Double] = []
        if distinct.count <= maximumBins {
            var accumulated = 0
            for index in 0..<(distinct.count - 1) {
                accumulated += counts[index]
                if accumulated >= minimumBinCount {
                    bounds.append(edge(distinct[index], distinct[index + 1]))
                    accumulated = 0
                }
            }
        } else {
            var remainingRows = values.count
            var remainingBins = maximumBins
            var accumulated = 0
            var target = Double(remainingRows) / Double(remainingBins)
            for index in 0..<(distinct.count - 1) {
                accumulated += counts[index]
                // Close the bin when it is full, or when the next value alone would overfill it.
                let nextIsHeavy = Double(counts[index + 1]) >= target && accumulated >= minimumBinCount
                if Double(accumulated) >= target || nextIsHeavy {
                    bounds.append(edge(distinct[index], distinct[index + 1]))
                    remainingRows -= accumulated
                    remainingBins -= 1
                    accumulated = 0
                    if remainingBins <= 1 { break }
                    target = Double(remainingRows) / Double(remainingBins)
                }
            }
        }
        bounds.append(Double.infinity)
        upperBounds = bounds
    }

    /// Builds a categorical mapper: the `maximumBins` most frequent codes of the sample get bins.
    init(categoricalSample sample: [Double], maximumBins: Int) {
        precondition(maximumBins >= 2 && maximumBins <= 255, "maximumBins \(maximumBins) outside 2...255")
        isCategorical = true
        upperBounds = []
        var counts: [Int: Int] = [:]
        for value in sample where !value.isNaN { counts[Int(value), default: 0] += 1 }
        let ranked = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        binCategories = ranked.prefix(maximumBins).map(\.key)
        var lookup: [Int: Int] = [:]
        for (bin, category) in binCategories.enumerated() { lookup[category] = bin }
        categoryBins = lookup
    }

    /// The bin of a raw value: binary search over upper bounds, or category lookup. O(log bins).
    @inline(__always)
    func bin(of value: Double) -> Int {
        if value.isNaN { return missingBin }
        if isCategorical {
            guard value >= 0, value < 2_147_483_647 else { return missingBin }
            return categoryBins[Int(value)] ?? missingBin
        }
        var low = 0
        var high = upperBounds.count - 1
        while low < high {
            let middle = (low + high) / 2
            if value <= upperBounds[middle] { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
