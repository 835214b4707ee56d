import Foundation
import Testing
@testable import Workbench

extension ModelWorkbenchTests {
    @Suite("models import / export through the registry")
    struct ModelInteropTests {
        @Test("A LightGBM model imported into the registry scores like LightGBM")
        func importMatchesLightGBM() throws {
            let folder = try makeTemporaryFolder("interop")
            defer { try? FileManager.default.removeItem(at: folder) }
            let text = try String(contentsOfFile: try fixturePath("registry/lightgbm_churn.txt"), encoding: .utf8)
            let artifact = try ModelInterop.importLightGBM(text)
            #expect(artifact.features.map(\.name) == ["x1", "x2", "x3"])
            let registry = ModelRegistry(root: folder.path)
            let draft = ModelDraft(
                name: "lgbm", artifact: artifact, trainingData: nil, hyperparameters: nil,
                featureSchema: FeatureSchema(features: artifact.features), validationMetrics: nil, decisionPolicy: nil,
                importedFrom: .init(format: "lightgbm", file: "lightgbm_churn.txt", sha256: ModelRegistry.sha256(Data(text.utf8))))
            let published = try registry.publish(draft)
            #expect(try registry.verify(ModelReference(name: "lgbm", version: published.version)).isIntact)
            let loaded = try registry.load(ModelReference(name: "lgbm"))
            #expect(loaded.manifest.decisionPolicy == nil && loaded.manifest.importedFrom?.format == "lightgbm")
            let table = try TabularReader.readForScoring(
                path: try fixturePath("training/churn.csv"), schema: FeatureSchema(features: loaded.artifact.features))
            let scores = try loaded.artifact.probabilities(for: table)
            let reference = try JSONSerialization.jsonObject(with: fixtureData("registry/lightgbm_churn_scores.json")) as? [String: Any]
            let expected = try #require(reference?["probabilities"] as? [Double])
            #expect(scores.count == expected.count)
            for (score, peer) in zip(scores, expected) { expectClose(score, peer, relativeTolerance: 1e-12) }

            // Export back to LightGBM text and re-import: the same model.
            let exported = try ModelInterop.export(loaded.artifact, format: .lightgbm)
            let again = try ModelInterop.importLightGBM(String(decoding: exported, as: UTF8.self))
            #expect(try again.probabilities(for: table) == scores)
            #expect(try ModelInterop.export(loaded.artifact, format: .onnx).count > 100)
        }

        @Test("Logistic models export to ONNX but not to LightGBM text; malformed LightGBM text is refused")
        func refusals() throws {
            let logistic = ModelArtifact(
                modelType: .logistic, features: [FeatureColumn(name: "x", type: .numeric)],
                logistic: LogisticArtifact(intercept: 0, terms: [.init(feature: 0, kind: .numeric, missingValue: 0, coefficient: 1)]))
            let error = #expect(throws: ModelInterop.InteropError.self) { try ModelInterop.export(logistic, format: .lightgbm) }
            #expect(error?.message.contains("--format onnx") == true)
            #expect(try ModelInterop.export(logistic, format: .onnx).count > 100)
            #expect(throws: ModelInterop.InteropError.self) { try ModelInterop.importLightGBM("tree\nversion=v4\n") }
        }

        /// Writes a seeded table to `folder/table.csv`: `x1` numeric with about 10% missing,
        /// `x2` numeric on a 0.05 grid (many rows share a value, so some sit on split
        /// thresholds), `plan` categorical with four levels and about 8% missing, and a 0/1
        /// label `y` drawn from a logistic model of them. Returns the path.
        static func generatedTable(in folder: URL, rows: Int = 500) throws -> String {
            var generator = Xoshiro256StarStar(seed: 20_261_121)
            let plans = ["basic", "plus", "pro", "team"], effects = [0.0, 0.6, -0.5, 1.1]
            var lines = ["x1,x2,plan,y"]
            for _ in 0..<rows {
                let x1 = Double.random(in: -2...2, using: &generator)
                let x2 = (Double.random(in: -1...3, using: &generator) * 20).rounded() / 20
                let plan = Int.random(in: 0..<plans.count, using: &generator)
                let planMissing = Double.random(in: 0..<1, using: &generator) < 0.08
                let x1Missing = Double.random(in: 0..<1, using: &generator) < 0.1
                let logit = 0.2 + 0.9 * x1 - 0.6 * x2 + (planMissing ? 0 : effects[plan])
                let label = Double.random(in: 0..<1, using: &generator) < 1 / (1 + exp(-logit)) ? 1 : 0
                lines.append("\(x1Missing ? "" : x1.description),\(x2.description),\(planMissing ? "" : plans[plan]),\(label)")
            }
            return try writeFile(lines.joined(separator: "\n") + "\n", named: "table.csv", in: folder)
        }

