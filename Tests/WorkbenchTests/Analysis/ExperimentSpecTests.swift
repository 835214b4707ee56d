import Foundation
import Testing
@testable import Workbench

@Suite struct ExperimentSpecTests {
    static let issueSpec = """
        experiment: checkout-v2
        control: "off"
        window_days: 14          # metric window after each unit's first exposure
        pre_period_days: 14      # covariate window before first exposure (CUPED)
        alpha: 0.05
        correction: holm         # none | bonferroni | holm | bh | by
        sequential: {tuning: 5000}          # optional: always-valid intervals
        bayesian: {prior_mean: 0, prior_sd: 0.3}   # optional
        dimensions: [country, platform]
        metrics:
          - {name: conversion, type: proportion, event: purchase}
          - {name: revenue, type: mean, event: purchase, aggregate: sum, cuped: true, cap: {quantile: 0.999}}
          - {name: latency, type: ratio, numerator: {event: request, aggregate: sum},
             denominator: {event: request, aggregate: count}, direction: decrease,
             guardrail: {margin: 0.02}}
          - {name: error_rate, type: ratio, numerator: {event: error, aggregate: count},
             denominator: {event: request, aggregate: count}, direction: decrease, guardrail: {margin: 0.05}}
          - {name: latency_p95, type: quantile, event: request, quantile: 0.95, direction: decrease}
        """

    @Test func parsesTheIssueSpec() throws {
        let specs = try ExperimentSpec.parse(yaml: Self.issueSpec, file: "spec.yaml")
        let spec = try #require(specs.first)
        #expect(specs.count == 1 && spec.experiment == "checkout-v2" && spec.control == "off")
        #expect(spec.correction == .holm && spec.sequential?.tuning == 5000 && spec.bayesian?.priorStandardDeviation == 0.3)
        #expect(spec.dimensions == ["country", "platform"])
        #expect(spec.metrics.map(\.name) == ["conversion", "revenue", "latency", "error_rate", "latency_p95"])
        #expect(spec.metrics[1].kind == .mean(.init(event: "purchase", function: .sum)) && spec.metrics[1].cuped)
        #expect(spec.metrics[1].cap == .quantile(0.999))
        #expect(spec.metrics[2].kind == .ratio(numerator: .init(event: "request", function: .sum), denominator: .init(event: "request", function: .count)))
        #expect(spec.metrics[2].guardrail == .init(margin: 0.02, relative: true) && !spec.metrics[2].increaseIsGood)
        #expect(spec.metrics[4].kind == .quantile(event: "request", probability: 0.95))
    }

    @Test func parsesTheGeneratedExampleSpec() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../datasets/example/spec.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(try ExperimentSpec.parse(yaml: text, file: "spec.yaml").first?.metrics.count == 5)
    }

    private func failure(_ yaml: String) -> SpecError? {
        do {
            _ = try ExperimentSpec.parse(yaml: yaml, file: "s.yaml")
            return nil
        } catch let error as SpecError {
            return error
        } catch {
            return SpecError(file: "", line: nil, column: nil, message: "unexpected \(error)")
        }
    }

    @Test func rejectsUnknownKeysWithTheLineAndASuggestion() throws {
        let error = try #require(failure("experiment: e\ncontrol: a\nwindow_dayz: 3\nmetrics:\n  - {name: c, type: proportion, event: p}\n"))
        #expect(error.line == 3 && error.message.contains("window_dayz") && error.message.contains("window_days"))
        let nested = try #require(failure("experiment: e\ncontrol: a\nmetrics:\n  - {name: c, type: proportion, evnt: p}\n"))
        #expect(nested.line == 4 && nested.message.contains("evnt"))
    }

    @Test func rejectsMissingFields() throws {
        #expect(try #require(failure("control: a\nmetrics:\n  - {name: c, type: proportion, event: p}\n")).message.contains("`experiment`"))
        let missingEvent = try #require(failure("experiment: e\ncontrol: a\nmetrics:\n  - {name: c, type: proportion}\n"))
        #expect(missingEvent.line == 4 && missingEvent.message.contains("`event`"))
        #expect(try #require(failure("experiment: e\ncontrol: a\n")).message.contains("`metrics`"))
    }

    @Test func rejectsImpossibleValues() throws {
        let alpha = try #require(failure("experiment: e\ncontrol: a\nalpha: 1.5\nmetrics:\n  - {name: c, type: proportion, event: p}\n"))
        #expect(alpha.line == 3 && alpha.message.contains("alpha"))
        let quantile = try #require(failure("experiment: e\ncontrol: a\nmetrics:\n  - {name: q, type: quantile, event: r, quantile: 95}\n"))
        #expect(quantile.line == 4 && quantile.message.contains("quantile"))
        let type = try #require(failure("experiment: e\ncontrol: a\nmetrics:\n  - {name: q, type: median, event: r}\n"))
        #expect(type.message.contains("median"))
        let misplaced = try #require(failure("experiment: e\ncontrol: a\nmetrics:\n  - {name: c, type: proportion, event: p, cap: {value: 3}}\n"))
        #expect(misplaced.message.contains("cap"))
        let duplicate = try #require(failure("experiment: e\ncontrol: a\nmetrics:\n  - {name: c, type: proportion, event: p}\n  - {name: c, type: proportion, event: q}\n"))
        #expect(duplicate.message.contains("unique"))
        #expect(try #require(failure("experiment: [e\n")).message.contains("YAML"))
    }

    @Test func readsSeveralExperimentsFromOneFile() throws {
        let yaml = "experiment: a\ncontrol: x\nmetrics:\n  - {name: c, type: proportion, event: p}\n---\nexperiment: b\ncontrol: y\nmetrics:\n  - {name: c, type: proportion, event: p}\n"
        #expect(try ExperimentSpec.parse(yaml: yaml, file: "s.yaml").map(\.experiment) == ["a", "b"])
    }
}
