/// How `workbench simulate --target-model` obtains the logging propensities.
public enum PropensityChoice: Sendable, Equatable {
    /// A known constant treatment share (`--treatment-share`); control gets the rest. Only for
    /// two-variant experiments.
    case treatmentShare(Double)
    /// The spec's planned `weights:` (normalised), constant over time.
    case planned
    /// Estimated from the log: one share for all units.
    case estimatedConstant
    /// Estimated from the log: one share per UTC day of first exposure (a ramped rollout).
    case estimatedDaily
    /// Estimated from the log: per day when a chi-square test rejects a constant share at
    /// p < 0.001, else constant (the default).
    case estimatedAutomatic
}
