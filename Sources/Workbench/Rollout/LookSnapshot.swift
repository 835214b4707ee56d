import Stats

/// The state of a replay at one look, handed to the observer: the look's statistics and
/// read access to per-unit values (for rank tests such as the canary judge).
///
/// Holds the replayer's arrays without copying them; it is valid beyond the callback (Swift's
/// copy-on-write then copies), but keeping it is wasteful, so read what you need and drop it.
public struct LookSnapshot {
    public let statistics: LookStatistics
    let metrics: [GuardrailMetric]
    let unitCount: Int
    let aggregateValues: [Double]
    let entered: [Int32]
    let enteredCount: Int
    let assignment: [Int8]

    /// Per-unit values of `metric` for the units of `arm` that entered before the look.
    ///
    /// Proportions give 0/1, means the aggregate, ratios x / y per unit (units with y = 0 are
    /// left out: they carry no ratio). At most `limit` units, spread evenly over entry order
    /// (deterministic) when there are more. O(entered units).
    public func unitValues(metric: Int, arm: Int8, limit: Int = .max) -> [Double] {
        var units: [Int32] = []
        for position in 0..<enteredCount {
            let unit = entered[position]
            if assignment[Int(unit)] == arm { units.append(unit) }
        }
        if units.count > limit && limit > 0 {
            let total = units.count
            units = (0..<limit).map { units[$0 * total / limit] }
        }
        var values: [Double] = []
        values.reserveCapacity(units.count)
        let shape = metrics[metric].shape
        for unit in units {
            let u = Int(unit)
            switch shape {
            case .proportion(let aggregate): values.append(aggregateValues[aggregate * unitCount + u] > 0 ? 1 : 0)
            case .mean(let aggregate): values.append(aggregateValues[aggregate * unitCount + u])
            case .ratio(let numerator, let denominator):
                let y = aggregateValues[denominator * unitCount + u]
                if y != 0 { values.append(aggregateValues[numerator * unitCount + u] / y) }
            }
        }
        return values
    }
}
