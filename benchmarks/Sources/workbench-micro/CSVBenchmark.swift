@testable import Workbench

/// Serves a prepared in-memory CSV, so the loop measured is splitting, not `read(2)`.
struct MemoryChunkSource: ByteChunkSource {
    let bytes: [UInt8]
    var offset = 0

    mutating func read(into destination: UnsafeMutablePointer<UInt8>, capacity: Int) throws -> Int {
        let count = min(capacity, bytes.count - offset)
        bytes.withUnsafeBufferPointer { source in
            if count > 0 { destination.update(from: source.baseAddress! + offset, count: count) }
        }
        offset += count
        return count
    }

    var bytesConsumed: Int { offset }
    mutating func close() {}
}

enum CSVBenchmark {
    /// 200k event rows in the generator's format (`timestamp,unit_id,event,value`), ~8 MB.
    static func eventsCSV(rows: Int = 200_000) -> [UInt8] {
        var text = "timestamp,unit_id,event,value\n"
        var generator = SystemRandomNumberGenerator()
        let events = ["page_view", "request", "request", "page_view", "purchase", "error"]
        for row in 0..<rows {
            let unit = Int.random(in: 0..<1_000_000, using: &generator)
            let event = events[row % events.count]
            let value = event == "request" ? String(format: "%.1f", Double.random(in: 20..<900, using: &generator))
                : event == "purchase" ? String(format: "%.2f", Double.random(in: 5..<200, using: &generator)) : ""
            let second = row % 60, minute = (row / 60) % 60, hour = (row / 3600) % 24
            text += "2026-01-05T\(pad(hour)):\(pad(minute)):\(pad(second))Z,u\(String(repeating: "0", count: 7 - String(unit).count))\(unit),\(event),\(value)\n"
        }
        return Array(text.utf8)
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// Splitting every row of `bytes` into field slices (CSVScanner, the reader's first stage).
    static func scanning(_ bytes: [UInt8]) -> MicroBenchmark {
        MicroBenchmark(name: "CSV field scanning (events, 8 MB in memory)", workUnit: "MB", workPerIteration: Double(bytes.count) / 1e6) {
            var scanner = CSVScanner(source: MemoryChunkSource(bytes: bytes), path: "memory")
            var fields = 0
            while let row = try? scanner.nextRow() {
                if case let .fields(_, count) = row { fields &+= count }
            }
            scanner.close()
            consume(fields)
        }
    }
}

import Foundation
