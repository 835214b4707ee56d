import ArgumentParser
import Workbench

/// Options shared by every command that reads an export.
struct ReadingOptions: ParsableArguments {
    @Option(help: "File format: auto (from the name, then the content), csv, or json (NDJSON or a JSON array).")
    var format: FileFormat = .auto

    @Option(name: .customLong("map"), help: ArgumentHelp(
        "Point a role at your column: ROLE=COLUMN (repeatable or comma-separated), e.g. unit_id=user_id,variant=properties.ab_variant.",
        valueName: "ROLE=COLUMN"))
    var mappings: [String] = []

    @Option(name: .customLong("timestamps"), help: "Timestamp format: auto, iso8601, epoch-seconds, epoch-milliseconds.")
    var timestampFormat: TimestampFormat = .auto

    @Flag(name: .customLong("naive-times-utc"), help: "Read ISO-8601 times without a zone as UTC instead of rejecting them.")
    var naiveTimesAreUTC = false

    @Option(name: .customLong("on-bad-row"), help: "stop (default: stop at the first malformed row) or skip (skip and count by reason).")
    var badRowPolicy: BadRowPolicy = .stop

    @Option(help: ArgumentHelp("Attribute (segment) columns to keep, comma-separated; default: every extra CSV column.", valueName: "COLUMNS"))
    var attributes: String?

    func validate() throws {
        do { _ = try ColumnMapping.parse(mappings) } catch let error as MappingError {
            throw ValidationError(error.message)
        }
    }

    /// The library options these flags describe.
    func readOptions() throws -> ReadOptions {
        var options = ReadOptions()
        options.format = format
        options.mapping = try ColumnMapping.parse(mappings)
        options.timestampFormat = timestampFormat
        options.naiveTimesAreUTC = naiveTimesAreUTC
        options.badRowPolicy = badRowPolicy
        options.attributes = attributes.map { $0.split(separator: ",").map(String.init) }
        return options
    }
}

extension FileFormat: ExpressibleByArgument {}
extension TimestampFormat: ExpressibleByArgument {}
extension BadRowPolicy: ExpressibleByArgument {}
