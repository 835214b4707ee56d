import Foundation
import Testing
@testable import Workbench

/// Every bad-input case: the default stops with a located error; `skip` counts by reason.
@Suite struct BadInputTests {
    private func firstError(_ name: String) throws -> IngestError? {
        do {
            _ = try readAllEvents(name)
            return nil
        } catch let error as IngestError {
            return error
        }
    }

    private var skipping: ReadOptions {
        var options = ReadOptions()
        options.badRowPolicy = .skip
        return options
    }

    @Test func truncatedLine() throws {
        let error = try #require(try firstError("bad-truncated.csv"))
        #expect(error.kind == .truncatedLine && error.line == 3 && error.column == 4)
        #expect(error.description.contains("bad-truncated.csv:3:4"))
        let (events, report) = try readAllEvents("bad-truncated.csv", options: skipping)
        #expect(events.count == 1 && report.rowsSkipped["truncated line"] == 1)
    }

    @Test func unclosedQuote() throws {
        let error = try #require(try firstError("bad-unclosed-quote.csv"))
        #expect(error.kind == .unclosedQuote && error.line == 3)
        let (events, report) = try readAllEvents("bad-unclosed-quote.csv", options: skipping)
        #expect(events.count == 1 && report.rowsSkipped["unclosed quote"] == 1)
    }

    @Test func wrongColumnCount() throws {
        let error = try #require(try firstError("bad-column-count.csv"))
        #expect(error.kind == .wrongColumnCount && error.line == 3 && error.column == 5)
        #expect(error.hint.contains("--on-bad-row skip"))
        let (events, report) = try readAllEvents("bad-column-count.csv", options: skipping)
        #expect(events.map(\.unit) == ["u1", "u3"] && report.rowsSkipped["wrong column count"] == 1)
        #expect(report.rowsRead == 3 && report.examples.count == 1)
    }

    @Test func badTimestamp() throws {
        let error = try #require(try firstError("bad-timestamp.csv"))
        #expect(error.kind == .badTimestamp && error.line == 3 && error.column == 1)
        #expect(error.detail.contains("2026-13-05"))
        let (events, report) = try readAllEvents("bad-timestamp.csv", options: skipping)
        // Line 4 has no time zone: rejected too, unless naive times are declared UTC.
        #expect(events.map(\.unit) == ["u1", "u4"] && report.rowsSkipped["bad timestamp"] == 2)
        var naive = skipping
        naive.naiveTimesAreUTC = true
        let (naiveEvents, _) = try readAllEvents("bad-timestamp.csv", options: naive)
        #expect(naiveEvents.map(\.unit) == ["u1", "u3", "u4"])
    }

    @Test func nonNumericValue() throws {
        let (events, report) = try readAllEvents("bad-number.csv", options: skipping)
        #expect(events.map(\.unit) == ["u1"])
        #expect(report.rowsSkipped["wrong column count"] == 1)
        #expect(report.rowsSkipped["non-numeric value"] == 2)
        var options = ReadOptions()
        options.badRowPolicy = .stop
        #expect(throws: IngestError.self) { _ = try readAllEvents("bad-number.csv", options: options) }
    }

    @Test func emptyFile() throws {
        let error = try #require(try firstError("bad-empty.csv"))
        #expect(error.kind == .emptyFile)
        // File-level problems are never skipped.
        #expect(throws: IngestError.self) { _ = try readAllEvents("bad-empty.csv", options: skipping) }
    }

    @Test func missingHeaderColumn() throws {
        let error = try #require(try firstError("bad-missing-column.csv"))
        #expect(error.kind == .missingColumn && error.line == 1)
        #expect(error.detail.contains("unit_id") && error.hint.contains("--map unit_id="))
        var mapped = ReadOptions()
        mapped.mapping = ColumnMapping([.unitID: "user"])
        let (events, _) = try readAllEvents("bad-missing-column.csv", options: mapped)
        #expect(events.count == 1)
    }

    @Test func malformedJSONIsLocated() throws {
        let error = try #require(try firstError("bad-json.ndjson"))
        #expect(error.kind == .badJSON && error.line == 2 && error.column == 71)
        let (events, report) = try readAllEvents("bad-json.ndjson", options: skipping)
        #expect(events.map(\.unit) == ["u1", "u3"] && report.rowsSkipped["malformed JSON"] == 1)
    }

    @Test func missingFileNamesThePath() {
        do {
            _ = try readAllEvents("no-such-file.csv")
            Issue.record("expected an error")
        } catch let error as IngestError {
            #expect(error.kind == .unreadableFile && error.description.contains("no-such-file.csv"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
