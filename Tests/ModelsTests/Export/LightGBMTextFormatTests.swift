import Foundation
import Testing

@testable import Models

/// LightGBM text format: importing models trained by the `lightgbm` package (predictions
/// against LightGBM's own, from fixtures), the structure of our export, and, where lightgbm
/// is installed, LightGBM loading our export.
@Suite("LightGBM text format")
struct LightGBMTextFormatTests {
    struct Fixture {
        var text: String
        var rows: [[Double]]
        var rawScores: [Double]
    }

    static func fixture(_ name: String) throws -> Fixture {
        let text = String(decoding: try fixtureData("export/\(name).txt"), as: UTF8.self)
        let json = try #require(try JSONSerialization.jsonObject(with: try fixtureData("export/\(name).json")) as? [String: Any])
        return Fixture(text: text, rows: FeatureRows.decode(json["features"]), rawScores: try #require(FeatureRows.numbers(json["raw_score"])))
    }

    @Test("Imported LightGBM models predict LightGBM's raw scores (1e-9)", arguments: ["numeric_nan", "categorical", "zero_missing"])
    func importMatchesLightGBM(name: String) throws {
        let fixture = try Self.fixture(name)
        let model = try LightGBMTextFormat.importModel(fixture.text)
        #expect(model.trees.count == 25)
        #expect(model.objective == (name == "zero_missing" ? .squaredError : .binaryLogloss))
        #expect(fixture.rows.count == fixture.rawScores.count && fixture.rows.count >= 100)
        for (row, expected) in zip(fixture.rows, fixture.rawScores) {
            expectClose(model.rawScore(features: row), expected, relativeTolerance: 1e-9, absoluteFloor: 1, "\(name) row \(row)")
        }
        // The batch path (PackedForest) must agree with the per-row path on imported trees too.
        let columnMajor = GradientBoostingTestData.columnMajor(fixture.rows)
        let batch = try model.rawScores(columnMajor: columnMajor, rowCount: fixture.rows.count, threadCount: 1)
        for (value, expected) in zip(batch, fixture.rawScores) { expectClose(value, expected, relativeTolerance: 1e-9, absoluteFloor: 1) }
    }

    @Test("Imported models pass the model type's tree validation and survive its Codable round trip", arguments: ["numeric_nan", "categorical", "zero_missing"])
    func importedModelIsValid(name: String) throws {
        let model = try LightGBMTextFormat.importModel(try Self.fixture(name).text)
        for tree in model.trees { try tree.validate(featureCount: model.featureCount) }
        let decoded = try JSONDecoder().decode(GradientBoostingModel.self, from: try JSONEncoder().encode(model))
        #expect(decoded.trees.count == model.trees.count)
        #expect(decoded.trees.map(\.splitFeature) == model.trees.map(\.splitFeature))
        #expect(decoded.trees.map(\.leftCategories) == model.trees.map(\.leftCategories))
    }

    @Test("Categorical bitsets and feature metadata are read")
    func categoricalMetadata() throws {
        let model = try LightGBMTextFormat.importModel(try Self.fixture("categorical").text)
        #expect(model.categoricalFeatures == [1, 2])
        #expect(model.featureNames == ["Column_0", "Column_1", "Column_2", "Column_3"])
        let categorical = model.trees.flatMap { tree in (0..<tree.internalNodeCount).filter { tree.isCategorical[$0] }.map { tree.leftCategories[$0] } }
        #expect(!categorical.isEmpty)
        #expect(categorical.contains { $0.count > 1 }, "many-vs-many splits expected")
        #expect(categorical.allSatisfy { $0 == $0.sorted() && ($0.first ?? 0) >= 0 })
    }

    @Test("Export, import round trip gives identical raw scores", arguments: ["numeric_nan", "categorical", "zero_missing"])
    func roundTrip(name: String) throws {
        let fixture = try Self.fixture(name)
        let model = try LightGBMTextFormat.importModel(fixture.text)
        let again = try LightGBMTextFormat.importModel(try LightGBMTextFormat.export(model))
        for row in fixture.rows { #expect(again.rawScore(features: row) == model.rawScore(features: row)) }
    }

    @Test("Export layout: header fields, tree_sizes as byte lengths, initial score folded into tree 0")
    func exportLayout() throws {
        let (model, test) = try ONNXExporterTests.trainedModel(.binaryLogloss)
        let text = try LightGBMTextFormat.export(model)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(lines.prefix(6)) == ["tree", "version=v4", "num_class=1", "num_tree_per_iteration=1", "label_index=0", "max_feature_idx=\(model.featureCount - 1)"])
        #expect(lines.contains("objective=binary sigmoid:1"))
        let sizes = try #require(lines.first { $0.hasPrefix("tree_sizes=") }).dropFirst("tree_sizes=".count).split(separator: " ").compactMap { Int($0) }
        #expect(sizes.count == model.trees.count)
        // Each size is the UTF-8 length from "Tree=i" up to the next "Tree=" (or "end of trees").
        let bytes = Array(text.utf8)
        var offset = try #require(text.range(of: "\nTree=0\n")).lowerBound.utf16Offset(in: text) + 1
        for size in sizes {
            #expect(String(decoding: bytes[offset..<offset + 5], as: UTF8.self) == "Tree=")
            offset += size
        }
        #expect(String(decoding: bytes[offset..<offset + 12], as: UTF8.self) == "end of trees")
        // Tree 0's leaves carry the initial score; the reader gives initial score 0 back.
        let leafLine = try #require(lines.first { $0.hasPrefix("leaf_value=") })
        let firstLeaves = leafLine.dropFirst("leaf_value=".count).split(separator: " ").compactMap { Double($0) }
        #expect(firstLeaves == model.trees[0].leafValue.map { $0 + model.initialScore })
        let imported = try LightGBMTextFormat.importModel(text)
        #expect(imported.initialScore == 0)
        #expect(imported.categoricalFeatures == model.categoricalFeatures)
        for row in (0..<100).map({ GradientBoostingTestData.row(test, $0) }) {
            #expect(imported.rawScore(features: row) == model.rawScore(features: row))
        }
    }

    @Test("A model without trees becomes one single-leaf tree holding the initial score")
    func constantModel() throws {
        let model = GradientBoostingModel(objective: .squaredError, initialScore: 1.25, trees: [], featureNames: ["a", "b c"])
        let text = try LightGBMTextFormat.export(model)
        #expect(text.contains("feature_names=a b_c\n"))
        let imported = try LightGBMTextFormat.importModel(text)
        #expect(imported.trees.count == 1)
        #expect(imported.rawScore(features: [0, .nan]) == 1.25)
    }

    @Test("Unsupported and malformed models throw a typed error")
    func errors() throws {
        let text = try Self.fixture("numeric_nan").text
        #expect(throws: ModelExportError.self) { try LightGBMTextFormat.importModel(text.replacingOccurrences(of: "num_class=1", with: "num_class=3")) }
        #expect(throws: ModelExportError.self) { try LightGBMTextFormat.importModel(text.replacingOccurrences(of: "objective=binary sigmoid:1", with: "objective=poisson")) }
        #expect(throws: ModelExportError.self) { try LightGBMTextFormat.importModel(text.replacingOccurrences(of: "sigmoid:1", with: "sigmoid:2")) }
        #expect(throws: ModelExportError.self) { try LightGBMTextFormat.importModel(String(text.prefix(text.count / 2))) }
        #expect(throws: ModelExportError.self) { try LightGBMTextFormat.importModel("not a model") }
        // A child index beyond the tree.
        let broken = text.replacingOccurrences(of: "\nleft_child=", with: "\nleft_child=40 ", options: [], range: text.range(of: "\nleft_child="))
        #expect(throws: ModelExportError.self) { try LightGBMTextFormat.importModel(broken) }
        #expect(ModelExportError.missingField(name: "threshold", tree: 3).description.contains("tree 3"))
    }

    // MARK: lightgbm (skipped when not importable)

    /// A hand-built tree with the edge cases a trained model may not show: an "all values vs
    /// missing" split at `Double.greatestFiniteMagnitude`, a categorical code in the second
    /// bitset word, NaN sent left by default, and (third tree) a categorical split that sends
    /// no code left.
    static func edgeCaseModel() -> GradientBoostingModel {
        var tree = RegressionTree(constant: 0, count: 0, hessian: 0)
        tree.splitFeature = [0, 1, 0]; tree.threshold = [.greatestFiniteMagnitude, 0, -0.5]
        tree.defaultLeft = [false, false, true]; tree.isCategorical = [false, true, false]
        tree.leftCategories = [[], [3, 40, 63, 64], []]
        tree.leftChild = [1, 2, -1]; tree.rightChild = [-4, -3, -2]
        tree.splitGain = [3, 2, 1]; tree.nodeCount = [30, 20, 10]; tree.nodeHessian = [30, 20, 10]
        tree.leafValue = [-1.5, 0.25, 0.75, 2.0]; tree.leafCount = [5, 5, 10, 10]; tree.leafHessian = [5, 5, 10, 10]
        var empty = RegressionTree(constant: 0, count: 0, hessian: 0)
        empty.splitFeature = [1]; empty.threshold = [0]; empty.defaultLeft = [false]; empty.isCategorical = [true]
        empty.leftCategories = [[]]; empty.leftChild = [-1]; empty.rightChild = [-2]
        empty.splitGain = [0]; empty.nodeCount = [2]; empty.nodeHessian = [2]
        empty.leafValue = [5, 0.5]; empty.leafCount = [1, 1]; empty.leafHessian = [1, 1]
        return GradientBoostingModel(
            objective: .binaryLogloss, initialScore: -0.125, trees: [tree, tree, empty], featureNames: ["amount", "country"], categoricalFeatures: [1])
    }

    @Test("lightgbm.Booster follows our edge cases: 'all vs missing' thresholds, high category codes, NaN, infinities",
          .enabled(if: PythonPeer.lightgbm != nil, "no Python with lightgbm (tried WORKBENCH_PYTHON, .venv/bin/python, /work/venv/bin/python, python3)"))
    func lightgbmEdgeCases() throws {
        let python = try #require(PythonPeer.lightgbm)
        let model = Self.edgeCaseModel()
        var rows: [[Double]] = []
        for amount in [-1, -0.5, 0, 1e308, .infinity, -.infinity, .nan] {
            for country in [3.0, 40, 63, 64, 65, 0, -1, .nan] { rows.append([amount, country]) }
        }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(try LightGBMTextFormat.export(model).utf8).write(to: folder.appendingPathComponent("model.txt"))
        try FeatureRows.write(rows, to: folder.appendingPathComponent("features.json"))
        let result = try PythonPeer.runScript(
            python, script: "check_lightgbm.py",
            arguments: [folder.appendingPathComponent("model.txt").path, folder.appendingPathComponent("features.json").path])
        let raw = try #require(FeatureRows.numbers(result["raw_score"]))
        #expect(raw.count == rows.count)
        for (row, value) in zip(rows, raw) { #expect(value == model.rawScore(features: row), "row \(row)") }
    }

    @Test("lightgbm.Booster loads our export and predicts our raw scores (1e-9)",
          .enabled(if: PythonPeer.lightgbm != nil, "no Python with lightgbm (tried WORKBENCH_PYTHON, .venv/bin/python, /work/venv/bin/python, python3)"),
          arguments: [GradientBoostingObjective.binaryLogloss, .squaredError])
    func lightgbmLoadsExport(objective: GradientBoostingObjective) throws {
        let python = try #require(PythonPeer.lightgbm)
        let (model, test) = try ONNXExporterTests.trainedModel(objective)
        var rows = (0..<300).map { GradientBoostingTestData.row(test, $0) }
        rows.append([Double](repeating: .nan, count: model.featureCount))
        // Rows exactly on thresholds exercise `<=`.
        for tree in model.trees.prefix(5) {
            for node in 0..<tree.internalNodeCount where !tree.isCategorical[node] && tree.threshold[node].isFinite {
                var row = rows[0]
                row[tree.splitFeature[node]] = tree.threshold[node]
                rows.append(row)
            }
        }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(try LightGBMTextFormat.export(model).utf8).write(to: folder.appendingPathComponent("model.txt"))
        try FeatureRows.write(rows, to: folder.appendingPathComponent("features.json"))
        let result = try PythonPeer.runScript(
            python, script: "check_lightgbm.py",
            arguments: [folder.appendingPathComponent("model.txt").path, folder.appendingPathComponent("features.json").path])
        let raw = try #require(FeatureRows.numbers(result["raw_score"]))
        #expect(raw.count == rows.count)
        var largest = 0.0
        for (row, value) in zip(rows, raw) {
            let expected = model.rawScore(features: row)
            largest = max(largest, abs(value - expected))
            expectClose(value, expected, relativeTolerance: 1e-9, absoluteFloor: 1)
        }
        print("LightGBM \(objective): largest |lightgbm - model| = \(largest) over \(rows.count) rows")
    }
}
