/// How much harm a guardrail tolerates, on the absolute or relative scale.
///
/// `value` is a positive amount of harm in the *bad* direction: with `.decrease` preferred
/// (latency) and a relative margin of 0.02, the treatment is non-inferior when latency rises
/// by significantly less than 2 % of |control mean|.
public struct NonInferiorityMargin: Sendable, Hashable, Codable {
    /// Tolerated harm, > 0, in metric units (absolute) or as a fraction (relative).
    public var value: Double
    /// The scale of `value`; the effect tested must be on the same scale.
    public var scale: LiftScale

    /// Creates a margin; `value` must be > 0 and finite.
    public init(_ value: Double, scale: LiftScale) {
        precondition(value > 0 && value.isFinite, "a non-inferiority margin must be positive and finite, got \(value)")
        self.value = value
        self.scale = scale
    }
}
