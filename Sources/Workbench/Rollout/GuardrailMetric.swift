import Stats

/// One guardrail metric as the replay engine computes it: how per-unit values are built from
/// event aggregates, which direction is harmful, and the tolerated margin.
///
/// Built from an analysis-spec metric with `guardrail:` (docs/spec-format.md). Quantile
/// metrics have no additive per-unit sufficient statistics and are not replayable; caps and
/// CUPED are ignored by the replay (a rollback rule reads raw per-unit values).
public struct GuardrailMetric: Sendable, Equatable {
    /// How the metric's per-unit value (x, and y for ratios) is derived from aggregates.
    public enum Shape: Sendable, Equatable {
        /// x = 1 when the unit has at least one event of the aggregate (a `count`), else 0.
        case proportion(aggregate: Int)
        /// x = the aggregate's per-unit value.
        case mean(aggregate: Int)
        /// x = numerator aggregate, y = denominator aggregate; the metric is sum x / sum y.
        case ratio(numerator: Int, denominator: Int)
    }

    public var name: String
    public var shape: Shape
    /// Which way is good; harm is a move the other way.
    public var direction: PreferredDirection
    /// The tolerated harm (> 0), relative (fraction of control) or absolute.
    public var margin: NonInferiorityMargin

    public init(name: String, shape: Shape, direction: PreferredDirection, margin: NonInferiorityMargin) {
        self.name = name
        self.shape = shape
        self.direction = direction
        self.margin = margin
    }

    /// Whether the metric is a ratio of sums (y is used).
    public var isRatio: Bool {
        if case .ratio = shape { return true }
        return false
    }

    /// The aggregate indices the metric reads.
    public var aggregates: [Int] {
        switch shape {
        case .proportion(let aggregate), .mean(let aggregate): return [aggregate]
        case .ratio(let numerator, let denominator): return numerator == denominator ? [numerator] : [numerator, denominator]
        }
    }

    /// +1 when an increase is harmful, -1 when a decrease is.
    public var harmSign: Double { direction == .decrease ? 1 : -1 }
}

/// A per-unit aggregate of one event's values (sum, count or max) over the unit's window.
public struct ReplayAggregate: Sendable, Equatable, Hashable {
    /// Index into `GuardrailHistory.eventNames`.
    public var event: Int
    public var function: MetricSpec.EventAggregate.Function

    public init(event: Int, function: MetricSpec.EventAggregate.Function) {
        self.event = event
        self.function = function
    }

    /// The aggregate after one more event of `value`. Count adds 1 whatever the value.
    @inlinable
    public func updated(_ current: Double, with value: Double) -> Double {
        switch function {
        case .sum: return current + value
        case .count: return current + 1
        case .max: return Swift.max(current, value)
        }
    }
}
