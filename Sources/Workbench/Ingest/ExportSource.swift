/// Where an export's exposures and events come from.
public enum ExportSource: Sendable, Equatable {
    /// The canonical layout: an exposures file and an events file.
    case twoFiles(exposures: String, events: String)
    /// One event stream in which exposures are events named `exposureEvent`.
    case singleStream(file: String, exposureEvent: String)

    /// Streams the source's exposures, then its events, through `reader`. A single stream is
    /// read twice (exposures first, so each unit's first exposure is known before its events
    /// are judged), which keeps memory bounded without sorting.
    /// Returns one `IngestReport` per file pass; the single-stream's second pass reports only
    /// the events, so rows are not counted twice.
    public func read(
        with reader: ExportReader, exposures onExposure: (Exposure) throws -> Void, events onEvent: (Event) throws -> Void
    ) throws -> [IngestReport] {
        switch self {
        case .twoFiles(let exposuresPath, let eventsPath):
            let exposureReport = try reader.readExposures(path: exposuresPath, onExposure)
            let eventReport = try reader.readEvents(path: eventsPath, onEvent)
            return [exposureReport, eventReport]
        case .singleStream(let file, let exposureEvent):
            // First pass: exposures only (the events are parsed but dropped).
            _ = try reader.readSingleStream(path: file, exposureEvent: exposureEvent, onExposure: onExposure, onEvent: { _ in })
            // Second pass: events only; this pass's report counts every row once.
            let report = try reader.readSingleStream(path: file, exposureEvent: exposureEvent, onExposure: { _ in }, onEvent: onEvent)
            return [report]
        }
    }
}
