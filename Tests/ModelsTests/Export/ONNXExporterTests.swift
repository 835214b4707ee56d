import Foundation
import Testing

@testable import Models

/// ONNX export with `precision: .float` (the float32 graph): the protobuf structure (decoded by
/// an independent reader), a re-evaluation of the decoded tree ensemble, and, where onnxruntime
/// is installed, onnxruntime's outputs. The double graph is tested in `ONNXDoubleExportTests`.
@Suite("ONNX export, float32")
struct ONNXExporterTests {
    // MARK: Shared models and rows

    /// A 20-tree, 8-leaf model on the GBDT fixture (categorical columns 6 and 7) and its test
    /// set, trained once per objective for all tests.
    static func trainedModel(_ objective: GradientBoostingObjective) throws -> (GradientBoostingModel, GradientBoostingDataset) {
        try (objective == .binaryLogloss ? binaryModel : regressionModel).get()
    }

    private static let binaryModel = Result { try train(.binaryLogloss) }
    private static let regressionModel = Result { try train(.squaredError) }

    private static func train(_ objective: GradientBoostingObjective) throws -> (GradientBoostingModel, GradientBoostingDataset) {
        let data = try GradientBoostingTestData.fixture()
        var parameters = GradientBoostingParameters()
        parameters.objective = objective
        parameters.numberOfTrees = 20
        parameters.numLeaves = 8
        parameters.threadCount = 1
        return (try GradientBoostingTrainer(parameters: parameters).fit(data.training), data.test)
    }

    /// 200 test rows rounded to float32 (what an ONNX caller feeds), a NaN row, and rows
    /// placed exactly on and just above float32-rounded thresholds of the first trees.
    static func float32Rows(_ model: GradientBoostingModel, _ test: GradientBoostingDataset) -> [[Double]] {
        var rows = (0..<200).map { GradientBoostingTestData.row(test, $0).map { Double(Float($0)) } }
        let base = rows[0]
        rows.append([Double](repeating: .nan, count: model.featureCount))
        for tree in model.trees.prefix(4) {
            for node in 0..<tree.internalNodeCount where !tree.isCategorical[node] {
                let edge = ONNXTreeEnsemble.roundedDownToFloat32(tree.threshold[node])
                for value in [edge, edge.nextUp] {
                    var row = base
                    row[tree.splitFeature[node]] = Double(value)
                    rows.append(row)
                }
            }
        }
        return rows
    }

    // MARK: Decoding helpers

    struct DecodedAttribute {
        var floats: [Float] = []
        var ints: [Int64] = []
        var strings: [String] = []
        var float: Float?
        var string: String?
        var type: Int64?
    }

    static func attributes(of node: ProtobufMessage) throws -> [String: DecodedAttribute] {
        var result: [String: DecodedAttribute] = [:]
        for attribute in try node.messages(5) {
            var decoded = DecodedAttribute()
            decoded.floats = try attribute.floats(7)
            decoded.ints = try attribute.integers(8)
            decoded.strings = attribute.strings(9)
            if case .fixed32(let bits)? = attribute.all(2).last { decoded.float = Float(bitPattern: bits) }
            decoded.string = attribute.string(4)
            decoded.type = attribute.integer(20)
            result[attribute.string(1) ?? ""] = decoded
        }
        return result
    }

    /// Evaluates decoded `TreeEnsembleRegressor` attributes on one row with ONNX's float32
    /// semantics, summing leaf weights in Double.
    static func evaluate(_ attributes: [String: DecodedAttribute], row: [Double]) -> Double {
        let treeIds = attributes["nodes_treeids"]!.ints, nodeIds = attributes["nodes_nodeids"]!.ints
        var index: [Int64: [Int64: Int]] = [:]
        for position in treeIds.indices { index[treeIds[position], default: [:]][nodeIds[position]] = position }
        var leafWeight: [Int64: [Int64: Double]] = [:]
        let targetTrees = attributes["target_treeids"]!.ints, targetNodes = attributes["target_nodeids"]!.ints
        for position in targetTrees.indices {
            leafWeight[targetTrees[position], default: [:]][targetNodes[position], default: 0] += Double(attributes["target_weights"]!.floats[position])
        }
        var sum = Double(attributes["base_values"]!.floats[0])
        for tree in index.keys.sorted() {
            var node: Int64 = 0
            while true {
                let position = index[tree]![node]!
                let mode = attributes["nodes_modes"]!.strings[position]
                if mode == "LEAF" { sum += leafWeight[tree]![node]!; break }
                let x = Float(row[Int(attributes["nodes_featureids"]!.ints[position])])
                let threshold = attributes["nodes_values"]!.floats[position]
                let tracksTrue = attributes["nodes_missing_value_tracks_true"]!.ints[position] == 1
                let goesTrue = mode == "BRANCH_LEQ" ? (x.isNaN ? tracksTrue : x <= threshold) : x == threshold
                node = goesTrue ? attributes["nodes_truenodeids"]!.ints[position] : attributes["nodes_falsenodeids"]!.ints[position]
            }
        }
        return sum
    }

