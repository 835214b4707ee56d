/// A reliability diagram: observed positive rate against mean predicted probability per bin,
/// with the expected and maximum calibration errors derived from it.
///
/// Bin assignment matches scikit-learn `calibration_curve(y, p, n_bins=k, strategy=...)`:
/// a probability equal to an inner edge falls in the lower bin (numpy `searchsorted`, left).
/// scikit-learn has no sample weights here, so neither does this type.
public struct CalibrationCurve: Sendable, Equatable {
    /// The binning strategy used.
    public var binning: CalibrationBinning
    /// Requested number of bins (>= 1).
    public var binCount: Int
    /// Non-empty bins in increasing probability order.
    public var bins: [CalibrationBin]

    /// Expected calibration error: `sum_b (n_b / n) |fractionPositive_b - meanPredicted_b|`
    /// over the bins above (Naeini, Cooper & Hauskrecht 2015; Guo et al. 2017), in
    /// probability units, in [0, 1]. Depends on `binCount` and `binning`, which reports
    /// should state next to it.
    public var expectedCalibrationError: Double {
        let total = bins.reduce(0) { $0 + $1.count }
        guard total > 0 else { return 0 }
        return bins.reduce(0.0) { $0 + Double($1.count) * abs($1.fractionPositive - $1.meanPredicted) } / Double(total)
    }

    /// Maximum calibration error: the largest `|fractionPositive_b - meanPredicted_b|` over
    /// non-empty bins, in [0, 1].
    public var maximumCalibrationError: Double {
        bins.reduce(0.0) { max($0, abs($1.fractionPositive - $1.meanPredicted)) }
    }

    /// Bins `probabilities` and computes per-bin means.
    ///
    /// - Parameters:
    ///   - labels: 0 or 1 per observation.
    ///   - probabilities: predicted P(label = 1), each in [0, 1].
    ///   - binCount: number of bins, >= 1 (scikit-learn's default is 5; 10 or 15 is common
    ///     for ECE).
    ///   - binning: ``CalibrationBinning/uniform`` (default) or ``CalibrationBinning/quantile``.
    ///
    /// Complexity: O(n log k) for uniform bins, O(n log n) for quantile bins (one sort).
    public init(
        labels: [Double], probabilities: [Double], binCount: Int = 10, binning: CalibrationBinning = .uniform
    ) throws(MetricsError) {
        guard binCount >= 1 else {
            throw .invalidParameter(name: "binCount", value: Double(binCount), allowed: "an integer >= 1")
        }
        try ClassificationMetrics.validate(
            labels: labels, scores: probabilities, scoreName: "probabilities", requireProbabilities: true, weights: nil)
        let edges = Self.edges(probabilities: probabilities, binCount: binCount, binning: binning)
        let innerEdges = edges[1..<binCount]
        var sums = [Double](repeating: 0, count: binCount)
        var positives = [Double](repeating: 0, count: binCount)
        var counts = [Int](repeating: 0, count: binCount)
        for (probability, label) in zip(probabilities, labels) {
            // Number of inner edges strictly below p (numpy searchsorted, side="left").
            var low = innerEdges.startIndex
            var high = innerEdges.endIndex
            while low < high {
                let middle = (low + high) / 2
                if innerEdges[middle] < probability { low = middle + 1 } else { high = middle }
            }
            let bin = low - innerEdges.startIndex
            sums[bin] += probability
            positives[bin] += label
            counts[bin] += 1
        }
        self.binning = binning
        self.binCount = binCount
        self.bins = (0..<binCount).filter { counts[$0] > 0 }.map { bin in
            CalibrationBin(
                index: bin, lowerEdge: edges[bin], upperEdge: edges[bin + 1], count: counts[bin],
                meanPredicted: sums[bin] / Double(counts[bin]), fractionPositive: positives[bin] / Double(counts[bin]))
        }
    }

    /// The `binCount + 1` bin edges, computed as numpy does so that boundary cases agree.
    static func edges(probabilities: [Double], binCount: Int, binning: CalibrationBinning) -> [Double] {
        // numpy linspace: i * (1/k), with the last point set to exactly 1.
        let step = 1.0 / Double(binCount)
        var levels = (0...binCount).map { Double($0) * step }
        levels[binCount] = 1
        switch binning {
        case .uniform:
            return levels
        case .quantile:
            let sorted = probabilities.sorted()
            let last = sorted.count - 1
            return levels.map { level in
                // np.percentile(p, 100 * level): the level goes through *100 then /100.
                let position = Double(last) * ((level * 100) / 100)
                let lower = min(Int(position.rounded(.down)), last)
                let upper = min(lower + 1, last)
                let fraction = position - Double(lower)
                let a = sorted[lower]
                let b = sorted[upper]
                // numpy's _lerp: interpolate from the nearer end for monotonic results.
                let difference = b - a
                return fraction >= 0.5 ? b - difference * (1 - fraction) : a + difference * fraction
            }
        }
    }
}
