import Foundation
import Stats
import Testing

@testable import Workbench

/// End to end on generated exports with known truth.
@Suite struct RolloutSimulationTests {
    /// Done-when check: stages 1/5/20/50/100 with a 24 h dwell and modest minimum exposures
    /// reach full rollout exactly 96 h (4 days) after the start whenever no alarm fires, on the
    /// real (good) history and on every A/A replicate that is not falsely stopped.
    @Test func goodScenarioMatchesTheDwellTimes() throws {
        let export = try SimulationFixtures.good.get()
        let policy = RolloutPolicy(name: "standard", stages: SimulationFixtures.standardStages, dwellHours: [24, 24, 24, 24],
                                   minimumExposures: [5, 20, 100, 500])
        let result = try SimulationFixtures.simulation(export, SimulationFixtures.plan([policy])).run()
        let outcome = result.policies[0]
        #expect(outcome.realHistory.stopHours == nil)
        #expect(outcome.realHistory.fullRolloutHours == 96)
        #expect(outcome.realHistory.stageStartHours == [0, 24, 48, 72, 96])
        let good = outcome.good
        #expect(good.replicates == 20)
        #expect(good.fullRollouts + good.falseStops == 20)
        #expect(good.censored == 0)
        #expect(good.falseStops <= 3)
        let time = try #require(good.hoursToFullRollout)
        #expect(time.minimum == 96 && time.maximum == 96 && time.median == 96)
        #expect(outcome.support.allSatisfy { $0.supported }, "\(outcome.support.flatMap(\.reasons))")
        #expect(result.history.units == 4_000)
    }

    /// A stage that the history cannot support is flagged: a share beyond what the history
    /// treated, more exposures than the whole history has, dwell times beyond its span.
    @Test func flagsStagesWithoutSupport() throws {
        let export = try SimulationFixtures.good.get()
        let wide = RolloutPolicy(name: "wide", stages: [20, 80, 100], dwellHours: [24, 24], minimumExposures: [0, 0])
        let greedy = RolloutPolicy(name: "greedy", stages: [1, 100], dwellHours: [24], minimumExposures: [100_000])
        let slow = RolloutPolicy(name: "slow", stages: [5, 100], dwellHours: [24 * 40], minimumExposures: [0])
        let result = try SimulationFixtures.simulation(export, SimulationFixtures.plan([wide, greedy, slow], replicates: 3)).run()
        let support = result.policies.map(\.support)
        #expect(support[0].map(\.supported) == [true, false])
        #expect(support[0][1].reasons.contains { $0.contains("the stage treats 80.0% but the history treated only") })
        #expect(support[1][0].reasons.contains { $0.contains("needs 100000 exposures but the whole history has only") })
        #expect(support[2][0].reasons.contains { $0.contains("dwell times add up to 960.0 h but the history spans") })
        // Never enough exposures: every replicate runs out of history.
        #expect(result.policies[1].good.censored == 3)
        #expect(result.policies[1].good.hoursToFullRollout == nil)
        // Units below a stage: counted by the same hash the tests check against hashlib.
        let expected = export.history.unitIDs.filter {
            RolloutBucket.bucket(unit: $0, flagKey: export.spec.experiment, hash: .sha256Mod100, salt: nil) < 20
        }.count
        #expect(support[0][0].unitsInHistory == expected)
    }

    /// Injected regression (+100 % errors): staged policies stop early, and the more cautious
    /// policy exposes fewer units and causes fewer extra errors than one that starts at 50 %.
    @Test func cautiousPoliciesHarmLess() throws {
        let export = try SimulationFixtures.good.get()
        let rule = GuardrailRuleSetting.sequential(alpha: 0.05, tuning: 5000, threshold: .zero)
        let cautious = RolloutPolicy(name: "cautious", stages: SimulationFixtures.standardStages, dwellHours: [24, 24, 24, 24],
                                     minimumExposures: [0, 0, 0, 0], rule: rule)
        let aggressive = RolloutPolicy(name: "aggressive", stages: [50, 100], dwellHours: [24], minimumExposures: [0], rule: rule)
        let plan = SimulationFixtures.plan([cautious, aggressive], replicates: 20,
                                           regressions: [RegressionScenario(metric: "error_rate", change: 1.0)])
        let result = try SimulationFixtures.simulation(export, plan).run()
        let careful = result.policies[0].bad[0], bold = result.policies[1].bad[0]
        #expect(careful.stops >= 16, "cautious stopped \(careful.stops) of 20")
        let stopHours = try #require(careful.hoursToStop)
        #expect(stopHours.median < 96)
        #expect(careful.exposedUnits.mean < bold.exposedUnits.mean)
        #expect(careful.harm.mean < bold.harm.mean)
        #expect(careful.harmUnit == "extra error events")
        // Harm is positive and bounded by the extra errors if every unit saw the regression.
        #expect(careful.harm.mean > 0)
    }

