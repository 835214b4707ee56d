/// The true effect of one non-control variant relative to control, as requested by the user.
///
/// Effects act only after a unit's first exposure and are identical in every segment
/// (no heterogeneous effects). All four are relative changes; 0 means no effect.
public struct TreatmentEffect: Sendable, Codable, Equatable {
    /// The variant these effects apply to (never the control).
    public var variant: String
    /// Relative lift in conversion rate (share of units with at least one purchase in the
    /// metric window): treatment rate = control rate * (1 + lift). Range: > -1, and the
    /// resulting rate must stay below the buyer share (0.15 by default).
    public var conversionLift: Double
    /// Relative lift in revenue per exposed unit over the metric window (uncapped): > -1.
    public var revenueLift: Double
    /// Relative change of every request latency (so of the mean and of every quantile):
    /// multiplier `1 + latencyChange`, range > -1.
    public var latencyChange: Double
    /// Relative change of the per-request error probability: multiplier
    /// `1 + errorRateChange`, range >= -1, and the resulting probability must stay <= 1.
    public var errorRateChange: Double

    /// Creates the effects of one variant; all default to no effect.
    public init(
        variant: String, conversionLift: Double = 0, revenueLift: Double = 0,
        latencyChange: Double = 0, errorRateChange: Double = 0
    ) {
        self.variant = variant
        self.conversionLift = conversionLift
        self.revenueLift = revenueLift
        self.latencyChange = latencyChange
        self.errorRateChange = errorRateChange
    }

    /// Builds one effect per non-control variant from command-line style lists.
    ///
    /// Each list holds either one value (applied to every non-control variant) or exactly one
    /// value per non-control variant, in the order of `variants.dropFirst()`.
    ///
    /// - Throws: ``GeneratorError/listLengthMismatch(name:expected:actual:)`` otherwise.
    public static func broadcast(
        variants: [String], conversionLift: [Double], revenueLift: [Double],
        latencyChange: [Double], errorRateChange: [Double]
    ) throws -> [TreatmentEffect] {
        let treatments = Array(variants.dropFirst())
        func expand(_ values: [Double], _ name: String) throws -> [Double] {
            if values.count == 1 { return Array(repeating: values[0], count: treatments.count) }
            guard values.count == treatments.count else {
                throw GeneratorError.listLengthMismatch(
                    name: name, expected: "1 or \(treatments.count) (one per non-control variant)",
                    actual: values.count)
            }
            return values
        }
        let conversion = try expand(conversionLift, "--conversion-lift")
        let revenue = try expand(revenueLift, "--revenue-lift")
        let latency = try expand(latencyChange, "--latency-change")
        let errors = try expand(errorRateChange, "--error-rate-change")
        return treatments.indices.map { index in
            TreatmentEffect(
                variant: treatments[index], conversionLift: conversion[index], revenueLift: revenue[index],
                latencyChange: latency[index], errorRateChange: errors[index])
        }
    }
}
