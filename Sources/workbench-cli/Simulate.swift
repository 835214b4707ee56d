import ArgumentParser
import Workbench

extension WorkbenchCommand {
    /// `workbench simulate`: on this branch only the `--target-model` mode (off-policy
    /// evaluation, docs/off-policy.md); its shared options mirror the `--policy` mode's command
    /// so that the lead's merge only adds the option group and the dispatch.
    struct Simulate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Simulate rollout policies on historical exports (--target-model: off-policy evaluation of ML targeting).")

        @Option(help: "The exposures file (CSV, NDJSON or JSON array; .gz allowed).")
        var exposures: String

        @Option(help: "The events file.")
        var events: String

        @Option(help: "Analysis spec whose metrics are evaluated.")
        var spec: String?

        @Option(help: "Output folder.")
        var out: String

        @OptionGroup var targetModel: TargetModelOptions

        @OptionGroup var reading: ReadingOptions

        func validate() throws {
            guard targetModel.isRequested else { throw ValidationError("Give --target-model NAME@VERSION (see docs/off-policy.md).") }
        }

        func run() async throws {
            try runTargetModelSimulation(targetModel, source: .twoFiles(exposures: exposures, events: events), specPath: spec,
                                         readOptions: try reading.readOptions(), out: out)
        }
    }
}
