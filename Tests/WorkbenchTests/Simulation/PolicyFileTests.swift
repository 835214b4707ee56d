import Foundation
import Testing

@testable import Workbench

/// The policy file format: several policies, defaults, and located errors.
@Suite struct PolicyFileTests {
    static let valid = """
        spec: spec.yaml
        flag_key: checkout-rollout
        look_every_hours: 12
        rollback_latency_hours: 2
        start: 2026-01-05T00:00:00Z
        scenarios:
          replicates: 40
          seed: 9
          regressions:
            - {metric: error_rate, change: 0.1}
            - {metric: latency, change: 0.05, onset_hours: 24}
        policies:
          - name: cautious
            stages: [1, 5, 20, 50, 100]
            dwell_hours: [24, 24, 48, 48]
            min_exposures: 500
            min_units_per_arm: 50
            rule: {type: sequential, alpha: 0.05, tuning: 10000, threshold: zero}
            advance: {non_inferiority: true}
          - name: fast
            stages: [10, 100]
            dwell_hours: 6
            rule: {type: threshold, bound: 0.1, looks: 2, consecutive: true}
          - name: judge
            stages: [5, 100]
            dwell_hours: 24
            rule: {type: canary, pass_score: 0.9, critical: [error_rate]}

        """

    @Test func parsesEveryField() throws {
        let plan = try SimulationPlan.parse(yaml: Self.valid, file: "policy.yaml")
        #expect(plan.specPath == "spec.yaml")
        #expect(plan.flagKey == "checkout-rollout")
        #expect(plan.lookEveryHours == 12)
        #expect(plan.rollbackLatencyHours == 2)
        #expect(plan.startSeconds == 1_767_571_200)  // date -u -d 2026-01-05 +%s
        #expect(plan.replicates == 40)
        #expect(plan.seed == 9)
        #expect(plan.regressions == [RegressionScenario(metric: "error_rate", change: 0.1),
                                     RegressionScenario(metric: "latency", change: 0.05, onsetHours: 24)])
        #expect(plan.policies.map(\.name) == ["cautious", "fast", "judge"])
        let cautious = plan.policies[0]
        #expect(cautious.stages == [1, 5, 20, 50, 100])
        #expect(cautious.dwellHours == [24, 24, 48, 48])
        #expect(cautious.minimumExposures == [500, 500, 500, 500])
        #expect(cautious.rule == .sequential(alpha: 0.05, tuning: 10000, threshold: .zero))
        #expect(cautious.advanceRequiresNonInferiority)
        #expect(cautious.minimumUnitsPerArm == 50)
        #expect(plan.policies[1].minimumUnitsPerArm == 100)
        #expect(cautious.minimumHoursToFullRollout == 144)
        #expect(cautious.largestPartialStage == 50)
        #expect(plan.policies[1].dwellHours == [6])
        #expect(plan.policies[1].minimumExposures == [0])
        #expect(plan.policies[1].rule == .threshold(bound: 0.1, looks: 2, consecutive: true, minimumUnits: 100))
        #expect(plan.policies[2].rule == .canary(alpha: 0.05, passScore: 0.9, marginalScore: 0.75, critical: ["error_rate"],
                                                  tolerance: 0, maximumUnits: 2000))
    }

    @Test func defaultsApply() throws {
        let plan = try SimulationPlan.parse(yaml: "policies:\n  - {name: p, stages: [50, 100], dwell_hours: 1}\n", file: "p.yaml")
        #expect(plan.hash == .sha256Mod100)
        #expect(plan.lookEveryHours == 6)
        #expect(plan.replicates == 100)
        #expect(plan.policies[0].rule == .sequential(alpha: 0.05, tuning: 5000, threshold: .margin))
        #expect(!plan.policies[0].advanceRequiresNonInferiority)
    }

    /// Each broken file, the line the error must name and a phrase of its message.
    static let broken: [(yaml: String, line: Int, phrase: String)] = [
        ("look_every_hour: 6\npolicies:\n  - {name: p, stages: [100], dwell_hours: []}\n", 1, "did you mean `look_every_hours`"),
        ("policies:\n  - name: p\n    stages: [1, 5, 5, 100]\n    dwell_hours: 24\n", 3, "must increase strictly"),
        ("policies:\n  - name: p\n    stages: [1, 5, 50]\n    dwell_hours: 24\n", 3, "must end at 100"),
        ("policies:\n  - name: p\n    stages: [1, 5, 100]\n    dwell_hours: [24, 24, 24]\n", 4, "3 values for 2 stages"),
        ("policies:\n  - name: p\n    stages: [1, 100]\n    dwell_hours: 24\n    rule: {type: sequential, alpha: 0.7}\n", 5, "must lie in (0.0, 0.5]"),
        ("policies:\n  - name: p\n    stages: [1, 100]\n    dwell_hours: 24\n    rule: {type: sequential, bound: 0.1}\n", 5, "does not apply to the sequential rule"),
        ("policies:\n  - name: p\n    stages: [1, 100]\n    dwell_hours: 24\n    rule: {type: bayes}\n", 5, "is not one of sequential"),
        ("policies:\n  - {name: p, stages: [1, 100], dwell_hours: 24}\n  - {name: p, stages: [2, 100], dwell_hours: 24}\n", 3, "policy names must be unique"),
        ("policies:\n  - {name: p, stages: [1, 100], dwell_hours: -1}\n", 2, "must be at least 0"),
        ("policies:\n  - {name: p, stages: [0, 100], dwell_hours: 1}\n", 2, "must lie in (0.0, 100.0]"),
        ("scenarios:\n  replicates: 0\npolicies:\n  - {name: p, stages: [100], dwell_hours: []}\n", 2, "must be at least 1"),
        ("scenarios:\n  regressions:\n    - {metric: error_rate, change: 0}\npolicies:\n  - {name: p, stages: [100], dwell_hours: []}\n", 3,
         "must be greater than 0"),
        ("start: yesterday\npolicies:\n  - {name: p, stages: [100], dwell_hours: []}\n", 1, "must be a UTC time"),
        ("hash: md5\npolicies:\n  - {name: p, stages: [100], dwell_hours: []}\n", 1, "is not one of sha256-mod100"),
        ("hash: launchdarkly\npolicies:\n  - {name: p, stages: [100], dwell_hours: []}\n", 1, "needs the flag's `salt"),
        ("spec: s.yaml\n", 1, "has no `policies`"),
        ("policies:\n  - {name: p, stages: [1, 100], dwell_hours: 1, min_units_per_arm: 1}\n", 2, "must be at least 2"),
    ]

    @Test(arguments: broken.indices)
    func rejectsWithLine(_ index: Int) {
        let (yaml, line, phrase) = Self.broken[index]
        do {
            _ = try SimulationPlan.parse(yaml: yaml, file: "policy.yaml")
            Issue.record("case \(index) parsed but should fail with \(phrase)")
        } catch let error as SpecError {
            #expect(error.file == "policy.yaml")
            #expect(error.line == line, "case \(index): \(error)")
            #expect(error.message.contains(phrase), "case \(index): \(error)")
        } catch {
            Issue.record("case \(index): unexpected \(error)")
        }
    }

    @Test func rejectsInvalidYAML() {
        #expect(throws: SpecError.self) { try SimulationPlan.parse(yaml: "policies: [\n", file: "x.yaml") }
    }
}
