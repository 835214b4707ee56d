import ArgumentParser
import Foundation
import Workbench

extension WorkbenchCommand {
    /// `workbench analyze`: experiment results and reports from a raw export.
    struct Analyze: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Analyse experiments: results.json, report.html and report.md from an export and a spec.",
            discussion: """
                Every experiment in the spec file(s) is analysed in one pass over the export. With one experiment the \
                outputs go to DIR; with several, to DIR/<experiment>/. The spec format is in docs/spec-format.md.
                """)

        @Option(name: .customLong("spec"), help: "Experiment spec (YAML); repeat for several, or put several documents in one file.")
        var specPaths: [String]

        @OptionGroup var export: ExportOptions

        @Option(help: "Warehouse aggregates (the CSV that `workbench sql` computes) instead of a raw export.")
        var aggregates: String?

        @Option(help: "Output folder.")
        var out: String

        @OptionGroup var reading: ReadingOptions

        func run() async throws {
            let specs = try runReporting { try specPaths.flatMap { try loadSpecs(path: $0) } }
            var job = AnalyzeJob(specs: specs, options: try reading.readOptions())
            if ProcessInfo.processInfo.environment["WORKBENCH_REPORT_PHASES"] == "1" {
                job.onPhase = { phase, seconds in writeToStandardError("phase \(phase): \(String(format: "%.2f", seconds)) s\n") }
            }
            let results: [ExperimentResults]
            if let aggregates {
                guard !export.isGiven else { throw ValidationError("Give either --aggregates FILE or an export, not both.") }
                results = try runReporting { try job.run(aggregates: aggregates) }
            } else {
                let source = try export.source()
                results = try runReporting { try job.run(source: source, progress: ProgressBar()) }
            }
            let written = try runReporting { try AnalysisOutput.write(results, to: URL(fileURLWithPath: out)) }
            for result in results {
                let verdict = result.decision.ship ? "SHIP" : "DO NOT SHIP"
                print("\(result.experiment): \(verdict) -- \(result.decision.reasons.first ?? "")")
            }
            print("Reports:")
            for path in written { print("  \(path)") }
        }
    }
}

/// Reads one spec file, turning I/O problems into a message naming the file.
func loadSpecs(path: String) throws -> [ExperimentSpec] {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw SpecError(file: path, line: nil, column: nil, message: "cannot read the spec file: check the path")
    }
    return try ExperimentSpec.parse(yaml: String(decoding: data, as: UTF8.self), file: path)
}
