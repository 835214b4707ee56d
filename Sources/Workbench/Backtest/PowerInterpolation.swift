/// Finds the regression size detected with a target probability on a power curve.
enum PowerInterpolation {
    /// Linear interpolation between the two sizes around the first crossing of `target`
    /// (points ascending by size). Returns (size, note): note "interpolated", "at or below
    /// the smallest size" (the smallest size already reaches the target; size = smallest) or
    /// "not reached" (size nil).
    static func sizeDetected(points: [BacktestResult.PowerPoint], target: Double) -> (Double?, String) {
        guard let first = points.first else { return (nil, "not reached") }
        if first.detection.rate >= target { return (first.size, "at or below the smallest size") }
        for (low, high) in zip(points, points.dropFirst()) where high.detection.rate >= target {
            let fraction = (target - low.detection.rate) / (high.detection.rate - low.detection.rate)
            return (low.size + fraction * (high.size - low.size), "interpolated")
        }
        return (nil, "not reached")
    }
}
