import Stats

/// The state of a replay at one look, handed to the observer: the look's statistics and
/// read access to per-unit values (for rank tests such as the canary judge).
///
/// Reads the replayer's buffers in place (no copy per look), so it is valid only during the
/// observer callback that receives it -- like `Exposure.attributes`; copy `statistics` (a
/// value) if you need it later.
public struct LookSnapshot {
    public let statistics: LookStatistics
    let metrics: [GuardrailMetric]
    /// Per-unit rows: `unit * rowStride` holds replay bookkeeping, aggregate a is at
    /// `unit * rowStride + 1 + a`.
    let rowStride: Int
    let aggregateValues: UnsafeBufferPointer<Double>
    /// Units in entry order.
    let entered: UnsafeBufferPointer<Int32>
    let assignment: [Int8]
    /// Effects already computed at this look, shared by the rules evaluating it.
    let effects = EffectCache()

    /// The fixed-horizon effect of metric `index` at this look (`GuardrailEffect.estimate`),
    /// computed once per look and confidence level however many rules ask (the t quantile
    /// behind each interval is the costly part of a rule's evaluation).
    public func effect(metric index: Int, confidenceLevel: Double) -> ComparisonOutcome<EffectEstimate> {
        let key = EffectCache.Key(metric: index, confidenceLevel: confidenceLevel)
        if let cached = effects.values[key] { return cached }
        let outcome = GuardrailEffect.estimate(
            metric: metrics[index], control: statistics.summary(arm: 0, metric: index),
            treatment: statistics.summary(arm: 1, metric: index), confidenceLevel: confidenceLevel)
        effects.values[key] = outcome
        return outcome
    }

    /// Per-unit values of `metric` for the units of `arm` that entered before the look.
    ///
    /// Proportions give 0/1, means the aggregate, ratios x / y per unit (units with y = 0 are
    /// left out: they carry no ratio). At most `limit` units, spread evenly over entry order
    /// (deterministic) when there are more. O(entered units).
    public func unitValues(metric: Int, arm: Int8, limit: Int = .max) -> [Double] {
        var units: [Int32] = []
        for position in 0..<entered.count {
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
            case .proportion(let aggregate): values.append(aggregateValues[u * rowStride + 1 + aggregate] > 0 ? 1 : 0)
            case .mean(let aggregate): values.append(aggregateValues[u * rowStride + 1 + aggregate])
            case .ratio(let numerator, let denominator):
                let y = aggregateValues[u * rowStride + 1 + denominator]
                if y != 0 { values.append(aggregateValues[u * rowStride + 1 + numerator] / y) }
            }
        }
        return values
    }
}

/// Per-look memo of effects. A class so that the value-type snapshot handed to each rule
/// shares it; confined to the replaying thread (never crosses a concurrency domain).
final class EffectCache {
    struct Key: Hashable {
        var metric: Int
        var confidenceLevel: Double
    }

    var values: [Key: ComparisonOutcome<EffectEstimate>] = [:]
}
