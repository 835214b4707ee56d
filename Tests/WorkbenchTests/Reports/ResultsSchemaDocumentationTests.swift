import Foundation
import Testing
@testable import Workbench

/// docs/results-schema.md must name every key that results.json can contain.
@Suite("Results schema documentation")
struct ResultsSchemaDocumentationTests {
    @Test("Every key of an encoded results.json is documented in docs/results-schema.md")
    func everyKeyIsDocumented() throws {
        var results = ReportFixtures.checkout()
        results.metrics[4].variants[0].standardError = nil  // JSON cannot carry the fixture's NaN
        results.srm.note = "a note"
        let data = try JSONEncoder().encode(results)
        let json = try JSONSerialization.jsonObject(with: data)
        var keys = Set<String>()
        Self.collectKeys(json, into: &keys, skippingValuesOf: ["units", "excluded", "planned_weights", "exposures_per_day",
                                                              "rowsSkipped", "eventsByName", "unitsPerVariant"])
        // The fixture fills every optional field, so the set is the whole schema.
        #expect(keys.count > 60)
        let documentation = try String(contentsOf: Self.documentationURL, encoding: .utf8)
        for key in keys.sorted() {
            #expect(documentation.contains("`\(key)`"), "results.json key `\(key)` is not documented")
        }
        #expect(documentation.contains(ExperimentResults.currentSchemaVersion))
    }

    static var documentationURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/results-schema.md")
    }

    /// Object keys at any depth; for dictionaries keyed by data (variant names, reasons) only the
    /// key itself is collected, not the data-defined keys inside.
    static func collectKeys(_ value: Any, into keys: inout Set<String>, skippingValuesOf dataKeyed: Set<String>) {
        if let object = value as? [String: Any] {
            for (key, child) in object {
                keys.insert(key)
                if !dataKeyed.contains(key) { collectKeys(child, into: &keys, skippingValuesOf: dataKeyed) }
            }
        } else if let array = value as? [Any] {
            for child in array { collectKeys(child, into: &keys, skippingValuesOf: dataKeyed) }
        }
    }
}

@Suite("Results example")
struct ResultsExampleTests {
    @Test("The documented example decodes (nulls and absent optional keys) and renders")
    func documentedExample() throws {
        let results = try JSONDecoder().decode(ExperimentResults.self, from: fixtureData("reports/results-example.json"))
        #expect(results.schemaVersion == "workbench-results/1")
        #expect(results.srm.note == nil)
        #expect(results.timeline == nil && results.dataQuality == nil)
        let comparison = try #require(results.metrics.first?.comparisons.first)
        #expect(comparison.dimension == nil)
        #expect(comparison.relativeLift == nil && comparison.ciLow == nil && comparison.adjustedPValue == nil)
        #expect(comparison.absoluteLift == 0.0004)
        #expect(comparison.sequentialCILow == nil && comparison.chanceToWin == nil)
        let html = ExperimentReport.html([results])
        #expect(html.contains("<title>Experiment report: checkout-redesign</title>"))
        #expect(html.contains("relative lift is undefined"))
        #expect(html.contains("No timeline was recorded"))
        #expect(html.contains("sequential testing was off"))
        let markdown = ExperimentReport.markdown([results])
        let row = try #require(markdown.components(separatedBy: "\n").first { $0.hasPrefix("| refunds per order | treatment | — | — | 0.0455 | — |") })
        // Significant on the absolute scale although the relative lift is undefined: more refunds is worse.
        #expect(row.contains("▼ worse"))
        #expect(row.contains("relative lift is undefined"))
        ExperimentReportTests.expectConsistentTables(markdown)
    }
}
