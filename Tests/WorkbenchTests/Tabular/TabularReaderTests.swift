import Foundation
import Testing
@testable import Workbench

extension ModelWorkbenchTests {
    @Suite("Tabular CSV reader")
    struct TabularReaderTests {
        @Test("Numeric, categorical and missing cells, levels sorted by bytes")
        func readsColumns() throws {
            let folder = try makeTemporaryFolder("tabular")
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = try writeFile("""
                id,x,colour,y,w
                a,1.5,red,1,2
                b,,blue,0,1
                c,NaN,,1,0.5
                d,-2e3,Red,0,1

                """, named: "t.csv", in: folder)
            let table = try TabularReader.readTraining(
                path: path, options: TabularReadOptions(target: "y", categorical: ["colour"], weight: "w", ignored: ["id"]))
            #expect(table.rowCount == 4)
            #expect(table.schema.featureNames == ["x", "colour"])
            #expect(table.schema.features[1].levels == ["Red", "blue", "red"])  // UTF-8 byte order: uppercase first
            #expect(table.values[0] == 1.5 && table.values[1].isNaN && table.values[2].isNaN && table.values[3] == -2000)
            #expect(table.values[4] == 2 && table.values[5] == 1 && table.values[6].isNaN && table.values[7] == 0)
            #expect(table.labels == [1, 0, 1, 0])
            #expect(table.weights == [2, 1, 0.5, 1])
            // SHA-256 of the exact bytes, from coreutils `sha256sum` (no child process here: a
            // forked child would inflate the RUSAGE_CHILDREN figure BoundedMemoryTests reads).
            #expect(table.fileSHA256 == "1b93030d04f06f960a34a013a206553c91895dc0454b9ba47a250f0a907e9212")
        }

        @Test("A non-numeric cell names file, line and column")
        func badNumber() throws {
            let folder = try makeTemporaryFolder("tabular")
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = try writeFile("x,z,y\n1,2,0\n3,abc,1\n", named: "bad.csv", in: folder)
            let error = #expect(throws: IngestError.self) {
                try TabularReader.readTraining(path: path, options: TabularReadOptions(target: "y"))
            }
            #expect(error?.line == 3)
            #expect(error?.column == 2)
            #expect(error?.kind == .badNumber)
            #expect(error?.description.contains("bad.csv:3:2") == true)
            #expect(error?.description.contains("--categorical") == true)
        }

        @Test("A row with the wrong number of fields is rejected with its line")
        func wrongColumnCount() throws {
            let folder = try makeTemporaryFolder("tabular")
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = try writeFile("x,y\n1,0\n2,1,7\n", named: "short.csv", in: folder)
            let error = #expect(throws: IngestError.self) {
                try TabularReader.readTraining(path: path, options: TabularReadOptions(target: "y"))
            }
            #expect(error?.line == 3)
            #expect(error?.kind == .wrongColumnCount)
        }

        @Test("A label that is not 0/1 and a missing target column are explained")
        func badTargets() throws {
            let folder = try makeTemporaryFolder("tabular")
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = try writeFile("x,y\n1,0\n2,yes\n", named: "labels.csv", in: folder)
            let labelError = #expect(throws: IngestError.self) {
                try TabularReader.readTraining(path: path, options: TabularReadOptions(target: "y"))
            }
            #expect(labelError?.line == 3 && labelError?.column == 2)
            let columnError = #expect(throws: TabularError.self) {
                try TabularReader.readTraining(path: path, options: TabularReadOptions(target: "label"))
            }
            #expect(columnError?.message.contains("\"label\" is not in the header") == true)
            #expect(throws: TabularError.self) {
                try TabularReader.readTraining(path: path, options: TabularReadOptions(target: "y", categorical: ["nope"]))
            }
        }

        @Test("Unknown categorical levels at scoring time become missing and are counted")
        func unknownLevels() throws {
            let folder = try makeTemporaryFolder("tabular")
            defer { try? FileManager.default.removeItem(at: folder) }
            let schema = FeatureSchema(features: [
                FeatureColumn(name: "plan", type: .categorical, levels: ["basic", "plus", "pro"]),
                FeatureColumn(name: "x", type: .numeric),
            ])
            // Columns in another order, an extra column, an unseen level and a missing level.
            let path = try writeFile("x,extra,plan\n1,zz,pro\n2,zz,enterprise\n3,zz,\n4,zz,basic\n", named: "score.csv", in: folder)
            let table = try TabularReader.readForScoring(path: path, schema: schema)
            #expect(table.rowCount == 4)
            #expect(table.values[0] == 2 && table.values[1].isNaN && table.values[2].isNaN && table.values[3] == 0)
            #expect(Array(table.values[4...]) == [1, 2, 3, 4])
            #expect(table.unknownLevelCounts == ["plan": 1])
            let missing = #expect(throws: TabularError.self) {
                try TabularReader.readForScoring(path: path, schema: FeatureSchema(features: [FeatureColumn(name: "age", type: .numeric)]))
            }
            #expect(missing?.message.contains("\"age\"") == true)
        }
    }
}
