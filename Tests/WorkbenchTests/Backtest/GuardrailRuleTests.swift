import Foundation
import Stats
import Testing

@testable import Workbench

/// The rules' decisions against independently computed values and on degenerate inputs.
@Suite struct GuardrailRuleTests {
    /// A snapshot with the given per-arm summaries of one metric (no per-unit values).
    static func snapshot(metric: GuardrailMetric, control: PairedSummary, treatment: PairedSummary, look: Int = 0) -> LookSnapshot {
        let statistics = LookStatistics(look: look, time: Int64(look + 1) * 3_600_000, units: [Int(control.count), Int(treatment.count)],
                                        summaries: [control, treatment], metricCount: 1)
        return LookSnapshot(statistics: statistics, metrics: [metric], rowStride: 2, aggregateValues: UnsafeBufferPointer(start: nil, count: 0),
                            entered: UnsafeBufferPointer(start: nil, count: 0), assignment: [])
    }

    static func meanMetric(margin: Double, direction: PreferredDirection = .decrease) -> GuardrailMetric {
        GuardrailMetric(name: "m", shape: .mean(aggregate: 0), direction: direction, margin: NonInferiorityMargin(margin, scale: .relative))
    }

    struct SequentialCase: Decodable {
        var control: [Double]
        var treatment: [Double]
        var alpha: Double
        var tuning: Double
        var tau: Double
        var null: Double
        var estimate: Double
        var cs_lower: Double
        var cs_upper: Double
        var msprt_p: Double
    }

    /// The sequential rule alarms exactly when numpy's confidence sequence lower end exceeds
    /// the threshold; the mSPRT rule exactly when numpy's p-value is below alpha.
    @Test func sequentialAndMSPRTDecisionsMatchNumpy() throws {
        let cases = try JSONDecoder().decode([SequentialCase].self, from: try fixtureData("backtest/sequential_cases.json"))
        for item in cases {
            let control = PairedSummary(count: item.control[0], sumX: item.control[1], sumY: 0, sumXX: item.control[2], sumYY: 0, sumXY: 0)
            let treatment = PairedSummary(count: item.treatment[0], sumX: item.treatment[1], sumY: 0, sumXX: item.treatment[2], sumYY: 0, sumXY: 0)
            // Margins just inside and just outside the reference lower end (relative 1e-6).
            for (margin, expected) in [(item.cs_lower * (1 - 1e-6), true), (item.cs_lower * (1 + 1e-6), false)] where margin > 0 {
                let metric = Self.meanMetric(margin: margin)
                var rule = SequentialRule(alpha: item.alpha, tuningUnits: item.tuning)
                let verdict = rule.evaluate(Self.snapshot(metric: metric, control: control, treatment: treatment), metrics: [metric])
                #expect(verdict.alarm == expected, "margin \(margin) vs CS lower \(item.cs_lower)")
            }
            // The numbers themselves.
            let metric = Self.meanMetric(margin: max(item.null, 1e-9))
            let effect = try #require(GuardrailEffect.estimate(metric: metric, control: control, treatment: treatment, confidenceLevel: 1 - item.alpha).value)
            expectClose(effect.estimate, item.estimate, relativeTolerance: 1e-12)
            let sequence = Sequential.confidenceSequence(effect, totalUnits: control.count + treatment.count, tuningUnits: item.tuning)
            expectClose(sequence.lowerBound, item.cs_lower, relativeTolerance: 1e-9, absoluteFloor: 1e-6)
            expectClose(sequence.upperBound, item.cs_upper, relativeTolerance: 1e-9)
            let tested = Sequential.mixtureSPRT(effect, mixingVariance: item.tau * item.tau, nullValue: item.null)
            expectClose(tested.pValue, item.msprt_p, relativeTolerance: 1e-9)
            var msprt = MixtureSPRTRule(alpha: item.alpha, mixingStandardDeviation: item.tau, threshold: item.null == 0 ? .zero : .margin)
            let verdict = msprt.evaluate(Self.snapshot(metric: metric, control: control, treatment: treatment), metrics: [metric])
            #expect(verdict.alarm == (item.msprt_p < item.alpha && item.estimate > item.null))
        }
    }

