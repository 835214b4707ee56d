import ArgumentParser
import Workbench

extension WorkbenchCommand {
    /// `workbench simulate`: on this branch only the `--target-model` mode (off-policy
    /// evaluation); the lead merges it with the `--policy` mode.
    struct Simulate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Simulate rollout policies on historical exports (--target-model: off-policy evaluation of ML targeting).")

        @OptionGroup var export: ExportOptions
        @OptionGroup var targetModel: TargetModelOptions
        @Option(help: "Output folder.")
        var out: String
        @OptionGroup var reading: ReadingOptions

        func run() async throws {
            guard targetModel.isRequested else { throw ValidationError("Give --target-model NAME@VERSION (see docs/off-policy.md).") }
            try runTargetModelSimulation(targetModel, export: export, reading: reading, out: out)
        }
    }
}