    // MARK: Pure-Swift tests

    @Test("ModelProto header, opsets, typed graph input and outputs decode as written")
    func modelStructure() throws {
        let (model, _) = try Self.trainedModel(.binaryLogloss)
        let proto = try ProtobufMessage(Array(try ONNXExporter.export(model, precision: .float)))
        #expect(proto.integer(1) == 8)
        #expect(proto.string(2) == "workbench")
        let opsets = try proto.messages(8).map { ($0.string(1) ?? "", $0.integer(2) ?? 0) }
        #expect(opsets.count == 2)
        #expect(opsets.contains { $0 == ("", 13) } && opsets.contains { $0 == ("ai.onnx.ml", 3) })
        let metadata = Dictionary(uniqueKeysWithValues: try proto.messages(14).map { ($0.string(1) ?? "", $0.string(2) ?? "") })
        let names = try JSONDecoder().decode([String].self, from: Data((metadata["feature_names"] ?? "").utf8))
        #expect(names == model.featureNames)
        #expect(metadata["objective"] == "binaryLogloss")
        #expect(metadata["precision"] == "float")

        let graph = try #require(try proto.message(7))
        let input = try #require(try graph.messages(11).first)
        #expect(input.string(1) == "features")
        let tensorType = try #require(try input.message(2)?.message(1))
        #expect(tensorType.integer(1) == 1)  // FLOAT
        let dims = try #require(try tensorType.message(2)).messages(1)
        #expect(dims.count == 2)
        #expect(dims.first?.string(2) == "N")
        #expect(dims.last?.integer(1) == Int64(model.featureCount))
        #expect(try graph.messages(12).map { $0.string(1) } == ["probability", "raw_score"])

        let nodes = try graph.messages(1)
        #expect(nodes.map { $0.string(4) } == ["TreeEnsembleRegressor", "Sigmoid"])
        #expect(nodes.first?.string(7) == "ai.onnx.ml")
        #expect(nodes.first?.strings(1) == ["features"] && nodes.first?.strings(2) == ["raw_score"])
        #expect(nodes.last?.strings(1) == ["raw_score"] && nodes.last?.strings(2) == ["probability"])
        let attributes = try Self.attributes(of: nodes[0])
        #expect(attributes["aggregate_function"]?.string == "SUM")
        #expect(attributes["post_transform"]?.string == "NONE")
        #expect(attributes["nodes_modes"]?.type == 8)  // STRINGS
        #expect(attributes["nodes_values"]?.type == 6)  // FLOATS
        #expect(attributes["base_values"]?.floats == [Float(model.initialScore)])
        let nodeCount = attributes["nodes_nodeids"]?.ints.count ?? 0
        for name in ["nodes_treeids", "nodes_featureids", "nodes_modes", "nodes_values", "nodes_truenodeids", "nodes_falsenodeids", "nodes_missing_value_tracks_true"] {
            let count = (attributes[name]?.ints.count ?? 0) + (attributes[name]?.floats.count ?? 0) + (attributes[name]?.strings.count ?? 0)
            #expect(count == nodeCount, "\(name)")
        }
        #expect(attributes["target_weights"]?.floats.count == model.trees.reduce(0) { $0 + $1.leafValue.count })
    }

