import Foundation
import Stats
import Testing

@testable import Workbench

/// The "done when" checks on generated exports with known truth.
@Suite struct BacktestAcceptanceTests {
    /// A generated export whose only treatment effect is a +10% per-request error probability
    /// (the generator's `errorRateChange` 0.1). Requests are frequent and the base error rate
    /// high (20%) so that 2,400 units carry ~170k requests: enough for the confidence sequence
    /// to exclude the 5% margin, so the test is both reliable and fast. The effect itself is the
    /// required 10%.
    @Test func sequentialRuleCatchesTenPercentErrorRegression() throws {
        var parameters = GeneratorParameters()
        parameters.units = 2400
        parameters.seed = 11
        parameters.pageViewsPerDay = 0
        parameters.requestsPerDay = 5
        parameters.baseErrorRate = 0.2
        parameters.prePeriodDays = 0
        parameters.effects = [TreatmentEffect(variant: "on", errorRateChange: 0.1)]
        let (spec, history) = try BacktestFixtures.generated(parameters, backtest: """
            backtest:
              interval: 1d
              replicates: 1
              rules:
                - {type: sequential}
                - {type: msprt}
            """)
        let result = try BacktestJob(spec: spec).run(history: history)
        let sequential = try #require(result.rules.first)
        #expect(sequential.realHistory.alarmTime != nil, "the 10% error regression must be caught")
        #expect(sequential.realHistory.alarmReason?.contains("error_rate") == true)
        let errorIndex = try #require(result.metrics.firstIndex { $0.name == "error_rate" })
        let harm = sequential.realHistory.excessHarm[errorIndex].excess
        #expect(harm > 0, "extra errors in treatment: \(harm)")
    }

    /// A/A replays: the always-valid rules keep the family-wise false-alarm rate at or below
    /// alpha (the Clopper-Pearson interval's lower end below alpha), the peeking rule does not.
    @Test func aaFalseAlarmsOfSequentialRulesStayBelowAlphaWhilePeekingInflates() throws {
        var parameters = GeneratorParameters()
        parameters.units = 1200
        parameters.seed = 5
        parameters.pageViewsPerDay = 0
        parameters.requestsPerDay = 1
        parameters.baseErrorRate = 0.05
        parameters.prePeriodDays = 0
        parameters.effects = [TreatmentEffect(variant: "on")]
        let (spec, history) = try BacktestFixtures.generated(parameters, backtest: """
            backtest:
              interval: 1d
              replicates: 200
              seed: 3
              rules:
                - {name: sequential, type: sequential, threshold: zero}
                - {name: msprt, type: msprt, threshold: zero}
                - {name: naive, type: naive, threshold: zero}
            """)
        let result = try BacktestJob(spec: spec).run(history: history)
        let alpha = spec.alpha
        for name in ["sequential", "msprt"] {
            let rate = try #require(result.rules.first { $0.name == name }).falseAlarms.familyWise
            #expect(rate.lower < alpha, "\(name): \(rate)")
            #expect(rate.rate <= alpha + 0.02, "\(name): \(rate)")
        }
        let naive = try #require(result.rules.first { $0.name == "naive" }).falseAlarms.familyWise
        #expect(naive.lower > alpha, "naive peeking: \(naive)")
    }

    /// Injected regressions (A/A splits with errors added to pseudo-treatment requests, or
    /// latencies scaled) are detected more often the larger they are.
    @Test func powerIncreasesWithRegressionSize() throws {
        var parameters = GeneratorParameters()
        parameters.units = 800
        parameters.seed = 8
        parameters.pageViewsPerDay = 0
        parameters.requestsPerDay = 2
        parameters.baseErrorRate = 0.05
        parameters.prePeriodDays = 0
        parameters.effects = [TreatmentEffect(variant: "on")]
        let (spec, history) = try BacktestFixtures.generated(parameters, backtest: """
            backtest:
              interval: 1d
              onset: 2d
              replicates: 1
              power_replicates: 16
              regression_sizes: [0.05, 0.25, 0.5, 1.0]
              regressions:
                - {type: errors, event: error, per: request}
                - {type: latency, event: request}
              rules:
                - {type: sequential, threshold: zero}
                - {type: naive, threshold: zero}
                - {type: threshold, bound: 0.2, looks: 2, min_units: 50}
            """)
        let result = try BacktestJob(spec: spec).run(history: history)
        for rule in result.rules {
            for curve in rule.power {
                let powers = curve.points.map(\.detection.rate)
                #expect(curve.points.map(\.size) == [0.05, 0.25, 0.5, 1.0])
                // Common random numbers across sizes keep the curve monotone up to a replicate or two.
                for (smaller, larger) in zip(powers, powers.dropFirst()) {
                    #expect(larger >= smaller - 2.0 / 16, "\(rule.name) \(curve.regression): \(powers)")
                }
                #expect(powers[0] < 1 ? powers[3] > powers[0] : true, "\(rule.name) \(curve.regression): \(powers)")
                #expect(powers[3] >= 0.8, "\(rule.name) \(curve.regression): \(powers)")
                #expect(curve.sizeDetected80 != nil)
            }
        }
    }
}