    /// No data at all and an empty treatment arm: every rule stays quiet with a stated reason.
    @Test(arguments: [0, 1]) func emptyInputsNeverAlarm(emptyTreatment: Int) throws {
        let metric = GuardrailMetric(name: "error_rate", shape: .ratio(numerator: 0, denominator: 1), direction: .decrease,
                                     margin: NonInferiorityMargin(0.05, scale: .relative))
        let units = 50
        let history = GuardrailHistory(
            unitIDs: (0..<units).map { "u\($0)" }, firstExposure: (0..<units).map { Int64($0) * 1000 },
            arm: (0..<units).map { emptyTreatment == 1 ? 0 : Int8($0 % 2) }, controlVariant: "off", treatmentVariant: "on",
            excludedUnits: 0, eventNames: ["error", "request"],
            aggregates: [ReplayAggregate(event: 0, function: .count), ReplayAggregate(event: 1, function: .count)], metrics: [metric],
            windowMilliseconds: 86_400_000,
            eventUnit: emptyTreatment == 1 ? [0, 2, 4] : [], eventTime: emptyTreatment == 1 ? [10, 2100, 4500] : [],
            eventValue: emptyTreatment == 1 ? [1, 1, 1] : [], eventIndex: emptyTreatment == 1 ? [1, 1, 0] : [])
        let schedule = LookSchedule(start: 0, interval: 20_000, count: 4)
        var rules: [any GuardrailRule] = [
            SequentialRule(threshold: .zero), MixtureSPRTRule(threshold: .zero), NaivePeekingRule(threshold: .zero),
            CanaryJudgeRule(minimumUnitsPerArm: 1), ThresholdCounterRule(check: .ratio(bound: 0.1), looks: 1, minimumUnitsPerArm: 1),
        ]
        var verdicts: [RuleVerdict] = []
        let replay = RolloutReplayer(history: history, schedule: schedule).replay(assignment: history.arm) { snapshot in
            for index in rules.indices { verdicts.append(rules[index].evaluate(snapshot, metrics: history.metrics)) }
            return true
        }
        #expect(replay.looks.count == 4)
        #expect(replay.looks.last?.units == (emptyTreatment == 1 ? [50, 0] : [25, 25]))
        #expect(verdicts.count == 20)
        for verdict in verdicts {
            #expect(!verdict.alarm, "\(verdict.reason)")
            #expect(!verdict.reason.isEmpty)
        }
    }

    /// Below `minimumUnitsPerArm` the interval rules do not judge, however large the effect.
    @Test func intervalRulesWaitForEnoughUnits() {
        let metric = Self.meanMetric(margin: 0.05)
        let control = PairedSummary(count: 40, sumX: 40, sumY: 0, sumXX: 44, sumYY: 0, sumXY: 0)
        let treatment = PairedSummary(count: 40, sumX: 80, sumY: 0, sumXX: 168, sumYY: 0, sumXY: 0)
        let snapshot = Self.snapshot(metric: metric, control: control, treatment: treatment)
        var rules: [any GuardrailRule] = [SequentialRule(), MixtureSPRTRule(), NaivePeekingRule()]
        for index in rules.indices {
            let verdict = rules[index].evaluate(snapshot, metrics: [metric])
            #expect(!verdict.alarm && verdict.reason.contains("fewer than 100 units per arm"), "\(verdict.reason)")
        }
        var eager: [any GuardrailRule] = [
            SequentialRule(minimumUnitsPerArm: 20), MixtureSPRTRule(minimumUnitsPerArm: 20), NaivePeekingRule(minimumUnitsPerArm: 20),
        ]
        for index in eager.indices {
            #expect(eager[index].evaluate(snapshot, metrics: [metric]).alarm, "a doubled mean with sd ~0.3 on 40 units per arm is harm")
        }
    }

