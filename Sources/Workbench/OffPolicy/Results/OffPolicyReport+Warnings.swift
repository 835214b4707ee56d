extension OffPolicyReport {
    /// Every sentence a reader must see before the numbers, in report order: units exposed
    /// before the cutoff first (it can bias every estimate), then the evaluation's warnings,
    /// then model counts no unit had. Shared by the Markdown and HTML reports so they agree.
    public var readerWarnings: [String] {
        var warnings = evaluation.warnings
        if unitsExposedBeforeCutoff > 0 {
            warnings.insert("\(unitsExposedBeforeCutoff) units were first exposed before the feature cutoff, so their features may include post-exposure (treatment-affected) events", at: 0)
        }
        if !model.absentCounts.isEmpty {
            warnings.append("model features no unit had before the cutoff (0 for all): \(model.absentCounts.joined(separator: ", "))")
        }
        return warnings
    }
}
