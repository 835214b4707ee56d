import ArgumentParser
import Foundation
import Workbench

extension WorkbenchCommand {
    /// `workbench simulate`: rollout policies replayed on a historical export.
    ///
    /// One mode per flag: `--policy FILE` runs the staged-rollout simulation
    /// (`runPolicySimulation`, `PolicySimulationJob`, docs/simulate.md); `--target-model`
    /// evaluates an ML-targeted rollout off-policy (`TargetModelOptions`,
    /// `runTargetModelSimulation`, docs/off-policy.md).
    struct Simulate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Simulate rollout policies on historical exposures: staged rollouts (--policy) or ML targeting evaluated off-policy (--target-model).",
            discussion: """
                --policy FILE lists one or more policies (stages, dwell times, minimum exposures, guardrail rule), the \
                A/A replicates and the regressions to inject; the guardrail metrics come from an analysis spec (`spec:` \
                in the policy file or --spec). Writes DIR/simulation.json, DIR/report.html and DIR/report.md. \
                See docs/simulate.md.

                --target-model NAME@VERSION --registry DIR --threshold T estimates, from the logged exposures, \
                the value and guardrail metrics of enabling the feature when the model's score >= T: IPS, \
                self-normalised IPS, direct method and doubly robust, with unit bootstrap intervals, effective \
                sample size and support diagnostics. The spec (--spec) names the metrics. See docs/off-policy.md.
                """)

        @Option(help: "The exposures file (CSV, NDJSON or JSON array; .gz allowed).")
        var exposures: String

        @Option(help: "The events file.")
        var events: String

        @Option(help: "Rollout policy file (YAML, docs/simulate.md).")
        var policy: String?

        @Option(help: "Analysis spec: --policy, its guardrail metrics are watched (overrides `spec:` in the policy file); --target-model, the metrics evaluated.")
        var spec: String?

        @Option(help: "Output folder.")
        var out: String

        @Option(help: "--policy: threads for the replicate loop (0 = all processors; results do not depend on it).")
        var threads: Int = 1

        @OptionGroup var targetModel: TargetModelOptions

        @OptionGroup var reading: ReadingOptions

        func validate() throws {
            guard (policy != nil) != targetModel.isRequested else {
                throw ValidationError("Give exactly one of --policy FILE (staged rollouts, docs/simulate.md) or --target-model NAME@VERSION (off-policy evaluation, docs/off-policy.md).")
            }
            guard threads >= 0 else { throw ValidationError("--threads must be 0 (all processors) or more, got \(threads).") }
        }

        func run() async throws {
            if policy != nil {
                try runPolicySimulation()
            } else {
                try runTargetModelSimulation(targetModel, source: .twoFiles(exposures: exposures, events: events), specPath: spec,
                                             readOptions: try reading.readOptions(), out: out)
            }
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
