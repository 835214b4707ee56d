/// A regression of size d injected into the treatment arm's events from an onset time on
/// (a step), deterministic given its seed.
///
/// Kinds (d > 0 is always harm):
/// * `.scaleValues`: every `event` value times (1 + d) (latency);
/// * `.addEvents`: each `trigger` event (a request) gets an extra `event` (an error) with
///   probability min(1, baseRate x d), so the expected number of `event`s per `trigger`
///   goes from baseRate to baseRate (1 + d): the error probability times (1 + d);
/// * `.thinEvents`: each `event` (a conversion) is dropped with probability min(1, d).
/// Randomness is a counter-based hash of (seed, event position), so a replay is reproducible
/// and does not depend on other replays.
public struct InjectedRegression: EventTransform, Equatable {
    public enum Kind: Sendable, Equatable {
        case scaleValues(event: Int)
        case addEvents(event: Int, trigger: Int, baseRate: Double)
        case thinEvents(event: Int)
    }

    public var kind: Kind
    /// Relative size d >= 0.
    public var size: Double
    /// Events at or after this time (ms) are changed.
    public var onset: Int64
    public var seed: UInt64

    public init(kind: Kind, size: Double, onset: Int64, seed: UInt64) {
        precondition(size >= 0 && size.isFinite, "a regression size must be finite and >= 0, got \(size)")
        self.kind = kind
        self.size = size
        self.onset = onset
        self.seed = seed
    }

    public func transform(event: Int, value: Double, time: Int64, unit: Int32, arm: Int8, sequence: Int) -> TransformedEvent {
        guard arm == 1, time >= onset else { return .unchanged(value) }
        switch kind {
        case .scaleValues(let target):
            return event == target ? TransformedEvent(keep: true, value: value * (1 + size)) : .unchanged(value)
        case .addEvents(let added, let trigger, let baseRate):
            guard event == trigger, uniform(sequence) < min(1, baseRate * size) else { return .unchanged(value) }
            return TransformedEvent(keep: true, value: value, extra: (added, 1))
        case .thinEvents(let target):
            guard event == target else { return .unchanged(value) }
            return TransformedEvent(keep: uniform(sequence) >= min(1, size), value: value)
        }
    }

    /// A uniform in [0, 1) from (seed, position).
    func uniform(_ sequence: Int) -> Double {
        let bits = SplitMix64.mix(SplitMix64.mix(seed &+ SplitMix64.increment) ^ UInt64(truncatingIfNeeded: sequence))
        return Double(bits >> 11) * 0x1p-53
    }
}
