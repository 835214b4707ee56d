import ArgumentParser
import Foundation
import Workbench

extension WorkbenchCommand {
    /// `workbench features`: per-unit features before a cutoff and a label after it.
    struct Features: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build a per-unit training table from an events file: features strictly before --cutoff, label in [cutoff, cutoff + --label-days).",
            discussion: """
                Columns: unit_id, unique_features, active_days, avg_hour, avg_day_of_week, hours_since_last_event, \
                events_per_day, count_<event> per event type seen before the cutoff, label. Train on it with \
                `workbench train --data table.csv --target label --ignore unit_id`. See docs/features.md.
                """)

        @Option(help: "The events file (timestamp, unit_id, event[, value]; CSV or JSON, .gz allowed).")
        var events: String

        @Option(help: "Cutoff time: ISO-8601 with a zone (2026-02-01T00:00:00Z), a date (2026-02-01, midnight UTC), or epoch seconds/milliseconds.")
        var cutoff: String

        @Option(help: "The event name that makes the label 1 when it happens in the label window (e.g. transaction).")
        var labelEvent: String

        @Option(help: "Length of the label window after the cutoff, in days.")
        var labelDays: Double = 14

        @Option(help: "Count distinct values of this column as unique_features (e.g. feature_key) instead of distinct event names.")
        var featureColumn: String?

        @Option(help: "Output CSV path.")
        var out: String

        @Option(help: "File format: auto (from the name, then the content), csv, or json (NDJSON or a JSON array).")
        var format: FileFormat = .auto

        @Option(name: .customLong("map"), help: ArgumentHelp(
            "Point a role at your column: ROLE=COLUMN (repeatable or comma-separated), e.g. unit_id=user_id,event=event_type.",
            valueName: "ROLE=COLUMN"))
        var mappings: [String] = []

        @Option(name: .customLong("timestamps"), help: "Timestamp format: auto, iso8601, epoch-seconds, epoch-milliseconds.")
        var timestampFormat: TimestampFormat = .auto

        @Flag(name: .customLong("naive-times-utc"), help: "Read ISO-8601 times without a zone as UTC instead of rejecting them.")
        var naiveTimesAreUTC = false

        func validate() throws {
            guard labelDays > 0, labelDays.isFinite else { throw ValidationError("--label-days must be a positive number of days, e.g. 14.") }
            _ = try cutoffMilliseconds()
            do { _ = try ColumnMapping.parse(mappings) } catch let error as MappingError { throw ValidationError(error.message) }
        }

        /// The reader settings: a bad row always stops the run (a table with silently missing
        /// events would be wrong without warning).
        func readOptions() throws -> ReadOptions {
            var options = ReadOptions()
            options.format = format
            options.mapping = try ColumnMapping.parse(mappings)
            options.timestampFormat = timestampFormat
            options.naiveTimesAreUTC = naiveTimesAreUTC
            return options
        }

        func cutoffMilliseconds() throws -> Int64 {
            guard let value = CutoffTime.parse(cutoff) else {
                throw ValidationError("--cutoff \"\(cutoff)\" is not a time; write 2026-02-01, 2026-02-01T00:00:00Z or epoch seconds.")
            }
            return value
        }

        func run() async throws {
            let options = UnitFeatureOptions(
                cutoff: try cutoffMilliseconds(), labelEvent: labelEvent, labelDays: labelDays, featureColumn: featureColumn,
                readOptions: try readOptions())
            let table = try runReportingModelErrors { () throws -> UnitFeatureTable in
                let table = try UnitFeatureBuilder.build(path: events, options: options)
                do { try Data(table.csv.utf8).write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
                    throw TabularError(file: out, message: "cannot write the table: \(error.localizedDescription)")
                }
                return table
            }
            let positives = table.labels.reduce(0, +)
            print("\(table.units.count) units, \(table.columns.count - 2) features, \(positives) with label 1 -> \(out)")
            if table.units.isEmpty { writeToStandardError("note: no unit has an event before the cutoff; check --cutoff.\n") }
        }
    }
}
