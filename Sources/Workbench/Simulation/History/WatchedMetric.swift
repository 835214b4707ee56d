/// A guardrail metric of the analysis spec as the replay tracks it: per-unit running values
/// in one or two slots (event aggregates), summarised per arm.
public struct WatchedMetric: Sendable, Equatable {
    /// How the per-unit value is built from the slots.
    public enum Shape: Sendable, Equatable {
        /// 1 when the unit has at least one event in `slot` since entering, else 0.
        case proportion(slot: Int)
        /// The unit's aggregate in `slot` since entering.
        case mean(slot: Int)
        /// Sum of `numerator` over sum of `denominator` (delta method).
        case ratio(numerator: Int, denominator: Int)

        /// The slot an injected regression scales (the numerator, or the only slot).
        public var numeratorSlot: Int {
            switch self {
            case let .proportion(slot), let .mean(slot): return slot
            case let .ratio(numerator, _): return numerator
            }
        }
    }

    public var name: String
    public var shape: Shape
    /// `true` when higher is better (`direction: increase`).
    public var increaseIsGood: Bool
    /// Non-inferiority margin from the spec's `guardrail:` (a fraction of control when `relative`).
    public var margin: Double
    public var relativeMargin: Bool

    public init(name: String, shape: Shape, increaseIsGood: Bool, margin: Double, relativeMargin: Bool) {
        self.name = name
        self.shape = shape
        self.increaseIsGood = increaseIsGood
        self.margin = margin
        self.relativeMargin = relativeMargin
    }
}
