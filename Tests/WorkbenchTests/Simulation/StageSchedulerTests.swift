import Testing

@testable import Workbench

/// The stage state machine: dwell, minimum exposures, alarms, non-inferiority.
@Suite struct StageSchedulerTests {
    let policy = RolloutPolicy(name: "p", stages: [1, 5, 20, 50, 100], dwellHours: [24, 24, 24, 24], minimumExposures: [10, 10, 10, 10])

    /// Looks every 6 h, no alarm, exposures always met: stages start at 0, 24, 48, 72 h and
    /// full rollout comes at exactly 96 h, the sum of the dwell times.
    @Test func advancesAtTheDwellTimes() {
        var scheduler = StageScheduler(policy: policy, startSeconds: 1000)
        var changes: [(Int64, StageScheduler.Decision)] = []
        for look in 1...40 {
            let time = 1000 + Int64(look) * 6 * 3600
            let decision = scheduler.decide(timeSeconds: time, exposures: 1_000, alarm: false, nonInferior: false)
            if decision != .stay { changes.append(((time - 1000) / 3600, decision)) }
            if decision == .fullRollout { break }
        }
        #expect(changes.map(\.0) == [24, 48, 72, 96])
        #expect(changes.map(\.1) == [.advanced(toStage: 1), .advanced(toStage: 2), .advanced(toStage: 3), .fullRollout])
        #expect(scheduler.status == .fullRollout(atSeconds: 1000 + 96 * 3600))
        #expect(scheduler.percentage == 100)
    }

    @Test func waitsForExposures() {
        var scheduler = StageScheduler(policy: policy, startSeconds: 0)
        #expect(scheduler.decide(timeSeconds: 24 * 3600, exposures: 9, alarm: false, nonInferior: true) == .stay)
        #expect(scheduler.decide(timeSeconds: 30 * 3600, exposures: 10, alarm: false, nonInferior: true) == .advanced(toStage: 1))
        #expect(scheduler.stageStartSeconds == 30 * 3600)
        // The next dwell counts from the stage's own start.
        #expect(scheduler.decide(timeSeconds: 48 * 3600, exposures: 50, alarm: false, nonInferior: true) == .stay)
        #expect(scheduler.decide(timeSeconds: 54 * 3600, exposures: 50, alarm: false, nonInferior: true) == .advanced(toStage: 2))
    }

    @Test func alarmStops() {
        var scheduler = StageScheduler(policy: policy, startSeconds: 0)
        _ = scheduler.decide(timeSeconds: 24 * 3600, exposures: 100, alarm: false, nonInferior: true)
        #expect(scheduler.decide(timeSeconds: 30 * 3600, exposures: 100, alarm: true, nonInferior: true) == .stopped)
        #expect(scheduler.status == .stopped(atSeconds: 30 * 3600, stage: 1))
        #expect(scheduler.percentage == 0)
    }

    @Test func nonInferiorityGatesWhenAsked() {
        var strict = policy
        strict.advanceRequiresNonInferiority = true
        var scheduler = StageScheduler(policy: strict, startSeconds: 0)
        #expect(scheduler.decide(timeSeconds: 24 * 3600, exposures: 100, alarm: false, nonInferior: false) == .stay)
        #expect(scheduler.decide(timeSeconds: 36 * 3600, exposures: 100, alarm: false, nonInferior: true) == .advanced(toStage: 1))
    }

    @Test func singleStageIsFullAtOnce() {
        let scheduler = StageScheduler(policy: RolloutPolicy(name: "all", stages: [100], dwellHours: [], minimumExposures: []), startSeconds: 5)
        #expect(scheduler.status == .fullRollout(atSeconds: 5))
    }
}
