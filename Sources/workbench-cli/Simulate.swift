import ArgumentParser
import Foundation
import Workbench

extension WorkbenchCommand {
    /// `workbench simulate`: staged rollout policies replayed on a historical export.
    ///
    /// One mode per flag: `--policy FILE` runs the staged-rollout simulation
    /// (`runPolicySimulation`, `PolicySimulationJob`); the off-policy evaluation of
    /// ML-targeted rollouts (`--target-model`) is a separate mode with its own options group.
    struct Simulate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Simulate staged rollout policies on historical exposures: time to full rollout, false stops, harm, frontier.",
            discussion: """
                --policy FILE lists one or more policies (stages, dwell times, minimum exposures, guardrail rule), the \
                A/A replicates and the regressions to inject; the guardrail metrics come from an analysis spec (`spec:` \
                in the policy file or --spec). Writes DIR/simulation.json, DIR/report.html and DIR/report.md. \
                See docs/simulate.md.
                """)

        @Option(help: "The exposures file (CSV, NDJSON or JSON array; .gz allowed).")
        var exposures: String

        @Option(help: "The events file.")
        var events: String

        @Option(help: "Rollout policy file (YAML, docs/simulate.md).")
        var policy: String?

        @Option(help: "Analysis spec whose guardrail metrics are watched (overrides `spec:` in the policy file).")
        var spec: String?

        @Option(help: "Output folder.")
        var out: String

        @Option(help: "--policy: threads for the replicate loop (0 = all processors; results do not depend on it).")
        var threads: Int = 1

        @OptionGroup var reading: ReadingOptions

        func validate() throws {
            guard policy != nil else {
                throw ValidationError("Give --policy FILE (a rollout policy file, see docs/simulate.md).")
            }
            guard threads >= 0 else { throw ValidationError("--threads must be 0 (all processors) or more, got \(threads).") }
        }

        func run() async throws {
            if policy != nil { try runPolicySimulation() }
        }

        /// The `--policy` mode.
        func runPolicySimulation() throws {
            guard let policy else { return }
            var job = PolicySimulationJob(policyPath: policy, specPath: spec, exposuresPath: exposures, eventsPath: events,
                                          options: try reading.readOptions())
            job.threads = threads == 0 ? ProcessInfo.processInfo.activeProcessorCount : threads
            let bar = ProgressBar()
            let result = try runSimulationReporting {
                try job.run { label, done, total in bar.update(label: label, done: done, total: total, bytes: false) }
            }
            bar.finish()
            let written = try runSimulationReporting { try SimulationOutput.write(result, to: URL(fileURLWithPath: out)) }
            for row in result.frontier {
                let time = row.medianHoursToFullRollout.map { String(format: "%.1f h", $0) } ?? "never"
                print("\(row.policy): median time to full rollout \(time), false stops \(String(format: "%.1f%%", row.falseStopRate * 100))\(row.dominated ? " (dominated)" : "")")
            }
            print("Reports:")
            for path in written { print("  \(path)") }
        }
    }
}

/// `runReporting` plus the simulation's own user-caused errors.
private func runSimulationReporting<T>(_ body: () throws -> T) throws -> T {
    do {
        return try runReporting(body)
    } catch let error as SimulationError {
        writeToStandardError("error: \(error)\n")
        throw ExitCode.failure
    } catch let error as ReportWriteError {
        writeToStandardError("error: \(error)\n")
        throw ExitCode.failure
    }
}
