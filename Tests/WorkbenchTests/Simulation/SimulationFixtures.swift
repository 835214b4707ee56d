import Foundation
import Testing

@testable import Workbench

/// Small generated exports for the simulation tests, generated once per test run.
enum SimulationFixtures {
    /// A loaded export: the generator's spec (guardrails latency and error_rate), the history
    /// and the folder (deleted at exit by the OS's temporary-file cleanup, not by the tests).
    struct Export: Sendable {
        var folder: URL
        var spec: ExperimentSpec
        var history: GuardrailHistory
    }

    /// 4,000 units enrolled uniformly over two days, 7-day windows, 2 requests a day at an 8 %
    /// error rate (enough guardrail signal for small stages, few enough events for a fast
    /// debug-build test), no latency or error effect: a good rollout.
    static func parameters(errorRateChange: Double = 0, seed: UInt64 = 3) -> GeneratorParameters {
        var parameters = GeneratorParameters()
        parameters.units = 4_000
        parameters.seed = seed
        parameters.enrolmentDays = 2
        parameters.enrolmentDailyDecay = 1
        parameters.windowDays = 7
        parameters.prePeriodDays = 0
        parameters.requestsPerDay = 2
        parameters.baseErrorRate = 0.08
        parameters.bothVariantsFraction = 0
        parameters.effects = [TreatmentEffect(variant: "on", conversionLift: 0.05, errorRateChange: errorRateChange)]
        return parameters
    }

    static let good: Result<Export, any Error> = Result { try generate(parameters()) }
    /// The treatment raises the error rate by 60 %: a bad rollout in the real history.
    static let bad: Result<Export, any Error> = Result { try generate(parameters(errorRateChange: 0.6, seed: 4)) }

    static func generate(_ parameters: GeneratorParameters) throws -> Export {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("workbench-simulate-\(UUID().uuidString)")
        try ExportGenerator(parameters: parameters).write(to: folder)
        let specText = String(decoding: try Data(contentsOf: folder.appendingPathComponent("spec.yaml")), as: UTF8.self)
        guard let spec = try ExperimentSpec.parse(yaml: specText, file: "spec.yaml").first else {
            throw SimulationError("the generator wrote no spec")
        }
        let history = try GuardrailHistory.load(
            source: .twoFiles(exposures: folder.appendingPathComponent("exposures.csv").path,
                              events: folder.appendingPathComponent("events.csv").path),
            experiment: spec.experiment, control: spec.control, treatment: nil, metrics: spec.metrics,
            windowDays: spec.windowDays, options: ReadOptions())
        return Export(folder: folder, spec: spec, history: history)
    }

    /// A plan with the given policies, looks every 6 h from the generator's start (2026-01-05).
    static func plan(_ policies: [RolloutPolicy], replicates: Int = 20, regressions: [RegressionScenario] = []) -> SimulationPlan {
        var plan = SimulationPlan(policies: policies)
        plan.replicates = replicates
        plan.regressions = regressions
        plan.lookEveryHours = 6
        plan.rollbackLatencyHours = 1
        plan.startSeconds = 1_767_571_200
        return plan
    }

    static func simulation(_ export: Export, _ plan: SimulationPlan) throws -> RolloutSimulation {
        let schedule = try PolicySimulationJob.schedule(plan: plan, history: export.history)
        return try RolloutSimulation(plan: plan, history: export.history, schedule: schedule, experiment: export.spec.experiment,
                                     flagKey: export.spec.experiment)
    }

    static let standardStages: [Double] = [1, 5, 20, 50, 100]
}
