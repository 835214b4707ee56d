import Foundation
import Testing
@testable import Workbench

@Suite struct FormatTests {
    @Test func readsCanonicalExposuresWithAttributes() throws {
        let reader = ExportReader()
        var rows: [(String, String, String, Int64, [String])] = []
        let report = try reader.readExposures(path: try ingestFixture("exposures.csv")) { exposure in
            let attributes = exposure.attributes.enumerated().map { index, value in
                reader.vocabulary.attributeValue(attribute: Int32(index), value: value)
            }
            rows.append((reader.vocabulary.unitName(exposure.unit), reader.vocabulary.experimentName(exposure.experiment),
                         reader.vocabulary.variantName(exposure.variant), exposure.time, attributes))
        }
        #expect(report.rowsRead == 3 && report.rowsDelivered == 3 && report.totalSkipped == 0)
        #expect(reader.attributeColumns == ["country", "platform"])
        #expect(rows.map(\.0) == ["u1", "u2", "u1"])
        #expect(rows[1].2 == "on" && rows[1].4 == ["US", "web"])
        #expect(rows[0].3 == epochMilliseconds(2026, 1, 5, 10))
        #expect(rows[1].3 == epochMilliseconds(2026, 1, 5, 8, 5))  // +02:00 offset
        #expect(rows[2].3 == epochMilliseconds(2026, 1, 5, 11) + 250)
        #expect(reader.vocabulary.unitCount == 2)
    }

    @Test func readsCRLFAndEpochTimestampsAndEmptyValues() throws {
        let (events, report) = try readAllEvents("events-crlf.csv")
        #expect(report.rowsDelivered == 3)
        #expect(events[0] == ReadEvent(unit: "u1", event: "purchase", value: 12.5, time: epochMilliseconds(2026, 1, 5, 12)))
        #expect(events[1] == ReadEvent(unit: "u2", event: "request", value: 1, time: epochMilliseconds(2026, 1, 5, 12)))
        #expect(events[2].value == 10 && events[2].time == epochMilliseconds(2026, 1, 5, 12) + 123)
    }

    @Test func honoursQuotingCommasDoubledQuotesAndNewlines() throws {
        let (events, report) = try readAllEvents("quoted.csv")
        #expect(report.rowsRead == 2)
        #expect(events.map(\.unit) == ["u,1", "u2"])
        #expect(events[1].value == 1)
    }

    @Test func readsNDJSONWithNestedValuesNullsAndEscapes() throws {
        let (events, report) = try readAllEvents("events.ndjson")
        #expect(report.rowsDelivered == 3)
        #expect(events[0] == ReadEvent(unit: "u1", event: "purchase", value: 12.5, time: epochMilliseconds(2026, 1, 5, 12)))
        #expect(events[1].value == 1)  // null means empty means 1
        #expect(events[2].unit == "u\u{e9}\"x")
    }

    @Test func readsGzipAndConcatenatedGzipMembers() throws {
        let (events, _) = try readAllEvents("events.csv.gz")
        let (plain, _) = try readAllEvents("events-crlf.csv")
        #expect(events == plain)
        let reader = ExportReader()
        var count = 0
        let report = try reader.readExposures(path: try ingestFixture("exposures-multimember.csv.gz")) { _ in count += 1 }
        #expect(count == 6 && report.totalSkipped == 0)
    }

    @Test func readsTheReferenceServiceSingleStreamWithMapping() throws {
        var options = ReadOptions()
        options.mapping = try ColumnMapping.parse(["unit_id=user_id", "experiment<-feature_key", "event=event_type",
                                                   "variant=properties.ab_variant", "value=properties.latency_ms"])
        options.attributes = ["source"]
        let reader = ExportReader(options: options)
        var exposures: [(String, String, String)] = []
        var events: [(String, String, Double)] = []
        let vocabulary = reader.vocabulary
        let report = try reader.readSingleStream(
            path: try ingestFixture("reference-service.json"), exposureEvent: "viewed_feature",
            onExposure: { exposures.append((vocabulary.unitName($0.unit), vocabulary.experimentName($0.experiment), vocabulary.variantName($0.variant))) },
            onEvent: { events.append((vocabulary.unitName($0.unit), vocabulary.eventName($0.event), $0.value)) })
        #expect(report.rowsDelivered == 3)
        #expect(exposures.map(\.0) == ["u1", "257597"] && exposures.map(\.2) == ["A", "B"])
        #expect(exposures[0].1 == "checkout_upsell")
        #expect(events.count == 1 && events[0].1 == "transaction" && events[0].2 == 85.5)
    }

    @Test func mappingRejectsUnknownRoles() {
        #expect(throws: MappingError.self) { try ColumnMapping.parse(["user=user_id"]) }
        #expect(throws: MappingError.self) { try ColumnMapping.parse(["unit_id"]) }
    }
}