    @Test("Decoded tree ensemble reproduces the Double model on float32 rows, threshold edges and NaN", arguments: GradientBoostingObjective.allCases)
    func decodedEnsembleMatchesModel(objective: GradientBoostingObjective) throws {
        let (model, test) = try Self.trainedModel(objective)
        #expect(model.trees.contains { $0.isCategorical.contains(true) }, "fixture should produce categorical splits")
        let nodes = try #require(try ProtobufMessage(Array(try ONNXExporter.export(model, precision: .float))).message(7)).messages(1)
        let attributes = try Self.attributes(of: nodes[0])
        for row in Self.float32Rows(model, test) {
            // Leaf values are float32-rounded: about 6e-8 relative each, 20 trees.
            expectClose(Self.evaluate(attributes, row: row), model.rawScore(features: row), relativeTolerance: 1e-6, absoluteFloor: 1)
        }
    }

    @Test("Thresholds round down to the largest float32 not above them")
    func thresholdRounding() {
        for value in [0.1, -0.1, 1.0 / 3, -2.5, 1e-40, -1e-40, 123456789.123, Double(Float(0.7)), Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude] {
            let rounded = ONNXTreeEnsemble.roundedDownToFloat32(value)
            #expect(Double(rounded) <= value, "\(value)")
            #expect(Double(rounded.nextUp) > value, "\(value)")
        }
        #expect(Double(Float(0.1)) > 0.1)  // nearest rounding goes up here, so rounding down must step back
        #expect(ONNXTreeEnsemble.roundedDownToFloat32(0.1) == Float(0.1).nextDown)
        #expect(ONNXTreeEnsemble.roundedDownToFloat32(Double(Float(0.7))) == Float(0.7))
        #expect(ONNXTreeEnsemble.roundedDownToFloat32(Double.greatestFiniteMagnitude) == .greatestFiniteMagnitude)
    }

    @Test("A categorical split becomes a chain of BRANCH_EQ nodes sharing the left subtree")
    func categoricalChain() throws {
        var tree = RegressionTree(constant: 0, count: 0, hessian: 0)
        tree.splitFeature = [1, 0]; tree.threshold = [0, 0.25]; tree.defaultLeft = [false, true]
        tree.isCategorical = [true, false]; tree.leftCategories = [[1, 4, 7], []]
        tree.leftChild = [1, -2]; tree.rightChild = [-1, -3]
        tree.splitGain = [1, 1]; tree.nodeCount = [10, 6]; tree.nodeHessian = [10, 6]
        tree.leafValue = [-1, 2, 3]; tree.leafCount = [4, 3, 3]; tree.leafHessian = [4, 3, 3]
        let model = GradientBoostingModel(objective: .squaredError, initialScore: 0.5, trees: [tree], featureNames: ["x", "code"], categoricalFeatures: [1])
        let graph = try #require(try ProtobufMessage(Array(try ONNXExporter.export(model, precision: .float))).message(7))
        let attributes = try Self.attributes(of: try graph.messages(1)[0])
        #expect(attributes["nodes_modes"]?.strings == ["BRANCH_EQ", "BRANCH_EQ", "BRANCH_EQ", "BRANCH_LEQ", "LEAF", "LEAF", "LEAF"])
        #expect(attributes["nodes_values"]?.floats.prefix(4) == [1, 4, 7, Float(0.25)])
        #expect(attributes["nodes_truenodeids"]?.ints.prefix(4) == [3, 3, 3, 5])
        #expect(attributes["nodes_falsenodeids"]?.ints.prefix(4) == [1, 2, 4, 6])
        #expect(attributes["nodes_missing_value_tracks_true"]?.ints.prefix(4) == [0, 0, 0, 1])
        #expect(attributes["target_nodeids"]?.ints == [4, 5, 6])
        #expect(try graph.messages(12).map { $0.string(1) } == ["prediction"])
        // Codes 1, 4, 7 go left; NaN, unlisted, negative and non-integer codes go right.
        for code in [1.0, 4, 7, 0, 2, -1, 4.5, .nan] {
            for x in [0.0, 0.5, .nan] {
                #expect(Self.evaluate(attributes, row: [x, code]) == model.rawScore(features: [x, code]), "x \(x) code \(code)")
            }
        }
    }

