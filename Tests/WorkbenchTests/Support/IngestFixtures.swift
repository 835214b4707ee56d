import Foundation
@testable import Workbench

/// The path of an ingest fixture file.
func ingestFixture(_ name: String) throws -> String {
    guard let base = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
    return base.appendingPathComponent("Fixtures/ingest/\(name)").path
}

/// All events of a file, with names resolved, for compact assertions.
struct ReadEvent: Equatable {
    var unit: String
    var event: String
    var value: Double
    var time: Int64
}

func readAllEvents(_ name: String, options: ReadOptions = ReadOptions()) throws -> ([ReadEvent], IngestReport) {
    let reader = ExportReader(options: options)
    var events: [ReadEvent] = []
    let report = try reader.readEvents(path: try ingestFixture(name)) { event in
        events.append(ReadEvent(unit: reader.vocabulary.unitName(event.unit), event: reader.vocabulary.eventName(event.event),
                                value: event.value, time: event.time))
    }
    return (events, report)
}

/// Milliseconds since the epoch of a UTC civil time.
func epochMilliseconds(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) -> Int64 {
    let days = TimestampParser.daysFromCivil(year: year, month: month, day: day)
    return Int64(days * 86_400 + hour * 3600 + minute * 60 + second) * 1000
}
