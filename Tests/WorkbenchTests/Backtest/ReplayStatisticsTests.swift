import Foundation
import Stats
import Testing

@testable import Workbench

/// The replay's cumulative statistics against DuckDB (fixture) and a brute-force recount.
@Suite struct ReplayStatisticsTests {
    struct Reference: Decodable {
        struct Look: Decodable {
            var time_ms: Int64
            var arms: [[String: Value]]
        }
        enum Value: Decodable {
            case number(Int)
            case summary([Double])
            init(from decoder: Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let number = try? container.decode(Int.self) { self = .number(number) } else { self = .summary(try container.decode([Double].self)) }
            }
        }
        var start_ms: Int64
        var interval_ms: Int64
        var excluded_units: Int
        var looks: [Look]
    }

    @Test func everyLookMatchesDuckDB() throws {
        let reference = try JSONDecoder().decode(Reference.self, from: try fixtureData("backtest/replay_statistics.json"))
        let history = try BacktestFixtures.fixtureHistory()
        #expect(history.excludedUnits == reference.excluded_units)
        #expect(history.metrics.map(\.name) == ["error_rate", "latency", "conversion", "revenue", "worst_latency"])
        let schedule = LookSchedule(start: reference.start_ms, interval: reference.interval_ms, count: reference.looks.count)
        let replay = RolloutReplayer(history: history, schedule: schedule).replay(assignment: history.arm)
        #expect(replay.looks.count == reference.looks.count)
        for (look, expected) in zip(replay.looks, reference.looks) {
            #expect(look.time == expected.time_ms)
            for arm in 0..<2 {
                guard case .number(let units)? = expected.arms[arm]["units"] else { Issue.record("no units"); continue }
                #expect(look.units[arm] == units, "look \(look.look) arm \(arm)")
                for (index, metric) in history.metrics.enumerated() {
                    guard case .summary(let sums)? = expected.arms[arm][metric.name] else { Issue.record("no \(metric.name)"); continue }
                    let actual = look.summary(arm: arm, metric: index)
                    let fields = [actual.count, actual.sumX, actual.sumY, actual.sumXX, actual.sumYY, actual.sumXY]
                    for (value, wanted) in zip(fields, sums) {
                        expectClose(value, wanted, relativeTolerance: 1e-10, absoluteFloor: 1e-6, "look \(look.look) arm \(arm) \(metric.name)")
                    }
                }
            }
        }
    }

    /// A generated export, a random staged entry and an injected transform: the final look's
    /// statistics equal a brute-force recount from the history's raw arrays.
    @Test func finalLookMatchesBruteForceWithEntryTimesAndTransform() throws {
        var parameters = GeneratorParameters()
        parameters.units = 400
        parameters.enrolmentDays = 5
        parameters.windowDays = 4
        parameters.prePeriodDays = 0
        parameters.requestsPerDay = 2
        parameters.baseErrorRate = 0.1
        let (_, history) = try BacktestFixtures.generated(parameters, backtest: "")
        let start = LookSchedule.aligned(try #require(history.earliestExposure), to: 3_600_000)
        let schedule = LookSchedule(start: start, interval: 3_600_000, horizon: 12 * 86_400_000)
        var random = Workbench.SplitMix64(seed: 9)
        let assignment = (0..<history.unitCount).map { _ in Int8(Int(random.next() % 3) - 1) }
        let entries = history.firstExposure.map { $0 + Int64(random.next() % UInt64(3 * 86_400_000)) }
        let errorIndex = try #require(history.eventNames.firstIndex(of: "error"))
        let requestIndex = try #require(history.eventNames.firstIndex(of: "request"))
        let transform = InjectedRegression(kind: .addEvents(event: errorIndex, trigger: requestIndex, baseRate: 0.1), size: 3,
                                           onset: start + 2 * 86_400_000, seed: 4)
        let replay = RolloutReplayer(history: history, schedule: schedule)
            .replay(assignment: assignment, entryTimes: entries, transform: transform)
        let final = try #require(replay.looks.last)

        // Brute force: per unit aggregates from scratch.
        var expected = Array(repeating: PairedSummary.empty, count: 2 * history.metrics.count)
        for unit in 0..<history.unitCount where assignment[unit] >= 0 {
            let entry = max(entries[unit], history.firstExposure[unit])
            guard entry < final.time else { continue }
            var aggregates = Array(repeating: 0.0, count: history.aggregates.count)
            for position in 0..<history.eventCount where Int(history.eventUnit[position]) == unit {
                let time = history.eventTime[position]
                guard time >= entry, time < final.time else { continue }
                let changed = transform.transform(event: Int(history.eventIndex[position]), value: history.eventValue[position], time: time,
                                                  unit: Int32(unit), arm: assignment[unit], sequence: position)
                var applied: [(Int, Double)] = []
                if changed.keep { applied.append((Int(history.eventIndex[position]), changed.value)) }
                if let extra = changed.extra { applied.append((extra.event, extra.value)) }
                for (event, value) in applied {
                    for (index, aggregate) in history.aggregates.enumerated() where aggregate.event == event {
                        aggregates[index] = aggregate.updated(aggregates[index], with: value)
                    }
                }
            }
            for (index, metric) in history.metrics.enumerated() {
                guard case .ratio(let numerator, let denominator) = metric.shape else { Issue.record("generator guardrails are ratios"); continue }
                expected[Int(assignment[unit]) * history.metrics.count + index].add(x: aggregates[numerator], y: aggregates[denominator])
            }
        }
        for arm in 0..<2 {
            for index in history.metrics.indices {
                let actual = final.summary(arm: arm, metric: index), wanted = expected[arm * history.metrics.count + index]
                #expect(actual.count == wanted.count)
                for (value, reference) in [(actual.sumX, wanted.sumX), (actual.sumY, wanted.sumY), (actual.sumXX, wanted.sumXX),
                                           (actual.sumYY, wanted.sumYY), (actual.sumXY, wanted.sumXY)] {
                    expectClose(value, reference, relativeTolerance: 1e-10, absoluteFloor: 1e-6, "arm \(arm) \(history.metrics[index].name)")
                }
            }
        }
        #expect(expected[0].count > 50 && expected[history.metrics.count].count > 50)
    }
}
