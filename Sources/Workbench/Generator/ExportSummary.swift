/// What one run of the generator wrote, returned to the caller and stored in truth.json.
public struct ExportSummary: Sendable, Codable, Equatable {
    /// Units assigned to each variant (before SRM losses), in variant order.
    public var unitsPerVariant: [Int]
    /// Units per variant that appear in exposures.csv (after SRM losses), by first variant.
    public var loggedUnitsPerVariant: [Int]
    /// Units removed from the exposure log by the SRM option.
    public var unitsDroppedFromExposureLog: Int
    /// Logged units that also have an exposure to a second variant.
    public var unitsInBothVariants: Int
    /// Data rows in exposures.csv (header excluded).
    public var exposureRows: Int
    /// Data rows in events.csv (header excluded).
    public var eventRows: Int
    /// Event rows per event name.
    public var eventRowsByName: [String: Int]
    /// Size of exposures.csv in bytes.
    public var exposureBytes: Int64
    /// Size of events.csv in bytes.
    public var eventBytes: Int64
    /// Earliest timestamp written (ISO-8601 UTC) across both files; empty when no rows.
    public var firstTimestamp: String
    /// Latest timestamp written (ISO-8601 UTC) across both files; empty when no rows.
    public var lastTimestamp: String
}