    /// The generator's own regression (+60 % error rate in the treatment) stops the real
    /// history's replay on error_rate before full rollout.
    @Test func generatedRegressionStopsTheRealHistory() throws {
        let export = try SimulationFixtures.bad.get()
        let policy = RolloutPolicy(name: "standard", stages: SimulationFixtures.standardStages, dwellHours: [24, 24, 24, 24],
                                   minimumExposures: [0, 0, 0, 0], rule: .sequential(alpha: 0.05, tuning: 5000, threshold: .zero))
        let result = try SimulationFixtures.simulation(export, SimulationFixtures.plan([policy], replicates: 2)).run()
        let real = result.policies[0].realHistory
        let stop = try #require(real.stopHours)
        #expect(stop < 96)
        #expect(real.fullRolloutHours == nil)
        #expect(real.alarmingMetrics.contains("error_rate"))
        #expect(real.exposedUnits < 4_000)
    }

    /// With a fixed stage the staged replay must give the engine replayer's statistics at every
    /// look; with one advance, the replayer fed the resulting entry times must agree too.
    @Test func stageReplayMatchesTheEngineReplayer() throws {
        let export = try SimulationFixtures.good.get()
        let history = export.history
        let plan = SimulationFixtures.plan([])
        let schedule = try PolicySimulationJob.schedule(plan: plan, history: history)
        let replay = StageReplay(history: history, schedule: schedule)
        let buckets = history.unitIDs.map {
            UInt8(RolloutBucket.bucket(unit: $0, flagKey: export.spec.experiment, hash: .sha256Mod100, salt: nil))
        }
        let layout = StageReplay.BucketLayout(buckets: buckets)
        let neverAlarm = GuardrailRuleSetting.threshold(bound: 1e9, looks: 1, consecutive: false, minimumUnits: 1)
        let engine = RolloutReplayer(history: history, schedule: schedule)

        for (stages, dwell) in [([30.0, 100], [1e6]), ([10.0, 30, 100], [24.0, 1e6])] {
            let policy = RolloutPolicy(name: "p", stages: stages, dwellHours: dwell, minimumExposures: dwell.map { _ in 0 }, rule: neverAlarm)
            var mine: [LookStatistics] = []
            let outcome = replay.run(policy: policy, layout: layout, treatedPool: 1, controlPool: 0, regression: nil, rollbackLatency: 0) {
                mine.append($0)
            }
            #expect(outcome.censored)
            let assignment: [Int8] = (0..<history.unitCount).map { unit in
                if history.arm[unit] == 1 && buckets[unit] < 30 { return 1 }
                if history.arm[unit] == 0 && buckets[unit] >= 30 { return 0 }
                return -1
            }
            let entryTimes: [Int64] = (0..<history.unitCount).map { unit in
                // Control units and the first stage's units enter at first exposure; the
                // second stage's units when it opened.
                assignment[unit] == 0 || Double(buckets[unit]) < stages[0]
                    ? schedule.start : schedule.start + Int64((outcome.stageStartHours.dropFirst().first ?? 0) * 3_600_000)
            }
            let reference = engine.replay(assignment: assignment, entryTimes: stages.count > 2 ? entryTimes : nil).looks
            #expect(mine.count == reference.count)
            for (a, b) in zip(mine, reference) {
                #expect(a.time == b.time)
                #expect(a.units == b.units, "look \(a.look)")
                for index in a.summaries.indices {
                    for (x, y) in [(a.summaries[index].sumX, b.summaries[index].sumX), (a.summaries[index].sumXX, b.summaries[index].sumXX),
                                   (a.summaries[index].sumY, b.summaries[index].sumY), (a.summaries[index].sumXY, b.summaries[index].sumXY)] {
                        expectClose(x, y, relativeTolerance: 1e-12, absoluteFloor: 1e-9)
                    }
                }
            }
            if stages.count > 2 { #expect(outcome.stageStartHours == [0, 24]) }
        }
    }
}
