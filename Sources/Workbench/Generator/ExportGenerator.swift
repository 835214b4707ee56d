import Foundation

/// Generates a synthetic experiment export (exposures.csv, events.csv, truth.json, spec.yaml)
/// with known true effects.
///
/// How it works: every unit's fixed state (variant, first exposure, activity, attributes) is
/// drawn up front (``UnitPopulation``). Then the export is produced one UTC day at a time: for
/// each unit whose [first exposure - pre-period, first exposure + window) span touches the
/// day, a fresh generator for (seed, unit, day) draws the unit's exposures and events of that
/// day as Poisson processes; the day's rows are ordered by second with a stable counting sort
/// and written. Hence rows are sorted by timestamp in both files, the bytes depend only on the
/// parameters, and memory is O(units + rows of one day) (about 70 MB at 1M units).
///
/// Measured (release build, one thread, 2-core project machine): 1M units -> 1.81M exposure
/// rows + 20.2M event rows, 951 MB, in 3.6 s user + 1.3 s system CPU, 142 MB peak RSS; about
/// a quarter of the CPU is the kernel copying the bytes into the page cache.
public struct ExportGenerator: Sendable {
    /// The validated parameters.
    public let parameters: GeneratorParameters
    let model: BehaviourModel

    /// Validates the parameters and calibrates the rates.
    ///
    /// - Throws: ``GeneratorError`` naming the first parameter out of range.
    public init(parameters: GeneratorParameters) throws {
        try parameters.validate()
        self.parameters = parameters
        model = BehaviourModel(parameters: parameters)
    }

    /// One row per exposure: `timestamp,unit_id,experiment,variant,country,platform`.
    public static let exposuresFileName = "exposures.csv"
    /// One row per event: `timestamp,unit_id,event,value`.
    public static let eventsFileName = "events.csv"
    /// The ``GroundTruth`` as pretty-printed JSON with sorted keys.
    public static let truthFileName = "truth.json"
    /// The experiment spec that analyses the export (``ExperimentSpecTemplate``).
    public static let specFileName = "spec.yaml"

    /// Writes the four files into `directory` (created if missing; existing files replaced).
    ///
    /// - Parameter progress: called after each generated day (on the calling thread).
    /// - Returns: the counts and sizes written (also stored in truth.json).
    /// - Throws: ``GeneratorError/cannotWrite(path:reason:)`` when the folder or a file cannot
    ///   be written.
    /// - Complexity: O(units * days + rows); about 0.3 s of CPU per million rows.
    @discardableResult
    public func write(to directory: URL, progress: ((GenerationProgress) -> Void)? = nil) throws -> ExportSummary {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw GeneratorError.cannotWrite(path: directory.path, reason: error.localizedDescription)
        }
        let exposures = try BufferedFileWriter(path: directory.appendingPathComponent(Self.exposuresFileName).path)
        let events = try BufferedFileWriter(path: directory.appendingPathComponent(Self.eventsFileName).path)
        var summary = try writeRows(exposures: exposures, events: events, progress: progress)
        try exposures.close()
        try events.close()
        summary.exposureBytes = exposures.bytesWritten
        summary.eventBytes = events.bytesWritten

        let truth = groundTruth(realized: summary)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let spec = ExperimentSpecTemplate.yaml(for: parameters)
        do {
            var json = try encoder.encode(truth)
            json.append(UInt8(ascii: "\n"))
            try json.write(to: directory.appendingPathComponent(Self.truthFileName))
            try Data(spec.utf8).write(to: directory.appendingPathComponent(Self.specFileName))
        } catch let error as GeneratorError {
            throw error
        } catch {
            throw GeneratorError.cannotWrite(path: directory.path, reason: error.localizedDescription)
        }
        return summary
    }
}
