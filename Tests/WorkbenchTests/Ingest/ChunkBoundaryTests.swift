import Foundation
import Testing
@testable import Workbench

/// Records that straddle chunk boundaries: the same random files read with tiny chunks must
/// give exactly what an independent, whole-file reference parser gives.
@Suite struct ChunkBoundaryTests {
    /// A small deterministic generator (SplitMix64) so failures reproduce.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Writes a CSV whose unit ids need quoting (commas, quotes, newlines), returns the path
    /// and the expected unit ids.
    private func writeRandomCSV(seed: UInt64, rows: Int, crlf: Bool, tag: Int) throws -> (String, [String]) {
        var random = SplitMix(state: seed)
        let alphabet = Array("ab,\"\n x")
        var text = "timestamp,unit_id,event,value" + (crlf ? "\r\n" : "\n")
        var units: [String] = []
        for row in 0..<rows {
            let length = Int.random(in: 1...12, using: &random)
            let unit = String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] })
            units.append(unit)
            let needsQuotes = unit.contains(",") || unit.contains("\"") || unit.contains("\n") || unit.hasPrefix(" ") || Bool.random(using: &random)
            let field = needsQuotes ? "\"" + unit.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : unit
            text += "\(1_767_614_400 + row),\(field),e,\(row)" + (crlf ? "\r\n" : "\n")
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chunks-\(seed)-\(crlf)-\(tag)-\(getpid()).csv")
        try Data(text.utf8).write(to: url)
        return (url.path, units)
    }

    @Test(arguments: [1, 2, 3, 7, 16, 61])
    func quotedRecordsAcrossChunks(chunkSize: Int) throws {
        for (seed, crlf) in [(UInt64(1), false), (2, true), (3, false)] {
            let (path, units) = try writeRandomCSV(seed: seed, rows: 200, crlf: crlf, tag: chunkSize)
            defer { try? FileManager.default.removeItem(atPath: path) }
            var options = ReadOptions()
            options.chunkSize = chunkSize
            let reader = ExportReader(options: options)
            var seen: [String] = []
            var values: [Double] = []
            _ = try reader.readEvents(path: path) { event in
                seen.append(reader.vocabulary.unitName(event.unit))
                values.append(event.value)
            }
            #expect(seen == units, "seed \(seed) chunk \(chunkSize)")
            #expect(values == (0..<200).map(Double.init))
        }
    }

    @Test(arguments: [1, 5, 33])
    func jsonObjectsAcrossChunks(chunkSize: Int) throws {
        var options = ReadOptions()
        options.chunkSize = chunkSize
        for name in ["events.ndjson", "reference-service.json"] {
            var small = options
            if name.hasSuffix("service.json") { small.mapping = .referenceFlagService }
            let large = small.withChunk(4 << 20)
            #expect(try collect(name, small) == collect(name, large), "\(name) chunk \(chunkSize)")
        }
    }

    private func collect(_ name: String, _ options: ReadOptions) throws -> [String] {
        let reader = ExportReader(options: options)
        var rows: [String] = []
        _ = try reader.readEvents(path: try ingestFixture(name)) { event in
            rows.append("\(reader.vocabulary.unitName(event.unit))|\(reader.vocabulary.eventName(event.event))|\(event.value)|\(event.time)")
        }
        return rows
    }
}

extension ReadOptions {
    fileprivate func withChunk(_ size: Int) -> ReadOptions {
        var copy = self
        copy.chunkSize = size
        return copy
    }
}
