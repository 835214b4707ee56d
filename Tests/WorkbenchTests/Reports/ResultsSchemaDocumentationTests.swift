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
