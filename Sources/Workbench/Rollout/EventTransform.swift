/// A deterministic change applied to replayed events (an injected regression).
///
/// The replayer calls `transform` for every event of a unit that is in an arm and has
/// entered, in time order. Implementations must be pure functions of their arguments (use
/// `sequence`, the event's position in the history, to draw randomness), so that a replay is
/// reproducible and independent of what other replays ran.
public protocol EventTransform: Sendable {
    /// The event as it should be replayed: kept or dropped, possibly with a new value, plus at
    /// most one extra event at the same time for the same unit.
    func transform(
        event: Int, value: Double, time: Int64, unit: Int32, arm: Int8, sequence: Int
    ) -> TransformedEvent
}

/// What an `EventTransform` makes of one event.
public struct TransformedEvent: Sendable, Equatable {
    /// Whether the original event is kept.
    public var keep: Bool
    /// The value of the kept event.
    public var value: Double
    /// An extra event (event index, value) for the same unit at the same time, if any.
    public var extra: (event: Int, value: Double)?

    public init(keep: Bool, value: Double, extra: (event: Int, value: Double)? = nil) {
        self.keep = keep
        self.value = value
        self.extra = extra
    }

    public static func == (lhs: TransformedEvent, rhs: TransformedEvent) -> Bool {
        lhs.keep == rhs.keep && lhs.value == rhs.value && lhs.extra?.event == rhs.extra?.event && lhs.extra?.value == rhs.extra?.value
    }

    /// The event unchanged.
    public static func unchanged(_ value: Double) -> TransformedEvent { TransformedEvent(keep: true, value: value) }
}
