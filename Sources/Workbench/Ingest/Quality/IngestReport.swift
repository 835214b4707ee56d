/// Counts kept while reading one file, for the reports' data-quality section.
///
/// Nothing read is lost without a trace: every row is either delivered or counted under the
/// reason it was skipped, and the first few skipped rows are kept as located examples.
public struct IngestReport: Sendable, Codable, Equatable {
    /// The file as the user named it.
    public var file: String
    /// Data rows read (the header excluded), delivered or skipped.
    public var rowsRead = 0
    /// Rows delivered to the consumer.
    public var rowsDelivered = 0
    /// Skipped rows by reason (the `IngestError.Kind` raw value).
    public var rowsSkipped: [String: Int] = [:]
    /// The first skipped rows, as full error messages (at most `maximumExamples`).
    public var examples: [String] = []
    /// Bytes read from disk (compressed bytes for gzip).
    public var bytesRead = 0

    enum CodingKeys: String, CodingKey {
        case file, rowsRead = "rows_read", rowsDelivered = "rows_delivered", rowsSkipped = "rows_skipped", examples
        case bytesRead = "bytes_read"
    }

    /// How many located examples are kept.
    public static let maximumExamples = 20

    public init(file: String) { self.file = file }

    /// Total of skipped rows over all reasons.
    public var totalSkipped: Int { rowsSkipped.values.reduce(0, +) }

    /// Records one skipped row.
    mutating func recordSkip(_ error: IngestError) {
        rowsSkipped[error.kind.rawValue, default: 0] += 1
        if examples.count < Self.maximumExamples { examples.append(error.description) }
    }
}
