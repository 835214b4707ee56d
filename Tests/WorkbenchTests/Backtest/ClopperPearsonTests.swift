import Foundation
import Testing

@testable import Workbench

@Suite struct ClopperPearsonTests {
    struct Case: Decodable {
        var successes: Int
        var trials: Int
        var level: Double
        var lower: Double
        var upper: Double
    }

    /// Against scipy.stats.binomtest(...).proportion_ci(method="exact").
    @Test func matchesScipy() throws {
        let cases = try JSONDecoder().decode([Case].self, from: try fixtureData("backtest/clopper_pearson.json"))
        #expect(cases.count >= 10)
        for item in cases {
            let interval = ClopperPearson.interval(successes: item.successes, trials: item.trials, confidenceLevel: item.level)
            expectClose(interval.lower, item.lower, relativeTolerance: 1e-9, absoluteFloor: 1e-12, "\(item.successes)/\(item.trials) lower")
            expectClose(interval.upper, item.upper, relativeTolerance: 1e-9, "\(item.successes)/\(item.trials) upper")
        }
    }
}
