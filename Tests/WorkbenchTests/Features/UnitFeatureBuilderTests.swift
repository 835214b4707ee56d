import Foundation
import Testing
@testable import Workbench

extension ModelWorkbenchTests {
    @Suite("workbench features")
    struct UnitFeatureBuilderTests {
        /// 2026-02-02T00:00:00Z, a Monday.
        static let cutoff = epochMilliseconds(2026, 2, 2)

        @Test("The hand-made export gives exactly the expected table")
        func exactTable() throws {
            let table = try UnitFeatureBuilder.build(
                path: try fixturePath("features/events.csv"),
                options: UnitFeatureOptions(cutoff: Self.cutoff, labelEvent: "transaction", labelDays: 7))
            let expected = try String(contentsOfFile: try fixturePath("features/expected_table.csv"), encoding: .utf8)
            #expect(table.csv == expected)
        }

        @Test("No leakage: events at or after the cutoff never reach the features")
        func noLeakage() throws {
            let table = try UnitFeatureBuilder.build(
                path: try fixturePath("features/events.csv"),
                options: UnitFeatureOptions(cutoff: Self.cutoff, labelEvent: "transaction", labelDays: 7))
            // alice's transaction on 02-03 is her label, not a count; carol's view at exactly the
            // cutoff is not a feature; dave only appears afterwards; `refund` only happens afterwards.
            #expect(table.units == ["alice", "bob", "carol"])
            #expect(!table.columns.contains("count_refund"))
            let transaction = try #require(table.columns.firstIndex(of: "count_transaction")) - 1
            let view = try #require(table.columns.firstIndex(of: "count_view")) - 1
            #expect(table.features[0][transaction] == 0 && table.labels[0] == 1)
            #expect(table.features[2][view] == 0 && table.features[2][transaction] == 1 && table.labels[2] == 0)
            // bob's transaction on 02-10 is outside [02-02, 02-09): label 0.
            #expect(table.labels[1] == 0)
            // A longer window includes it.
            let longer = try UnitFeatureBuilder.build(
                path: try fixturePath("features/events.csv"),
                options: UnitFeatureOptions(cutoff: Self.cutoff, labelEvent: "transaction", labelDays: 9))
            #expect(longer.labels == [1, 1, 0])
            #expect(longer.features == table.features)  // the label window never changes the features
        }

        @Test("unique_features counts distinct values of a mapped feature column")
        func featureColumn() throws {
            let table = try UnitFeatureBuilder.build(
                path: try fixturePath("features/events.csv"),
                options: UnitFeatureOptions(cutoff: Self.cutoff, labelEvent: "transaction", labelDays: 7, featureColumn: "feature_key"))
            #expect(table.features.map { $0[0] } == [2, 0, 1])  // alice f1,f2; bob empty; carol f3
        }

        @Test("Bad rows and bad options are reported with their location")
        func badInput() throws {
            let folder = try makeTemporaryFolder("features")
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = try writeFile("timestamp,unit_id,event\n2026-01-01T00:00:00Z,a,view\nyesterday,b,view\n", named: "e.csv", in: folder)
            let error = #expect(throws: IngestError.self) {
                try UnitFeatureBuilder.build(path: path, options: UnitFeatureOptions(cutoff: Self.cutoff, labelEvent: "view", labelDays: 7))
            }
            #expect(error?.line == 3 && error?.column == 1 && error?.kind == .badTimestamp)
            #expect(throws: TabularError.self) {
                try UnitFeatureBuilder.build(path: path, options: UnitFeatureOptions(cutoff: Self.cutoff, labelEvent: "view", labelDays: 0))
            }
            #expect(CutoffTime.parse("2026-02-02") == Self.cutoff)
            #expect(CutoffTime.parse("2026-02-02T00:00:00Z") == Self.cutoff)
            #expect(CutoffTime.parse("next week") == nil)
        }

        @Test("The table trains end to end with --ignore unit_id")
        func trainsOnTable() throws {
            let folder = try makeTemporaryFolder("features")
            defer { try? FileManager.default.removeItem(at: folder) }
            let table = try UnitFeatureBuilder.build(
                path: try fixturePath("features/events.csv"),
                options: UnitFeatureOptions(cutoff: Self.cutoff, labelEvent: "transaction", labelDays: 7))
            let path = try writeFile(table.csv, named: "table.csv", in: folder)
            let read = try TabularReader.readTraining(path: path, options: TabularReadOptions(target: "label", ignored: ["unit_id"]))
            #expect(read.schema.featureNames == Array(table.columns.dropFirst().dropLast()))
            #expect(read.labels == [1, 0, 0])
        }
    }
}
