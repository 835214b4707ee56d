import Foundation
import Testing

@testable import Workbench

/// The three output files on the committed tiny export, every rule type, a hostile rule name.
@Suite struct BacktestOutputTests {
    static let section = """
        backtest:
          interval: 12h
          onset: 1d
          rollback_latency: 6h
          replicates: 10
          power_replicates: 3
          regression_sizes: [0.5, 1.0]
          regressions:
            - {type: errors, event: error, per: request}
            - {type: latency, event: request}
            - {type: conversions, event: purchase}
          rules:
            - {type: sequential}
            - {type: msprt, threshold: zero}
            - {type: naive, threshold: zero}
            - {type: canary, min_units: 5}
            - {name: "<script>alert(1)</script> | x", type: threshold, bound: 0.2, looks: 2, min_units: 5}
        """

    @Test func writesDocumentedFilesWithEscapedNames() throws {
        var text = String(decoding: try fixtureData("backtest/spec.yaml"), as: UTF8.self)
        let cut = try #require(text.range(of: "backtest:")).lowerBound
        text = String(text[..<cut]) + Self.section
        let spec = try #require(try ExperimentSpec.parse(yaml: text, file: "spec.yaml").first)
        let history = try BacktestFixtures.fixtureHistory()
        let result = try BacktestJob(spec: spec).run(history: history)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("workbench-backtest-out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = try BacktestOutput.write(result, to: folder)
        #expect(paths.map { URL(fileURLWithPath: $0).lastPathComponent } == ["backtest.json", "report.html", "report.md"])

        let data = try Data(contentsOf: folder.appendingPathComponent("backtest.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["schema_version"] as? Int == 1)
        for key in ["experiment", "control", "treatment", "data", "settings", "metrics", "rules", "timeline", "notes"] {
            #expect(object[key] != nil, "backtest.json lacks \(key)")
        }
        // Absent values are explicit nulls: every documented key is present.
        let rules = try #require(object["rules"] as? [[String: Any]])
        for rule in rules {
            let real = try #require(rule["real_history"] as? [String: Any])
            for key in ["alarm_look", "alarm_time", "alarm_reason", "detection_delay_hours", "rollback_time", "treatment_units_exposed"] {
                #expect(real.keys.contains(key), "real_history lacks \(key)")
            }
            let power = try #require(rule["power"] as? [[String: Any]])
            #expect(power.allSatisfy { $0.keys.contains("size_detected80") })
        }
        let decoded = try BacktestOutput.decode(data)
        #expect(decoded == result)
        #expect(result.rules.count == 5 && result.rules.allSatisfy { $0.power.count == 3 })
        #expect(result.rules.allSatisfy { $0.realHistory.verdicts.count == result.settings.looks })
        #expect(result.data.excludedUnits == 2)
        #expect(result.data.controlUnits + result.data.treatmentUnits == 118)
        // Family-wise false alarms count replicates, so they are at least every per-metric count.
        for rule in result.rules {
            #expect(rule.falseAlarms.perMetric.allSatisfy { $0.rate.alarms <= rule.falseAlarms.familyWise.alarms })
            #expect(rule.falseAlarms.familyWise.lower <= rule.falseAlarms.familyWise.rate)
        }

        let html = String(decoding: try Data(contentsOf: folder.appendingPathComponent("report.html")), as: UTF8.self)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("<svg") && html.contains("Power against regression size"))
        #expect(!html.contains("http://") || html.components(separatedBy: "http://").count == html.components(separatedBy: "xmlns=\"http://").count)
        let markdown = String(decoding: try Data(contentsOf: folder.appendingPathComponent("report.md")), as: UTF8.self)
        #expect(markdown.contains("## Summary per rule"))
        #expect(!markdown.contains("<script>"))
    }

    /// Identical inputs give byte-identical JSON (no timings, stable order).
    @Test func resultIsDeterministic() throws {
        var text = String(decoding: try fixtureData("backtest/spec.yaml"), as: UTF8.self)
        let cut = try #require(text.range(of: "backtest:")).lowerBound
        text = String(text[..<cut]) + Self.section
        let spec = try #require(try ExperimentSpec.parse(yaml: text, file: "spec.yaml").first)
        let history = try BacktestFixtures.fixtureHistory()
        let first = try BacktestOutput.json(try BacktestJob(spec: spec).run(history: history))
        let second = try BacktestOutput.json(try BacktestJob(spec: spec).run(history: history))
        #expect(first == second)
    }
}
