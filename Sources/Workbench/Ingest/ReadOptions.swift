/// How to read an export: format, column mapping, timestamps and what to do with bad rows.
public struct ReadOptions {
    public var format: FileFormat = .auto
    public var mapping = ColumnMapping()
    public var timestampFormat: TimestampFormat = .auto
    /// Treat ISO-8601 times without a zone as UTC instead of rejecting them.
    public var naiveTimesAreUTC = false
    public var badRowPolicy: BadRowPolicy = .stop
    /// Attribute (segment) columns to keep on exposures. `nil`: every CSV column that plays no
    /// role (JSON has no header, so JSON attributes must be named).
    public var attributes: [String]?
    /// Called about every 64k rows with the file and the bytes consumed so far (for progress).
    public var progress: ((_ file: String, _ bytesConsumed: Int) -> Void)?

    /// Whether event files are parsed on a second thread while this one interns and consumes
    /// them (same rows, same order, same results; about half the wall time on two cores).
    /// Internal: tests compare both ways.
    var parsesOnSeparateThread = true

    /// Bytes read per chunk. Internal: tests shrink it to exercise records that straddle chunks.
    var chunkSize = 4 << 20

    public init() {}
}
