import Foundation
import Testing
@testable import Workbench

/// Ingest streams: reading 1e7 rows must not grow memory with the number of rows.
@Suite(.serialized) struct BoundedMemoryTests {
    /// Resident set size of this process in bytes, from /proc/self/status (VmRSS).
    static func residentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let digits = line.split(separator: " ").compactMap { Int($0) }
            return (digits.first ?? 0) * 1024
        }
        return 0
    }

    @Test func tenMillionRowsReadInBoundedMemory() throws {
        let rows = 10_000_000
        let rowsPerBlock = 20_000
        // A block of 20k rows over 1,000 units, written 500 times: a 450 MB export.
        var block = ""
        for row in 0..<rowsPerBlock {
            let second = row % 86_400
            block += "2026-01-05T\(pad(second / 3600)):\(pad(second / 60 % 60)):\(pad(second % 60))Z,u\(100_000 + row % 1000),"
            block += row % 3 == 0 ? "purchase,\(row % 97).5\n" : "request,\n"
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bounded-\(getpid()).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        FileManager.default.createFile(atPath: url.path, contents: Data("timestamp,unit_id,event,value\n".utf8))
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        let blockData = Data(block.utf8)
        for _ in 0..<(rows / rowsPerBlock) { try handle.write(contentsOf: blockData) }
        try handle.close()

        let reader = ExportReader()
        var count = 0
        var sum = 0.0
        var baseline = 0
        var peak = 0
        let report = try reader.readEvents(path: url.path) { event in
            count += 1
            sum += event.value
            if count == 100_000 { baseline = Self.residentBytes() }
            if count % 1_000_000 == 0 { peak = max(peak, Self.residentBytes()) }
        }
        #expect(count == rows && report.rowsDelivered == rows && report.totalSkipped == 0)
        #expect(reader.vocabulary.unitCount == 1000)
        let growth = peak - baseline
        #expect(growth < 32 << 20, "resident memory grew by \(growth / 1_048_576) MB while reading \(rows) rows")
        #expect(sum > 0)
    }

    private func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
