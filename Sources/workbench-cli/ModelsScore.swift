import ArgumentParser
import Foundation
import Workbench

extension WorkbenchCommand.Models {
    /// `workbench models score`: probabilities for every row of a CSV.
    struct Score: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score a CSV with a model version: writes one `score` column (probability of label 1) per input row, in order.",
            discussion: """
                The CSV needs the model's feature columns by name (order and extra columns do not matter). \
                Empty cells and NaN are missing values; categorical values the model never saw are treated as missing \
                and counted on standard error.
                """)

        @OptionGroup var options: RegistryOptions

        @Option(help: "NAME or NAME@VERSION (default version: the latest).")
        var model: String

        @Option(help: "The CSV file to score.")
        var data: String

        @Option(help: "Output CSV path.")
        var out: String

        func run() async throws {
            try runReportingModelErrors {
                let registry = ModelRegistry(root: options.registry)
                let loaded = try registry.load(try ModelReference(parsing: model))
                let table = try TabularReader.readForScoring(path: data, schema: FeatureSchema(features: loaded.artifact.features))
                let scores = try loaded.artifact.probabilities(for: table)
                var text = "score\n"
                text.reserveCapacity(scores.count * 20)
                for score in scores { text += "\(score)\n" }
                do { try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
                    throw TabularError(file: out, message: "cannot write the scores: \(error.localizedDescription)")
                }
                for (column, count) in loaded.unknownLevelSummary(table) {
                    writeToStandardError("note: \(count) rows have a \"\(column)\" level the model never saw; scored as missing.\n")
                }
                print("Scored \(scores.count) rows with \(loaded.manifest.name)@\(loaded.manifest.version) -> \(out)")
            }
        }
    }
}

extension LoadedModel {
    /// Unknown-level counts in schema order.
    func unknownLevelSummary(_ table: FeatureTable) -> [(String, Int)] {
        artifact.features.compactMap { column in table.unknownLevelCounts[column.name].map { (column.name, $0) } }
    }
}
