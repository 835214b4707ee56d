/// Progress of a running export, reported once per generated day.
public struct GenerationProgress: Sendable {
    /// Days finished so far, 1 ... `totalDays`.
    public var completedDays: Int
    /// Days in the export (pre-period + enrolment + window).
    public var totalDays: Int
    /// The day just written, `YYYY-MM-DD`.
    public var day: String
    /// Rows written so far across both CSV files.
    public var rowsWritten: Int
}
