import Foundation
import Testing

@testable import Workbench

/// Clopper-Pearson and quantiles against statsmodels/numpy; dominance on a hand-made frontier.
@Suite struct SimulationSummariesTests {
    struct Intervals: Decodable {
        struct Case: Decodable { var successes: Int; var trials: Int; var lower: Double; var upper: Double }
        var confidence: Double
        var cases: [Case]
    }

    @Test func clopperPearsonMatchesStatsmodels() throws {
        let reference = try JSONDecoder().decode(Intervals.self, from: try fixtureData("simulation/clopper_pearson.json"))
        for item in reference.cases {
            let interval = SimulationSummaries.clopperPearson(successes: item.successes, trials: item.trials, confidence: reference.confidence)
            expectClose(interval.lower, item.lower, relativeTolerance: 1e-9, absoluteFloor: 1e-14)
            expectClose(interval.upper, item.upper, relativeTolerance: 1e-9, absoluteFloor: 1e-14)
        }
    }

    struct Quantiles: Decodable { var sample: [Double]; var mean: Double; var p10: Double; var median: Double; var p90: Double }

    @Test func distributionMatchesNumpy() throws {
        let reference = try JSONDecoder().decode(Quantiles.self, from: try fixtureData("simulation/quantiles.json"))
        let summary = try #require(SimulationSummaries.distribution(reference.sample))
        expectClose(summary.mean, reference.mean, relativeTolerance: 1e-12)
        expectClose(summary.p10, reference.p10, relativeTolerance: 1e-12)
        expectClose(summary.median, reference.median, relativeTolerance: 1e-12)
        expectClose(summary.p90, reference.p90, relativeTolerance: 1e-12)
        #expect(summary.minimum == 30 && summary.maximum == 108 && summary.count == 11)
        #expect(SimulationSummaries.distribution([]) == nil)
    }

    /// A: fast, B: as fast but fewer false stops and less harm (dominates A), C: slow but
    /// safest (frontier), D: never completes (dominated by B, C and E, each no worse elsewhere),
    /// E: ties B exactly (equal is not dominated).
    @Test func marksDominatedPolicies() {
        func row(_ name: String, _ time: Double?, _ falseStops: Double, _ harm: Double) -> FrontierRow {
            FrontierRow(policy: name, medianHoursToFullRollout: time, falseStopRate: falseStops, meanExposedUnitsOnBad: harm,
                        dominated: false, dominatedBy: [])
        }
        let rows = SimulationSummaries.markDominance([
            row("A", 48, 0.05, 900), row("B", 48, 0.02, 500), row("C", 144, 0.01, 100), row("D", nil, 0.02, 600), row("E", 48, 0.02, 500),
        ])
        #expect(rows.map(\.dominated) == [true, false, false, true, false])
        #expect(rows[0].dominatedBy == ["B", "E"])
        #expect(rows[3].dominatedBy == ["B", "C", "E"])
        #expect(rows[2].dominatedBy.isEmpty)
    }

    @Test func harmIgnoredWithoutRegressions() {
        let rows = SimulationSummaries.markDominance([
            FrontierRow(policy: "x", medianHoursToFullRollout: 10, falseStopRate: 0.1, meanExposedUnitsOnBad: nil, dominated: false, dominatedBy: []),
            FrontierRow(policy: "y", medianHoursToFullRollout: 20, falseStopRate: 0.1, meanExposedUnitsOnBad: nil, dominated: false, dominatedBy: []),
        ])
        #expect(rows.map(\.dominated) == [false, true])
    }
}
