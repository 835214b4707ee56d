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

    /// Values within this distance of zero share the zero bin (LightGBM's `kZeroThreshold`,
    /// 1e-35 as a Float), so a split can always separate negatives, zeros and positives.
    static let zeroThreshold = Double(Float(1e-35))

    /// Builds a numeric mapper from sampled values with LightGBM's binning scheme.
    ///
    /// Negative and positive values are binned separately around a zero bin
    /// (`-zeroThreshold < x <= zeroThreshold`), the negative side getting a share of the bins
    /// proportional to its rows. On each side, distinct values get their own bin when there
    /// are few enough, merged until a bin holds `minimumBinCount` sample rows
    /// (`min_data_in_bin`); otherwise bins are filled greedily to equal row counts, values as
    /// frequent as a whole bin getting a bin of their own. Bin edges lie midway between
    /// adjacent distinct values. A feature with missing values in the sample uses one of the
    /// `maximumBins` for them, as LightGBM's `max_bin` counts its NaN bin. O(s log s) for s
    /// sampled values.
    init(numericSample sample: [Double], maximumBins: Int, minimumBinCount: Int = 1) {
        precondition(maximumBins >= 2 && maximumBins <= 255, "maximumBins \(maximumBins) outside 2...255")
        isCategorical = false
        binCategories = []
        categoryBins = [:]
        var values = sample.filter { !$0.isNaN }
        let hasMissing = values.count < sample.count
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
        let budget = max(1, maximumBins - (hasMissing ? 1 : 0))
        let zero = Self.zeroThreshold
        let negativeEnd = distinct.firstIndex { $0 > -zero } ?? distinct.count
        let positiveStart = distinct[negativeEnd...].firstIndex { $0 > zero }
        let negativeRows = counts[..<negativeEnd].reduce(0, +)
        let positiveRows = positiveStart.map { counts[$0...].reduce(0, +) } ?? 0
        let zeroRows = values.count - negativeRows - positiveRows
        var bounds: [Double] = []
        if negativeEnd > 0 && budget > 1 {
            let share = Double(negativeRows) / Double(values.count - zeroRows) * Double(budget - 1)
            bounds = Self.greedyBounds(
                distinct: distinct[..<negativeEnd], counts: counts[..<negativeEnd], maximumBins: max(1, Int(share)),
                rows: negativeRows, minimumBinCount: minimumBinCount)
            bounds[bounds.count - 1] = -zero
        }
        let positiveBudget = budget - 1 - bounds.count
        if let positiveStart, positiveBudget > 0 {
            bounds.append(zero)
            bounds += Self.greedyBounds(
                distinct: distinct[positiveStart...], counts: counts[positiveStart...], maximumBins: positiveBudget,
                rows: positiveRows, minimumBinCount: minimumBinCount)
        } else {
            bounds.append(Double.infinity)
        }
        upperBounds = bounds
    }

    /// Upper bounds (the last +infinity) splitting sorted distinct values into at most
    /// `maximumBins` bins of about equal row counts.
    private static func greedyBounds(
        distinct: ArraySlice<Double>, counts: ArraySlice<Int>, maximumBins: Int, rows: Int, minimumBinCount: Int
    ) -> [Double] {
        let values = Array(distinct)
        let counts = Array(counts)
        func edge(_ lower: Double, _ upper: Double) -> Double {
            let middle = lower + (upper - lower) / 2
            return middle < upper && middle >= lower ? middle : lower
        }
        var bounds: [Double] = []
        if values.count <= maximumBins {
            var inBin = 0
            for index in 0..<(values.count - 1) {
                inBin += counts[index]
                if inBin >= minimumBinCount {
                    let bound = edge(values[index], values[index + 1])
                    if bounds.last != bound { bounds.append(bound) }
                    inBin = 0
                }
            }
            bounds.append(Double.infinity)
            return bounds
        }
        let binLimit = max(1, min(maximumBins, rows / max(1, minimumBinCount)))
        var meanSize = Double(rows) / Double(binLimit)
        // Values as frequent as a whole bin get a bin each; the rest share the other bins.
        let isHeavy = counts.map { Double($0) >= meanSize }
        var restBins = binLimit - isHeavy.filter { $0 }.count
        var restRows = rows - zip(counts, isHeavy).filter { $0.1 }.map(\.0).reduce(0, +)
        meanSize = Double(restRows) / Double(max(1, restBins))
        var binCount = 0
        var inBin = 0
        for index in 0..<(values.count - 1) {
            if !isHeavy[index] { restRows -= counts[index] }
            inBin += counts[index]
            let close = isHeavy[index] || Double(inBin) >= meanSize
                || (isHeavy[index + 1] && Double(inBin) >= max(1, meanSize * 0.5))
            if close {
                let bound = edge(values[index], values[index + 1])
                if bounds.last != bound { bounds.append(bound) }
                binCount += 1
                if binCount >= binLimit - 1 { break }
                inBin = 0
                if !isHeavy[index] {
                    restBins -= 1
                    meanSize = Double(restRows) / Double(max(1, restBins))
                }
            }
        }
        bounds.append(Double.infinity)
        return bounds
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

    /// Numeric bins of four values at once: four independent binary searches advanced in
    /// lockstep, so their dependent loads overlap instead of waiting on each other.
    /// Same results as `bin(of:)` (NaN to the missing bin).
    @inline(__always)
    func numericBins(_ values: SIMD4<Double>, bounds: UnsafeBufferPointer<Double>) -> SIMD4<Int> {
        var base = SIMD4<Int>(repeating: 0)
        var length = bounds.count
        while length > 1 {
            let half = length &>> 1
            for lane in 0..<4 {
                let below = Int(unsafeBitCast(bounds[base[lane] &+ half &- 1] < values[lane], to: UInt8.self))
                base[lane] &+= half & (0 &- below)
            }
            length &-= half
        }
        for lane in 0..<4 {
            base[lane] = values[lane].isNaN
                ? missingBin : base[lane] &+ Int(unsafeBitCast(bounds[base[lane]] < values[lane], to: UInt8.self))
        }
        return base
    }

    /// The bin of a raw value: binary search over upper bounds, or category lookup. O(log bins).
    @inline(__always)
    func bin(of value: Double) -> Int {
        if value.isNaN { return missingBin }
        if isCategorical {
            guard value >= 0, value < 2_147_483_647 else { return missingBin }
            return categoryBins[Int(value)] ?? missingBin
        }
        // Branch-free lower bound (first bound >= value): the comparison becomes a mask, not a
        // jump to mispredict. Figure: binning 1M x 28 costs ~1 s of CPU (~35 ns a value),
        // bound by the chain of dependent loads; `learnMappers`/`init` run features in parallel.
        return upperBounds.withUnsafeBufferPointer { bounds in
            var base = 0
            var length = bounds.count
            while length > 1 {
                let half = length &>> 1
                // All-ones mask when the bound is below the value: no branch to mispredict.
                let below = Int(unsafeBitCast(bounds[base &+ half &- 1] < value, to: UInt8.self))
                base &+= half & (0 &- below)
                length &-= half
            }
            return base &+ Int(unsafeBitCast(bounds[base] < value, to: UInt8.self))
        }
    }
}
