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
        try read(with: reader, exposures: onExposure, eventBatches: { events in
            for event in events { try onEvent(event) }
        })
    }

    /// Like `read(with:exposures:events:)`, with events handed over in batches (file order;
    /// see `ExportReader.readEventBatches`).
    public func read(
        with reader: ExportReader, exposures onExposure: (Exposure) throws -> Void,
        eventBatches onEvents: (UnsafeBufferPointer<Event>) throws -> Void
    ) throws -> [IngestReport] {
        switch self {
        case .twoFiles(let exposuresPath, let eventsPath):
            let exposureReport = try reader.readExposures(path: exposuresPath, onExposure)
            let eventReport = try reader.readEventBatches(path: eventsPath, onEvents)
            return [exposureReport, eventReport]
        case .singleStream(let file, let exposureEvent):
            // First pass: exposures only (the events are parsed but dropped).
            _ = try reader.readSingleStream(path: file, exposureEvent: exposureEvent, onExposure: onExposure, onEvent: { _ in })
            // Second pass: events only; this pass's report counts every row once.
            var event = Event(unit: 0, event: 0, value: 0, time: 0)
            let report = try reader.readSingleStream(
                path: file, exposureEvent: exposureEvent, onExposure: { _ in },
                onEvent: { next in
                    event = next
                    try withUnsafePointer(to: &event) { try onEvents(UnsafeBufferPointer(start: $0, count: 1)) }
                })
            return [report]
        }
    }
}
