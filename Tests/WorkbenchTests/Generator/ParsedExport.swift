import Foundation
import Testing

@testable import Workbench

/// An export generated into a temporary folder and read back with independent parsing
/// (Foundation's ISO8601DateFormatter for timestamps), for the generator tests.
struct ParsedExport: Sendable {
    struct Exposure: Sendable {
        var time: Int64
        var unit: String
        var experiment: String
        var variant: String
        var country: String
        var platform: String
    }

    struct Event: Sendable {
        var time: Int64
        var unit: String
        var event: String
        var value: String
    }

    var exposureLines: [String]
    var eventLines: [String]
    var exposures: [Exposure]
    var events: [Event]
    var truth: GroundTruth
    var spec: String
    /// Raw bytes of the four files by name.
    var files: [String: Data]

    /// Generates `parameters` into a fresh temporary folder, parses it, and removes the folder.
    static func generate(_ parameters: GeneratorParameters) throws -> ParsedExport {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("workbench-generator-tests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try ExportGenerator(parameters: parameters).write(to: folder)
        var files: [String: Data] = [:]
        for name in ["exposures.csv", "events.csv", "truth.json", "spec.yaml"] {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return try ParsedExport(files: files)
    }

    init(files: [String: Data]) throws {
        self.files = files
        exposureLines = Self.lines(try #require(files["exposures.csv"]))
        eventLines = Self.lines(try #require(files["events.csv"]))
        truth = try JSONDecoder().decode(GroundTruth.self, from: try #require(files["truth.json"]))
        spec = String(decoding: try #require(files["spec.yaml"]), as: UTF8.self)
        var clock = FoundationTimestampParser()
        exposures = try exposureLines.dropFirst().map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            try #require(fields.count == 6, "exposure row '\(line)'")
            return Exposure(
                time: try clock.epochSeconds(fields[0]), unit: fields[1], experiment: fields[2], variant: fields[3],
                country: fields[4], platform: fields[5])
        }
        events = try eventLines.dropFirst().map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            try #require(fields.count == 4, "event row '\(line)'")
            return Event(time: try clock.epochSeconds(fields[0]), unit: fields[1], event: fields[2], value: fields[3])
        }
    }

    /// Lines of a file that must end with exactly one newline.
    static func lines(_ data: Data) -> [String] {
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasSuffix("\n") && !text.hasSuffix("\n\n"))
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// Per unit: first logged exposure time and the set of logged variants.
    func firstExposures() -> [String: (time: Int64, variant: String, variants: Set<String>)] {
        var result: [String: (time: Int64, variant: String, variants: Set<String>)] = [:]
        for exposure in exposures {  // rows are in time order
            if var entry = result[exposure.unit] {
                entry.variants.insert(exposure.variant)
                result[exposure.unit] = entry
            } else {
                result[exposure.unit] = (exposure.time, exposure.variant, [exposure.variant])
            }
        }
        return result
    }
}

/// Parses `YYYY-MM-DDTHH:MM:SSZ` with Foundation's ISO8601DateFormatter (cached per day), as an
/// independent check of the generator's hand-written formatting.
struct FoundationTimestampParser {
    private var dayStarts: [Substring: Int64] = [:]
    private let formatter = ISO8601DateFormatter()

    mutating func epochSeconds(_ text: String) throws -> Int64 {
        try #require(text.utf8.count == 20 && text.hasSuffix("Z"), "timestamp '\(text)'")
        let day = text.prefix(10)
        let start: Int64
        if let cached = dayStarts[day] {
            start = cached
        } else {
            let date = try #require(formatter.date(from: "\(day)T00:00:00Z"), "date of '\(text)'")
            start = Int64(date.timeIntervalSince1970)
            dayStarts[day] = start
        }
        let clock = text.dropFirst(11).prefix(8).split(separator: ":").compactMap { Int64($0) }
        try #require(clock.count == 3 && clock[0] < 24 && clock[1] < 60 && clock[2] < 60, "time of '\(text)'")
        return start + clock[0] * 3600 + clock[1] * 60 + clock[2]
    }
}