    /// float32-representable rows around `LightGBMTextFormatTests.edgeCaseModel()`'s splits.
    static let edgeCaseRows: [[Double]] = {
        var rows: [[Double]] = []
        for amount in [-1, -0.5, Double((-0.5 as Float).nextUp), 0, Double(Float.greatestFiniteMagnitude), .infinity, -.infinity, .nan] {
            for country in [3.0, 40, 63, 64, 65, 0, -1, 40.5, .nan] { rows.append([amount, country]) }
        }
        return rows
    }()

    @Test("Edge cases decode to the same scores: 'all vs missing' threshold, codes in a second bitset word, NaN, infinities")
    func edgeCases() throws {
        let model = LightGBMTextFormatTests.edgeCaseModel()
        let nodes = try #require(try ProtobufMessage(Array(try ONNXExporter.export(model, precision: .float))).message(7)).messages(1)
        let attributes = try Self.attributes(of: nodes[0])
        for row in Self.edgeCaseRows {
            expectClose(Self.evaluate(attributes, row: row), model.rawScore(features: row), relativeTolerance: 1e-7, absoluteFloor: 1, "row \(row)")
        }
    }

    @Test("onnxruntime follows the edge cases too",
          .enabled(if: PythonPeer.onnxruntime != nil, "no Python with onnxruntime (tried WORKBENCH_PYTHON, .venv/bin/python, /work/venv/bin/python, python3)"))
    func onnxruntimeEdgeCases() throws {
        let python = try #require(PythonPeer.onnxruntime)
        let model = LightGBMTextFormatTests.edgeCaseModel()
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try ONNXExporter.export(model, precision: .float).write(to: folder.appendingPathComponent("model.onnx"))
        try FeatureRows.write(Self.edgeCaseRows, to: folder.appendingPathComponent("features.json"))
        let result = try PythonPeer.runScript(
            python, script: "check_onnx.py",
            arguments: [folder.appendingPathComponent("model.onnx").path, folder.appendingPathComponent("features.json").path])
        let probabilities = try #require(FeatureRows.numbers(result["probability"]))
        #expect(probabilities.count == Self.edgeCaseRows.count)
        for (row, value) in zip(Self.edgeCaseRows, probabilities) {
            #expect(abs(value - model.prediction(features: row)) <= 1e-6, "row \(row): onnxruntime \(value), model \(model.prediction(features: row))")
        }
    }

    @Test("Category codes beyond float32's exact integers are refused")
    func hugeCategoryCode() {
        var tree = RegressionTree(constant: 0, count: 0, hessian: 0)
        tree.splitFeature = [0]; tree.threshold = [0]; tree.defaultLeft = [false]; tree.isCategorical = [true]
        tree.leftCategories = [[(1 << 24) + 1]]; tree.leftChild = [-1]; tree.rightChild = [-2]
        tree.splitGain = [1]; tree.nodeCount = [2]; tree.nodeHessian = [2]
        tree.leafValue = [0, 1]; tree.leafCount = [1, 1]; tree.leafHessian = [1, 1]
        let model = GradientBoostingModel(objective: .squaredError, initialScore: 0, trees: [tree], featureNames: ["code"])
        #expect(throws: ModelExportError.categoryCodeNotExactInFloat32(tree: 0, node: 0, code: (1 << 24) + 1)) { try ONNXExporter.export(model, precision: .float) }
    }

    static func logisticModel() throws -> (LogisticModel, [[Double]]) {
        var generator = SeededGenerator(seed: 7)
        var rows: [[Double]] = [], labels: [Double] = []
        for _ in 0..<400 {
            let row = (0..<3).map { _ in Double.random(in: -2...2, using: &generator) }
            let logit = 0.3 + 1.2 * row[0] - 0.7 * row[1] + 0.1 * row[2]
            rows.append(row)
            labels.append(Double.random(in: 0..<1, using: &generator) < 1 / (1 + exp(-logit)) ? 1 : 0)
        }
        return (try LogisticRegression().fit(Matrix(rowArrays: rows), labels: labels), rows.prefix(100).map { $0.map { Double(Float($0)) } })
    }

