import Foundation
import Testing

@testable import Workbench

/// The job from files, and the three outputs it writes.
@Suite struct SimulationOutputTests {
    static let policyFile = """
        spec: spec.yaml
        look_every_hours: 12
        start: 2026-01-05T00:00:00Z
        scenarios:
          replicates: 4
          regressions:
            - {metric: latency, change: 0.2}
        policies:
          - name: "<b>fast</b> & loose"
            stages: [10, 100]
            dwell_hours: 12
          - name: standard
            stages: [1, 5, 20, 50, 100]
            dwell_hours: 24
            min_exposures: [5, 20, 100, 500]
            rule: {type: msprt, tau: 0.05}

        """

    /// Writes the policy next to the generated export's spec.yaml and runs the job.
    static func runJob(policy: String = policyFile) throws -> (SimulationResult, URL) {
        let export = try SimulationFixtures.good.get()
        let policyPath = export.folder.appendingPathComponent("policy-\(UUID().uuidString).yaml")
        try Data(policy.utf8).write(to: policyPath)
        let job = PolicySimulationJob(
            policyPath: policyPath.path, specPath: nil, exposuresPath: export.folder.appendingPathComponent("exposures.csv").path,
            eventsPath: export.folder.appendingPathComponent("events.csv").path)
        return (try job.run(), export.folder)
    }

    @Test func jobReadsPolicyAndRelativeSpec() throws {
        let (result, _) = try Self.runJob()
        #expect(result.format == "workbench-simulation/1")
        #expect(result.experiment == "checkout-v2")
        #expect(result.control == "off" && result.treatment == "on")
        #expect(result.guardrailMetrics.map(\.name) == ["latency", "error_rate"])
        #expect(result.policies.map(\.name) == ["<b>fast</b> & loose", "standard"])
        #expect(result.policies[1].rule == "msprt")
        #expect(result.settings.regressions.first?.harmUnit == "extra request value")
        #expect(result.frontier.count == 2)
        #expect(result.history.start == "2026-01-05T00:00:00Z")
    }

    @Test func writesJSONMarkdownAndEscapedHTML() throws {
        let (result, folder) = try Self.runJob()
        let out = folder.appendingPathComponent("out-\(UUID().uuidString)")
        let paths = try SimulationOutput.write(result, to: out)
        #expect(paths.map { URL(fileURLWithPath: $0).lastPathComponent } == ["simulation.json", "report.html", "report.md"])
        let decoded = try JSONDecoder().decode(SimulationResult.self, from: Data(contentsOf: out.appendingPathComponent("simulation.json")))
        #expect(decoded == result)
        let html = String(decoding: try Data(contentsOf: out.appendingPathComponent("report.html")), as: UTF8.self)
        #expect(html.contains("&lt;b&gt;fast&lt;/b&gt; &amp; loose"))
        #expect(!html.contains("<b>fast</b>"))
        #expect(html.contains("<svg") && html.contains("Policy frontier"))
        #expect(!html.contains("<script"))
        let markdown = String(decoding: try Data(contentsOf: out.appendingPathComponent("report.md")), as: UTF8.self)
        #expect(markdown.contains("## Frontier"))
        #expect(markdown.contains("sticky hashes"))
    }

    @Test func unknownRegressionMetricIsAUserError() throws {
        let policy = Self.policyFile.replacingOccurrences(of: "metric: latency", with: "metric: revenue")
        #expect(throws: SimulationError.self) { try Self.runJob(policy: policy) }
    }

    @Test func missingSpecIsAUserError() throws {
        let policy = Self.policyFile.replacingOccurrences(of: "spec: spec.yaml\n", with: "")
        do {
            _ = try Self.runJob(policy: policy)
            Issue.record("ran without a spec")
        } catch let error as SpecError {
            #expect(error.message.contains("--spec"))
        }
    }
}
