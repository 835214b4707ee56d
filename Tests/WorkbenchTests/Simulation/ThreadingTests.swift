import Testing

@testable import Workbench

/// The replicate loop gives the same result on one thread and on several.
@Suite struct ThreadingTests {
    @Test func resultDoesNotDependOnThreads() throws {
        let export = try SimulationFixtures.good.get()
        let policy = RolloutPolicy(name: "p", stages: [5, 50, 100], dwellHours: [12, 12], minimumExposures: [0, 0])
        let simulation = try SimulationFixtures.simulation(
            export, SimulationFixtures.plan([policy], replicates: 6, regressions: [RegressionScenario(metric: "latency", change: 0.2)]))
        var calls: [Int] = []
        let one = simulation.run(threads: 1) { done, _ in calls.append(done) }
        let two = simulation.run(threads: 3)
        #expect(one == two)
        #expect(calls == [4, 6])
    }
}