    @Test("Logistic export: MatMul, Add, Sigmoid with float32 coefficient and intercept initializers")
    func logisticStructure() throws {
        let (model, _) = try Self.logisticModel()
        #expect(throws: ModelExportError.featureNameCountMismatch(expected: 3, actual: 2)) { try ONNXExporter.export(model, featureNames: ["a", "b"], precision: .float) }
        let graph = try #require(try ProtobufMessage(Array(try ONNXExporter.export(model, featureNames: ["a", "b", "c"], precision: .float))).message(7))
        #expect(try graph.messages(1).map { $0.string(4) } == ["MatMul", "Add", "Sigmoid"])
        let initializers = try graph.messages(5)
        #expect(initializers.map { $0.string(8) } == ["coefficients", "intercept"])
        #expect(try initializers[0].integers(1) == [3, 1])
        #expect(try initializers[0].floats(4) == model.coefficients.map { Float($0) })
        #expect(try initializers[1].floats(4) == [Float(model.intercept)])
        #expect(try graph.messages(12).map { $0.string(1) } == ["probability", "raw_score"])
    }

    // MARK: onnxruntime (skipped when not importable)

    @Test("The Python probe reports a missing package as absent, which is what makes peer tests skip")
    func probeReportsMissingPackage() {
        #expect(PythonPeer.interpreter(importing: "no_such_package_for_workbench_tests") == nil)
    }

    @Test("onnxruntime scores the exported trees like the Double model (1e-6 on probabilities)",
          .enabled(if: PythonPeer.onnxruntime != nil, "no Python with onnxruntime (tried WORKBENCH_PYTHON, .venv/bin/python, /work/venv/bin/python, python3)"),
          arguments: GradientBoostingObjective.allCases)
    func onnxruntimeGradientBoosting(objective: GradientBoostingObjective) throws {
        let python = try #require(PythonPeer.onnxruntime)
        let (model, test) = try Self.trainedModel(objective)
        let rows = Self.float32Rows(model, test)
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try ONNXExporter.export(model, precision: .float).write(to: folder.appendingPathComponent("model.onnx"))
        try FeatureRows.write(rows, to: folder.appendingPathComponent("features.json"))
        let result = try PythonPeer.runScript(
            python, script: "check_onnx.py",
            arguments: [folder.appendingPathComponent("model.onnx").path, folder.appendingPathComponent("features.json").path])
        #expect(["ok", "skipped"].contains(result["checker"] as? String ?? ""), "onnx.checker result")
        let name = objective == .binaryLogloss ? "probability" : "prediction"
        let values = try #require(FeatureRows.numbers(result[name]))
        #expect(values.count == rows.count)
        var largest = 0.0
        for (row, value) in zip(rows, values) {
            let expected = model.prediction(features: row)
            largest = max(largest, abs(value - expected))
            #expect(abs(value - expected) <= 1e-6, "onnxruntime \(value), model \(expected)")
        }
        if objective == .binaryLogloss {
            let raw = try #require(FeatureRows.numbers(result["raw_score"]))
            for (row, value) in zip(rows, raw) { #expect(abs(value - model.rawScore(features: row)) <= 4e-6) }
        }
        print("ONNX \(objective): largest |onnxruntime - model| = \(largest) over \(rows.count) rows; onnx.checker \(result["checker"] ?? "")")
    }

    @Test("onnxruntime scores the exported logistic model like LogisticModel (1e-6)",
          .enabled(if: PythonPeer.onnxruntime != nil, "no Python with onnxruntime (tried WORKBENCH_PYTHON, .venv/bin/python, /work/venv/bin/python, python3)"))
    func onnxruntimeLogistic() throws {
        let python = try #require(PythonPeer.onnxruntime)
        let (model, rows) = try Self.logisticModel()
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try ONNXExporter.export(model, featureNames: ["a", "b", "c"], precision: .float).write(to: folder.appendingPathComponent("model.onnx"))
        try FeatureRows.write(rows, to: folder.appendingPathComponent("features.json"))
        let result = try PythonPeer.runScript(
            python, script: "check_onnx.py",
            arguments: [folder.appendingPathComponent("model.onnx").path, folder.appendingPathComponent("features.json").path])
        let probabilities = try #require(FeatureRows.numbers(result["probability"]))
        let expected = model.probabilities(for: Matrix(rowArrays: rows))
        #expect(probabilities.count == expected.count)
        for (value, reference) in zip(probabilities, expected) { #expect(abs(value - reference) <= 1e-6, "onnxruntime \(value), model \(reference)") }
    }
}
