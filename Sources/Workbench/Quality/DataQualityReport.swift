/// The data-quality section shared by every report: what was read, what was skipped and why,
/// and the exposure anomalies an analyst must know about before trusting a result.
public struct DataQualityReport: Codable, Sendable, Equatable {
    /// One experiment's exposure figures.
    public struct ExperimentQuality: Codable, Sendable, Equatable {
        public var name: String
        public var exposureRows: Int
        /// Exposed units per variant (by first exposure).
        public var unitsPerVariant: [String: Int]
        /// Units seen in more than one variant (to be excluded from analyses).
        public var unitsInSeveralVariants: Int

        enum CodingKeys: String, CodingKey {
            case name, exposureRows = "exposure_rows", unitsPerVariant = "units_per_variant"
            case unitsInSeveralVariants = "units_in_several_variants"
        }
    }

    /// Per file: rows read, delivered, skipped by reason, examples.
    public var files: [IngestReport]
    /// Distinct units in any file.
    public var units: Int
    public var experiments: [ExperimentQuality]
    /// Metric events read, by event name.
    public var eventsByName: [String: Int]
    /// Events of units never exposed to any experiment.
    public var eventsOfUnexposedUnits: Int
    /// Events of exposed units outside every experiment's window
    /// `[first exposure - pre-period, first exposure + window)`.
    public var eventsOutsideWindows: Int
    /// The window used for the count above, in days.
    public var windowDays: Double
    public var prePeriodDays: Double
    /// Earliest and latest timestamps read, ISO-8601 UTC.
    public var firstTimestamp: String?
    public var lastTimestamp: String?
    /// Bytes read (compressed bytes for gzip).
    public var bytesRead: Int
    /// Wall seconds of the read; `nil` in analysis results, which must be reproducible byte
    /// for byte.
    public var seconds: Double?

    enum CodingKeys: String, CodingKey {
        case files, units, experiments, eventsByName = "events_by_name", eventsOfUnexposedUnits = "events_of_unexposed_units"
        case eventsOutsideWindows = "events_outside_windows", windowDays = "window_days", prePeriodDays = "pre_period_days"
        case firstTimestamp = "first_timestamp", lastTimestamp = "last_timestamp", bytesRead = "bytes_read", seconds
    }
}
