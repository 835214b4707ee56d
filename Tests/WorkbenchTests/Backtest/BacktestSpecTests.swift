import Foundation
import Testing

@testable import Workbench

/// The spec's `backtest:` section: every key read, every mistake named with its line.
@Suite struct BacktestSpecTests {
    static let head = """
        experiment: exp
        control: "off"
        metrics:
          - {name: error_rate, type: ratio, numerator: {event: error, aggregate: count},
             denominator: {event: request, aggregate: count}, direction: decrease, guardrail: {margin: 0.05}}
          - {name: conversion, type: proportion, event: purchase}

        """

    static func parse(_ backtest: String) throws -> ExperimentSpec {
        try #require(try ExperimentSpec.parse(yaml: head + backtest, file: "spec.yaml").first)
    }

    @Test func readsEverySetting() throws {
        let spec = try Self.parse("""
            backtest:
              treatment: "on"
              interval: 1h
              horizon: 2w
              start: 2026-01-05T06:00:00Z
              rollback_latency: 30m
              onset: 1.5d
              replicates: 50
              power_replicates: 20
              seed: 42
              regression_sizes: [0.2, 0.05]
              regressions:
                - {type: errors, event: error, per: request}
                - {name: slow, type: latency, event: request}
              rules:
                - {type: sequential, tuning: 2000, threshold: zero, min_units: 50}
                - {type: msprt, tau: 0.05, alpha: 0.01}
                - {type: naive}
                - {type: canary, pass: 0.9, marginal: 0.5, critical: [error_rate], tolerance: 0.02, max_units: 500, min_units: 20}
                - {name: flagger, type: threshold, bound: 0.25, looks: 2, count: consecutive, min_units: 30}
                - {name: argo, type: threshold, bounds: {error_rate: 0.02}}
            """)
        let settings = try #require(spec.backtest)
        #expect(settings.treatment == "on")
        #expect(settings.interval == 3_600_000)
        #expect(settings.horizon == Int64(14) * 86_400_000)
        #expect(settings.start == 1_767_592_800_000)
        #expect(settings.rollbackLatency == 1_800_000)
        #expect(settings.onset == 129_600_000)
        #expect(settings.replicates == 50 && settings.powerReplicates == 20 && settings.seed == 42)
        #expect(settings.regressionSizes == [0.05, 0.2])
        #expect(settings.regressions == [
            BacktestSettings.Regression(name: "errors", kind: .errors, event: "error", per: "request"),
            BacktestSettings.Regression(name: "slow", kind: .latency, event: "request"),
        ])
        #expect(settings.rules.map(\.name) == ["sequential", "msprt", "naive", "canary", "flagger", "argo"])
        #expect(settings.rules[0].kind == .sequential(tuning: 2000) && settings.rules[0].threshold == .zero && settings.rules[0].minimumUnits == 50)
        #expect(settings.rules[1].kind == .msprt(tau: 0.05) && settings.rules[1].alpha == 0.01)
        #expect(settings.rules[3].kind == .canary(passScore: 0.9, marginalScore: 0.5, critical: ["error_rate"], tolerance: 0.02, maximumUnits: 500))
        #expect(settings.rules[3].minimumUnits == 20)
        #expect(settings.rules[4].kind == .thresholdRatio(bound: 0.25) && settings.rules[4].looks == 2 && settings.rules[4].consecutive)
        #expect(settings.rules[5].kind == .thresholdValue(bounds: ["error_rate": 0.02]) && !settings.rules[5].consecutive)
    }

    @Test func specWithoutSectionHasNone() throws {
        #expect(try Self.parse("").backtest == nil)
    }

    /// (section, line of the offending key or value, a phrase of the message).
    static let mistakes: [(String, Int, String)] = [
        ("backtest:\n  interval: 1d\n  replicate: 5\n  rules: [{type: naive}]\n", 9, "unknown key `replicate`"),
        ("backtest:\n  interval: 1 day\n  rules: [{type: naive}]\n", 8, "must be a duration"),
        ("backtest:\n  interval: 0h\n  rules: [{type: naive}]\n", 8, "longer than 0"),
        ("backtest:\n  rules: [{type: naive}]\n", 8, "no `interval`"),
        ("backtest:\n  interval: 1d\n  rules: []\n", 9, "non-empty list of rules"),
        ("backtest:\n  interval: 1d\n  rules:\n    - {type: bayes}\n", 10, "not one of sequential"),
        ("backtest:\n  interval: 1d\n  rules:\n    - {type: naive, tuning: 5}\n", 10, "unknown key `tuning`"),
        ("backtest:\n  interval: 1d\n  rules:\n    - {type: threshold, looks: 2}\n", 10, "exactly one of `bound"),
        ("backtest:\n  interval: 1d\n  rules:\n    - {type: canary, critical: [conversion]}\n", 10, "not a guardrail metric"),
        ("backtest:\n  interval: 1d\n  rules:\n    - {type: naive}\n    - {type: naive}\n", 11, "unique `name:`"),
        ("backtest:\n  interval: 1d\n  horizon: 1h\n  rules: [{type: naive}]\n", 9, "at least one `interval`"),
        ("backtest:\n  interval: 1d\n  start: 2026-02-30\n  rules: [{type: naive}]\n", 9, "UTC date"),
        ("backtest:\n  interval: 1d\n  replicates: 0\n  rules: [{type: naive}]\n", 9, "must lie in 1..."),
        ("backtest:\n  interval: 1d\n  regression_sizes: [0.5, 2]\n  regressions:\n    - {type: conversions, event: purchase}\n  rules: [{type: naive}]\n",
         11, "must be <= 1"),
        ("backtest:\n  interval: 1d\n  regressions:\n    - {type: errors, event: error}\n  rules: [{type: naive}]\n", 10, "no `per`"),
        ("backtest:\n  interval: 1d\n  rules:\n    - {type: sequential, threshold: half}\n", 10, "margin or zero"),
    ]

    @Test(arguments: 0..<mistakes.count) func rejectsMistakesWithTheirLine(index: Int) {
        let (section, line, phrase) = Self.mistakes[index]
        do {
            _ = try Self.parse(section)
            Issue.record("accepted: \(section)")
        } catch let error as SpecError {
            #expect(error.line == line, "\(error)")
            #expect(error.message.contains(phrase), "\(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
