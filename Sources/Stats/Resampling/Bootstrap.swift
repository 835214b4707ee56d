/// Seeded, unit-level bootstrap resampling.
///
/// Units (users, sessions) are drawn with replacement within each arm, keeping all of a drawn
/// unit's events together, so the interval reflects the dependence between a unit's events;
/// resampling events instead would treat them as independent and give intervals that are too
/// narrow. Randomness comes from `SplitMix64(seed:)` only, consumed in a fixed order (for
/// each replicate: all treatment draws, then all control draws), so results are reproducible
/// across runs and machines.
public enum Bootstrap {}

extension Bootstrap {
    /// Percentile bootstrap interval of the difference of a type-7 quantile of per-event values,
    /// treatment - control, resampling units.
    ///
    /// - Parameters:
    ///   - treatment, control: one array of event values per unit, per arm (each arm at least
    ///     one unit and one event).
    ///   - probability: p in [0, 1] (0.5 for the median, 0.99 for p99).
    ///   - confidenceLevel: in (0, 1); default 0.95.
    ///   - replicates: B >= 100; default 2,000.
    ///   - seed: the generator's seed; default 0.
    /// - Returns: the estimate on the original data, the percentile interval and the bootstrap
    ///   standard error. A replicate that draws only event-less units skips that arm's draw and
    ///   is drawn again (it has no quantile); with at least one event per arm this ends.
    /// - Throws: `QuantileError` for empty arms, non-finite values, bad p, level or B.
    /// - Complexity: O(N log N + B (N + K)) for N events and K units: each replicate counts
    ///   how often every unit was drawn and walks the once-sorted events with those
    ///   multiplicities, instead of copying and sorting the resampled events.
    public static func quantileDifference(
        treatment: [[Double]], control: [[Double]], probability p: Double,
        confidenceLevel: Double = 0.95, replicates: Int = 2_000, seed: UInt64 = 0
    ) throws -> BootstrapInterval {
        guard p >= 0 && p <= 1 else { throw QuantileError.invalidProbability(p) }
        guard confidenceLevel > 0 && confidenceLevel < 1 else { throw QuantileError.invalidConfidenceLevel(confidenceLevel) }
        guard replicates >= 100 else { throw QuantileError.tooFewReplicates(replicates) }
        for (arm, units) in [("treatment", treatment), ("control", control)] {
            guard units.contains(where: { !$0.isEmpty }) else { throw QuantileError.empty("the \(arm) arm") }
            var index = 0
            for events in units {
                for value in events {
                    guard value.isFinite else { throw QuantileError.nonFiniteValue(index: index, value: value) }
                    index += 1
                }
            }
        }

        func quantileOf(_ units: [[Double]]) -> Double {
            Quantiles.quantile(sorted: units.flatMap { $0 }.sorted(), p)
        }
        let estimate = quantileOf(treatment) - quantileOf(control)

        var generator = SplitMix64(seed: seed)
        let treatmentSampler = UnitResampler(units: treatment)
        let controlSampler = UnitResampler(units: control)
        var values = [Double]()
        values.reserveCapacity(replicates)
        for _ in 0..<replicates {
            let t = treatmentSampler.resampledQuantile(p, generator: &generator)
            let c = controlSampler.resampledQuantile(p, generator: &generator)
            values.append(t - c)
        }
        values.sort()
        let mean = values.reduce(0, +) / Double(replicates)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(replicates - 1)
        return BootstrapInterval(
            estimate: estimate,
            lower: Quantiles.quantile(sorted: values, (1 - confidenceLevel) / 2),
            upper: Quantiles.quantile(sorted: values, (1 + confidenceLevel) / 2),
            standardError: variance.squareRoot(), confidenceLevel: confidenceLevel,
            replicates: replicates, seed: seed)
    }
}