        /// The test split's rows, then a NaN row, then (from the first test row) every numeric
        /// threshold of the trees with its two neighbouring doubles, every categorical code and
        /// NaN per categorical column, NaN per numeric column, and an unknown level (NaN).
        static func probeRows(_ artifact: ModelArtifact, table: FeatureTable, testRows: [Int]) -> [[Double]] {
            var rows = testRows.map { row in (0..<table.featureCount).map { table.values[$0 * table.rowCount + row] } }
            let base = rows[0]
            func moved(_ feature: Int, _ value: Double) -> [Double] {
                var row = base
                row[feature] = value
                return row
            }
            rows.append([Double](repeating: .nan, count: table.featureCount))
            for (feature, column) in artifact.features.enumerated() {
                rows.append(moved(feature, .nan))
                if column.type == .categorical { rows += column.levels.indices.map { moved(feature, Double($0)) } }
            }
            for tree in artifact.gbdt?.trees ?? [] {
                for node in tree.splitFeature.indices where !tree.categorical[node] {
                    let threshold = tree.threshold[node]
                    rows += [threshold, threshold.nextUp, threshold.nextDown].map { moved(tree.splitFeature[node], $0) }
                }
            }
            return rows
        }

        @Test("ONNX export scores like `models score` on the test split, thresholds, NaN and every level (onnxruntime, 1e-12)",
              .enabled(if: ONNXRuntimePeer.python != nil, "no Python with onnxruntime (tried WORKBENCH_PYTHON, .venv/bin/python, /work/venv/bin/python, python3)"),
              arguments: ModelArtifact.ModelType.allCases)
        func onnxMatchesModelsScore(kind: ModelArtifact.ModelType) throws {
            let python = try #require(ONNXRuntimePeer.python)
            let folder = try makeTemporaryFolder("onnx")
            defer { try? FileManager.default.removeItem(at: folder) }
            let data = try Self.generatedTable(in: folder)
            var configuration = smallGBDTConfiguration()
            configuration.modelType = kind
            let registry = ModelRegistry(root: folder.appendingPathComponent("registry").path)
            let result = try TrainingPipeline.run(
                dataPath: data, readOptions: TabularReadOptions(target: "y", categorical: ["plan"]), configuration: configuration,
                name: "onnx-\(kind.rawValue)", registry: registry)
            let artifact = try registry.load(ModelReference(name: "onnx-\(kind.rawValue)", version: result.version)).artifact
            if kind == .gbdt {
                #expect(artifact.gbdt?.trees.contains { $0.categorical.contains(true) } == true, "the table should produce categorical splits")
            }

            // What `models score` computes: read the CSV with the model's schema, `probabilities(for:)`.
            let table = try TabularReader.readForScoring(path: data, schema: FeatureSchema(features: artifact.features))
            let rows = Self.probeRows(artifact, table: table, testRows: result.outcome.split.validation)
            var columnMajor = [Double](repeating: 0, count: rows.count * table.featureCount)
            for (index, row) in rows.enumerated() {
                for feature in row.indices { columnMajor[feature * rows.count + index] = row[feature] }
            }
            let expected = try artifact.probabilities(for: FeatureTable(schema: table.schema, rowCount: rows.count, values: columnMajor))

            let peer = try ONNXRuntimePeer.score(model: try ModelInterop.export(artifact, format: .onnx), rows: rows, python: python)
            #expect(peer.inputType == "tensor(double)")
            let probabilities = try #require(peer.outputs["probability"])
            let raw = try #require(peer.outputs["raw_score"])
            #expect(probabilities.count == rows.count && raw.count == rows.count)
            var largest = 0.0
            for (index, row) in rows.enumerated() where index < probabilities.count && index < raw.count {
                largest = max(largest, abs(probabilities[index] - expected[index]))
                #expect(abs(probabilities[index] - expected[index]) <= 1e-12, "row \(row): onnxruntime \(probabilities[index]), models score \(expected[index])")
                expectClose(raw[index], artifact.rawScore(row: row), relativeTolerance: 1e-12, absoluteFloor: 1, "row \(row)")
            }
            print("ONNX \(kind.rawValue) via registry: largest |onnxruntime - models score| = \(largest) over \(rows.count) rows (\(result.outcome.split.validation.count) test rows); onnxruntime \(peer.version)")
        }
    }
}
