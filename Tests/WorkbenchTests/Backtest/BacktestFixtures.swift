import Foundation
import Testing

@testable import Workbench

/// Shared helpers for the backtest tests: fixture paths, the fixture spec, generated exports.
enum BacktestFixtures {
    /// The path of a file under Fixtures/backtest/.
    static func path(_ name: String) throws -> String {
        let base = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures/backtest")
        return base.appendingPathComponent(name).path
    }

    static func fixtureSpec() throws -> ExperimentSpec {
        let text = String(decoding: try fixtureData("backtest/spec.yaml"), as: UTF8.self)
        return try #require(try ExperimentSpec.parse(yaml: text, file: "spec.yaml").first)
    }

    /// The committed tiny export's guardrail history.
    static func fixtureHistory() throws -> GuardrailHistory {
        let spec = try fixtureSpec()
        return try GuardrailHistory.load(
            source: .twoFiles(exposures: try path("exposures.csv"), events: try path("events.csv")),
            experiment: spec.experiment, control: spec.control, treatment: nil, metrics: spec.metrics,
            windowDays: spec.windowDays, options: ReadOptions())
    }

    /// Generates an export into a temporary folder and loads its guardrail history with the
    /// generator's own spec (guardrails: latency, error_rate) plus `backtest` YAML appended.
    static func generated(_ parameters: GeneratorParameters, backtest: String) throws -> (spec: ExperimentSpec, history: GuardrailHistory) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("workbench-backtest-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try ExportGenerator(parameters: parameters).write(to: folder)
        let specText = String(decoding: try Data(contentsOf: folder.appendingPathComponent("spec.yaml")), as: UTF8.self) + backtest
        let spec = try #require(try ExperimentSpec.parse(yaml: specText, file: "spec.yaml").first)
        let history = try GuardrailHistory.load(
            source: .twoFiles(exposures: folder.appendingPathComponent("exposures.csv").path,
                              events: folder.appendingPathComponent("events.csv").path),
            experiment: spec.experiment, control: spec.control, treatment: nil, metrics: spec.metrics,
            windowDays: spec.windowDays, options: ReadOptions())
        return (spec, history)
    }
}
