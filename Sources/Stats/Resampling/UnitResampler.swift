/// One arm's events sorted once, for quantiles of unit-level bootstrap resamples in O(N + K).
///
/// A resample is described by how many times each unit was drawn (its multiplicity w_u). The
/// resampled data are the sorted events with each event repeated w_(its unit) times, so the
/// i-th order statistic is found by walking the sorted events and accumulating multiplicities:
/// no copying and no sorting per replicate.
struct UnitResampler: Sendable {
    /// Event values ascending, with the index of the unit each came from.
    private let events: [(value: Double, unit: Int)]
    /// Events per unit.
    private let eventCounts: [Int]

    /// Sorts the arm's events. O(N log N). Requires at least one unit.
    init(units: [[Double]]) {
        var events: [(value: Double, unit: Int)] = []
        for (unit, values) in units.enumerated() {
            for value in values { events.append((value, unit)) }
        }
        events.sort { $0.value < $1.value }
        self.events = events
        eventCounts = units.map(\.count)
    }

    /// The type-7 quantile of one resample of units (drawn with replacement, as many as there
    /// are units). A resample without events is drawn again. O(N + K).
    func resampledQuantile(_ p: Double, generator: inout SplitMix64) -> Double {
        let unitCount = eventCounts.count
        var multiplicity = [Int](repeating: 0, count: unitCount)
        var total = 0
        while total == 0 {
            for unit in 0..<unitCount { multiplicity[unit] = 0 }
            for _ in 0..<unitCount {
                let unit = generator.nextIndex(below: unitCount)
                multiplicity[unit] += 1
                total += eventCounts[unit]
            }
        }
        let position = Quantiles.typeSevenPosition(count: total, p)
        var cumulative = 0
        var lowerValue = 0.0
        var foundLower = false
        for event in events {
            cumulative += multiplicity[event.unit]
            if !foundLower && cumulative > position.lower {
                lowerValue = event.value
                foundLower = true
            }
            if cumulative > position.upper {
                return Quantiles.interpolate(lowerValue, event.value, position.fraction)
            }
        }
        preconditionFailure("order statistic \(position.upper) beyond \(cumulative) resampled events")
    }
}