    /// Flagger counts breaches in total, Argo's consecutive limit resets on a good look.
    @Test func thresholdCounterCountsTotalOrConsecutiveBreaches() {
        let metric = GuardrailMetric(name: "error_rate", shape: .ratio(numerator: 0, denominator: 1), direction: .decrease,
                                     margin: NonInferiorityMargin(0.05, scale: .relative))
        func summary(errors: Double) -> PairedSummary {
            PairedSummary(count: 200, sumX: errors, sumY: 1000, sumXX: errors, sumYY: 5000, sumXY: errors * 5)
        }
        // Treatment / control error ratio per look: breach (1.5), fine (1.0), breach, breach.
        let looks = [75.0, 50, 75, 75].enumerated().map { look, errors in
            Self.snapshot(metric: metric, control: summary(errors: 50), treatment: summary(errors: errors), look: look)
        }
        var total = ThresholdCounterRule(check: .ratio(bound: 0.2), looks: 2, consecutive: false, minimumUnitsPerArm: 100)
        var consecutive = ThresholdCounterRule(check: .ratio(bound: 0.2), looks: 2, consecutive: true, minimumUnitsPerArm: 100)
        var consecutiveThree = ThresholdCounterRule(check: .ratio(bound: 0.2), looks: 3, consecutive: true, minimumUnitsPerArm: 100)
        #expect(looks.map { total.evaluate($0, metrics: [metric]).alarm } == [false, false, true, true])
        #expect(looks.map { consecutive.evaluate($0, metrics: [metric]).alarm } == [false, false, false, true])
        #expect(looks.map { consecutiveThree.evaluate($0, metrics: [metric]).alarm } == [false, false, false, false])
        var valueRule = ThresholdCounterRule(check: .treatmentValue(bounds: ["error_rate": 0.06]), looks: 2, consecutive: true, minimumUnitsPerArm: 100)
        #expect(looks.map { valueRule.evaluate($0, metrics: [metric]).alarm } == [false, false, false, true])
        // Too few units: no breach counted.
        var strict = ThresholdCounterRule(check: .ratio(bound: 0.2), looks: 1, minimumUnitsPerArm: 500)
        #expect(!strict.evaluate(looks[0], metrics: [metric]).alarm)
    }

    /// The canary judge on per-unit values: a clear harmful shift fails, a shift on a
    /// non-critical metric with a low pass bar is marginal, no data is no judgement.
    @Test func canaryJudgeScoresAndCriticalMetrics() {
        let metrics = [
            GuardrailMetric(name: "latency", shape: .mean(aggregate: 0), direction: .decrease, margin: NonInferiorityMargin(0.02, scale: .relative)),
            GuardrailMetric(name: "revenue", shape: .mean(aggregate: 1), direction: .increase, margin: NonInferiorityMargin(0.1, scale: .relative)),
        ]
        let units = 400
        // Arms alternate; latency is 10% higher in treatment (harmful), revenue equal.
        let assignment = (0..<units).map { Int8($0 % 2) }
        var values = Array(repeating: 0.0, count: 3 * units)
        for unit in 0..<units {
            let base = 100 + Double((unit * 37) % 50)
            values[3 * unit + 1] = assignment[unit] == 1 ? base * 1.1 : base
            values[3 * unit + 2] = Double((unit * 53) % 20)
        }
        let statistics = LookStatistics(look: 0, time: 1, units: [200, 200], summaries: Array(repeating: PairedSummary.empty, count: 4), metricCount: 2)
        let order = (0..<units).map(Int32.init)
        values.withUnsafeBufferPointer { values in
            order.withUnsafeBufferPointer { entered in
                let snapshot = LookSnapshot(statistics: statistics, metrics: metrics, rowStride: 3, aggregateValues: values,
                                            entered: entered, assignment: assignment)
                var strict = CanaryJudgeRule(passScore: 0.95, marginalScore: 0.75)
                let failed = strict.evaluate(snapshot, metrics: metrics)
                #expect(failed.alarm && failed.judgement == .fail && failed.metricAlarms == [true, false], "\(failed.reason)")
                var lenient = CanaryJudgeRule(passScore: 0.9, marginalScore: 0.5)
                let marginal = lenient.evaluate(snapshot, metrics: metrics)
                #expect(!marginal.alarm && marginal.judgement == .marginal, "\(marginal.reason)")
                var critical = CanaryJudgeRule(passScore: 0.9, marginalScore: 0.5, critical: ["latency"])
                #expect(critical.evaluate(snapshot, metrics: metrics).judgement == .fail)
                var tolerant = CanaryJudgeRule(passScore: 0.9, marginalScore: 0.5, critical: ["latency"], tolerance: 0.5)
                #expect(tolerant.evaluate(snapshot, metrics: metrics).judgement == .marginal, "an HL shift within the tolerance is marginal, not a failure")
                let empty = LookSnapshot(statistics: statistics, metrics: metrics, rowStride: 3, aggregateValues: values,
                                         entered: UnsafeBufferPointer(start: nil, count: 0), assignment: assignment)
                let none = strict.evaluate(empty, metrics: metrics)
                #expect(!none.alarm && none.reason == "no metric has data yet")
            }
        }
    }
}
