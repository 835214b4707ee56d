import ArgumentParser
import Workbench

/// The `workbench` executable: a thin layer of argument parsing over the `Workbench` library.
@main
struct WorkbenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workbench",
        abstract: "Offline experimentation and model training for feature-flag platforms.",
        version: WorkbenchVersion.current,
        subcommands: [
            Generate.self, Inspect.self, Analyze.self, SQL.self, Audit.self, Features.self, Train.self, Models.self, Backtest.self,
            Simulate.self,
        ]
    )
}
