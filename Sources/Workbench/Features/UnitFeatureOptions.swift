/// Settings of `workbench features`: where the cutoff is, what the label is, and how to read
/// the events file.
public struct UnitFeatureOptions {
    /// Features use events strictly before this time (epoch milliseconds, UTC).
    public var cutoff: Int64
    /// The event name whose occurrence in the label window makes the label 1.
    public var labelEvent: String
    /// Length of the label window `[cutoff, cutoff + labelDays)`, in days (> 0).
    public var labelDays: Double
    /// A column whose distinct non-empty values count as `unique_features` (e.g. `feature_key`);
    /// `nil` counts distinct event names.
    public var featureColumn: String?
    /// Format, column mapping and timestamp settings (the bad-row policy is always "stop").
    public var readOptions: ReadOptions

    /// Creates options.
    public init(cutoff: Int64, labelEvent: String, labelDays: Double, featureColumn: String? = nil, readOptions: ReadOptions = ReadOptions()) {
        self.cutoff = cutoff
        self.labelEvent = labelEvent
        self.labelDays = labelDays
        self.featureColumn = featureColumn
        self.readOptions = readOptions
    }

    /// End of the label window (exclusive), epoch milliseconds.
    public var labelWindowEnd: Int64 { cutoff + Int64((labelDays * 86_400_000).rounded()) }
}
