import Foundation
import Testing
@testable import Workbench

/// Events parsed on a second thread (the default) must reach the consumer exactly as a
/// one-thread read delivers them: same rows, same order, same ids, same report, same errors.
@Suite struct ParallelParsingTests {
    /// 20,000 rows (several batches of 4096, so batches are recycled), a few thousand units,
    /// empty values, and bad rows at known lines when `bad` is set.
    private func writeEvents(bad: Bool, tag: String) throws -> String {
        var text = "timestamp,unit_id,event,value\n"
        for row in 0..<20_000 {
            let line = row + 2
            let unit = "u\((row * 7919) % 3_001)"
            let event = ["request", "purchase", "error", "page_view"][row % 4]
            let value = row % 5 == 0 ? "" : "\(Double(row % 997) / 8)"
            if bad && (line == 9_000 || line == 15_001) {
                text += "not-a-time,\(unit),\(event),1\n"
            } else if bad && line == 12_345 {
                text += "\(1_767_614_400 + row),\(unit),\(event),abc\n"
            } else {
                text += "\(1_767_614_400 + row),\(unit),\(event),\(value)\n"
            }
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("parallel-\(tag)-\(getpid()).csv")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    private func read(_ path: String, pipelined: Bool, policy: BadRowPolicy, chunkSize: Int = 4 << 20,
                      stopAfter: Int? = nil) -> (rows: [String], result: Result<IngestReport, any Error>) {
        var options = ReadOptions()
        options.parsesOnSeparateThread = pipelined
        options.badRowPolicy = policy
        options.chunkSize = chunkSize
        let reader = ExportReader(options: options)
        var rows: [String] = []
        let result = Result {
            try reader.readEvents(path: path) { event in
                if let stopAfter, rows.count == stopAfter { throw AnalysisError("consumer stops at \(stopAfter)") }
                rows.append("\(event.unit)|\(reader.vocabulary.unitName(event.unit))|\(reader.vocabulary.eventName(event.event))|\(event.value)|\(event.time)")
            }
        }
        return (rows, result)
    }

    @Test(arguments: [4 << 20, 4093])
    func sameRowsAndReport(chunkSize: Int) throws {
        let path = try writeEvents(bad: true, tag: "skip-\(chunkSize)")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sequential = read(path, pipelined: false, policy: .skip, chunkSize: chunkSize)
        let pipelined = read(path, pipelined: true, policy: .skip, chunkSize: chunkSize)
        #expect(sequential.rows.count == 19_997)
        #expect(pipelined.rows == sequential.rows)
        let expected = try sequential.result.get()
        #expect(try pipelined.result.get() == expected)
        #expect(expected.rowsSkipped == ["bad timestamp": 2, "non-numeric value": 1])
    }

    @Test func firstBadRowStopsBothWaysAtTheSameLine() throws {
        let path = try writeEvents(bad: true, tag: "stop")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var delivered: [[String]] = []
        for pipelined in [false, true] {
            let outcome = read(path, pipelined: pipelined, policy: .stop)
            delivered.append(outcome.rows)
            guard case .failure(let error as IngestError) = outcome.result else {
                Issue.record("pipelined=\(pipelined): expected an IngestError, got \(outcome.result)")
                continue
            }
            #expect(error.line == 9_000 && error.column == 1 && error.kind == .badTimestamp, "pipelined=\(pipelined): \(error)")
            // Whole batches before the bad row may have been delivered; never a row after it.
            #expect(outcome.rows.count <= 9_000 - 2, "pipelined=\(pipelined)")
        }
        #expect(delivered.count == 2 && delivered[0] == delivered[1])
    }

    @Test func consumerErrorStopsTheParserAndIsReported() throws {
        let path = try writeEvents(bad: false, tag: "consumer")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outcome = read(path, pipelined: true, policy: .stop, stopAfter: 10_000)
        guard case .failure(let error as AnalysisError) = outcome.result else {
            Issue.record("expected the consumer's AnalysisError, got \(outcome.result)")
            return
        }
        #expect("\(error)".contains("consumer stops at 10000"))
        #expect(outcome.rows.count == 10_000)
    }
}
