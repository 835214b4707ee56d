/// The scale on which a treatment effect is reported.
///
/// * `absolute`: treatment mean minus control mean, in the metric's own units.
/// * `relative`: (treatment mean - control mean) / |control mean|, a fraction
///   (0.05 means +5 %). Dividing by the *absolute value* of the control mean keeps the sign
///   of the lift equal to the sign of the difference when the baseline is negative (a
///   known pitfall of engines that divide by the signed control mean).
public enum LiftScale: String, Sendable, Hashable, Codable, CaseIterable {
    /// Difference of means, in metric units.
    case absolute
    /// Difference of means divided by |control mean|.
    case relative
}
