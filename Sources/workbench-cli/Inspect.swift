import ArgumentParser
import Foundation
import Workbench

extension WorkbenchCommand {
    /// `workbench inspect`: read an export and write its data-quality report.
    struct Inspect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read an export and report what is in it: rows, skipped rows by reason, units, multi-variant units, events outside windows.",
            discussion: "Writes DIR/data-quality.json and DIR/data-quality.md and prints the Markdown.")

        @OptionGroup var export: ExportOptions

        @Option(help: "Output folder for the report files.")
        var out: String?

        @Option(help: "Metric window after first exposure, in days.")
        var windowDays: Double = 14

        @Option(help: "Pre-period before first exposure, in days.")
        var prePeriodDays: Double = 14

        @OptionGroup var reading: ReadingOptions

        func run() async throws {
            var inspection = DataQualityInspection(options: try reading.readOptions())
            inspection.windowDays = windowDays
            inspection.prePeriodDays = prePeriodDays
            let source = try export.source()
            let report = try runReporting { try inspection.run(source: source, progress: ProgressBar()) }
            print(report.markdown)
            let seconds = report.seconds ?? 0
            print("Read \(report.bytesRead / 1_000_000) MB in \(String(format: "%.2f", seconds)) s "
                + "(\(Int(Double(report.bytesRead) / 1e6 / max(seconds, 1e-9))) MB/s).")
            if let out {
                let folder = URL(fileURLWithPath: out)
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                try encoder.encode(report).write(to: folder.appendingPathComponent("data-quality.json"))
                try Data(report.markdown.utf8).write(to: folder.appendingPathComponent("data-quality.md"))
                print("Reports: \(folder.appendingPathComponent("data-quality.md").path), \(folder.appendingPathComponent("data-quality.json").path)")
            }
        }
    }
}
