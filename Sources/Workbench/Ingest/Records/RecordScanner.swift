/// What a record scanner produced for one record.
enum RecordOutcome {
    /// A record whose named columns are in the caller's slots; `line` is its first line.
    case record(line: Int)
    /// A record that could not be read; the reader skips or stops per policy.
    case malformed(IngestError)
}

/// Reads records from one file and places the requested columns into slots, whatever the
/// file's format (CSV with a header, NDJSON, a JSON array).
protocol RecordScanner {
    /// The file as the user named it.
    var path: String { get }
    /// The columns the file is known to have (the CSV header; for JSON, empty: keys are only
    /// known per record).
    var knownColumns: [String] { get }
    /// Asks for these columns, in slot order; JSON paths may be dotted (`properties.ab_variant`).
    /// Throws `missingColumn` when a required column is absent from a CSV header.
    mutating func bind(columns: [String], required: [Bool]) throws
    /// Reads the next record into `slots` (one per bound column; an absent JSON key or a
    /// JSON `null` leaves `present[i] == false`). Returns `nil` at the end of the file.
    mutating func next(slots: UnsafeMutableBufferPointer<FieldSlice>, present: UnsafeMutableBufferPointer<Bool>) throws -> RecordOutcome?
    /// The 1-based line and column to report for an error in slot `slot` of the last record
    /// (`line` of the record itself when `present[slot]` is false). CSV columns count fields;
    /// JSON columns count bytes from the start of the line.
    func location(ofSlot slot: Int, recordLine: Int) -> (line: Int, column: Int?)
    /// Bytes consumed from the file so far.
    var bytesConsumed: Int { get }
    /// Whether the last record was cut off by the end of the file (no final line break).
    var lastRecordWasCutOff: Bool { get }
    mutating func close()
}
