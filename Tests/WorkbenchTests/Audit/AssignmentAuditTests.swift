import Foundation
import Testing
@testable import Workbench

/// The audit over a generated exposures file: 2 x 100 units logged by the sha256-mod100 rule,
/// 3 flipped per experiment, duplicate rows, one unknown variant and one unit in both variants.
@Suite("Assignment audit")
struct AssignmentAuditTests {
    struct Expected: Decodable {
        var rows: Int
        var flipped: [String: [Disagreement]]
    }

    private func exposuresPath() throws -> String {
        guard let base = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
        return base.appendingPathComponent("Fixtures/audit/exposures.csv").path
    }

    @Test("reports exactly the flipped units, with expected variant and bucket")
    func reportsFlippedUnits() throws {
        let expected = try JSONDecoder().decode(Expected.self, from: try fixtureData("audit/exposures-expected.json"))
        let report = try AssignmentAudit(scheme: .referenceService).run(exposuresPath: try exposuresPath())
        #expect(report.exposureRows == expected.rows)
        #expect(report.experiments.map(\.experiment) == ["checkout_upsell", "new-search"])
        for audit in report.experiments {
            let flipped = try #require(expected.flipped[audit.experiment])
            #expect(audit.unitsChecked == 100)
            #expect(audit.disagreeing == flipped.count)
            #expect(audit.agreeing == 100 - flipped.count)
            #expect(audit.examples == flipped)
            #expect(audit.disagreementRate == Double(flipped.count) / 100)
        }
        let checkout = try #require(report.experiments.first)
        #expect(checkout.unknownVariantUnits == 1)
        #expect(checkout.unknownVariantNames == ["holdout"])
        #expect(checkout.severalVariantUnits == 1)
    }

    @Test("examples are capped but counts are not")
    func examplesCapped() throws {
        var audit = AssignmentAudit(scheme: .referenceService)
        audit.maximumExamples = 1
        let report = try audit.run(exposuresPath: try exposuresPath())
        #expect(report.experiments.allSatisfy { $0.examples.count == 1 && $0.disagreeing == 3 })
    }

    @Test("JSON uses snake_case keys and null for units outside the experiment")
    func jsonContract() throws {
        let disagreement = Disagreement(unit: "u", loggedVariant: "a", expectedVariant: nil, bucket: 71)
        let object = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(disagreement)) as? [String: Any]
        #expect(object?["logged_variant"] as? String == "a")
        #expect(object?["expected_variant"] is NSNull)
    }

    @Test("Markdown lists the flipped units")
    func markdown() throws {
        let report = try AssignmentAudit(scheme: .referenceService).run(exposuresPath: try exposuresPath())
        let markdown = report.markdown
        #expect(markdown.contains("| checkout_upsell | 100 | 97 | 3 | 3.00% | 1 | 1 |"))
        #expect(markdown.contains("| user_16 | A | B | 91 |"))
        #expect(markdown.contains("`holdout`"))
    }

    @Test("GrowthBook units outside coverage count as disagreeing with no expected variant")
    func outsideCoverage() {
        var scheme = BucketingScheme(hash: .growthBookV1, variants: ["control", "treatment"])
        scheme.coverage = 0
        let report = AssignmentAudit(scheme: scheme).audit(
            [.init(experiment: "e", unit: "u1", variant: "control")], exposureRows: 1)
        #expect(report.experiments.first?.disagreeing == 1)
        #expect(report.experiments.first?.examples.first?.expectedVariant == nil)
    }
}
