import ArgumentParser
import Foundation
import Workbench

extension WorkbenchCommand {
    /// `workbench backtest`: would the guardrails have stopped this rollout, how fast, and how
    /// often do they cry wolf?
    struct Backtest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Backtest guardrail rollback rules on a historical export: backtest.json, report.html, report.md.",
            discussion: """
                Replays the spec's guardrail metrics look by look under each rule of its `backtest:` section: the real \
                history, A/A replays (control units re-hashed into pseudo-arms) and injected regressions. The spec must \
                hold one experiment. Format and outputs: docs/backtest.md.
                """)

        @Option(name: .customLong("spec"), help: "Experiment spec (YAML) with guardrail metrics and a `backtest:` section.")
        var specPath: String

        @OptionGroup var export: ExportOptions

        @Option(help: "Output folder.")
        var out: String

        @OptionGroup var reading: ReadingOptions

        func run() async throws {
            let specs = try runReporting { try loadSpecs(path: specPath) }
            guard specs.count == 1, let spec = specs.first else {
                throw ValidationError("The spec file holds \(specs.count) experiments; give a file with exactly one for backtest.")
            }
            let source = try export.source()
            let options = try reading.readOptions()
            do {
                let job = try BacktestJob(spec: spec)
                let result = try runReporting { try job.run(source: source, options: options, progress: ProgressBar()) }
                let written = try BacktestOutput.write(result, to: URL(fileURLWithPath: out))
                for rule in result.rules {
                    let alarm = rule.realHistory.alarmTime.map { "alarm at \($0)" } ?? "no alarm"
                    let rate = rule.falseAlarms.familyWise
                    print("\(rule.name): \(alarm); A/A false alarms \(rate.alarms)/\(rate.replicates)")
                }
                print("Reports:")
                for path in written { print("  \(path)") }
            } catch let error as RolloutError {
                writeToStandardError("error: \(error)\n")
                throw ExitCode.failure
            }
        }
    }
}
