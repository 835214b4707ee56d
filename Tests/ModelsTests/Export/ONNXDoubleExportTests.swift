import Foundation
import Testing

@testable import Models

/// ONNX export in double precision (the default): the decoded `ai.onnx.ml.TreeEnsemble`
/// (opset 5) structure, a re-evaluation of the decoded attributes by the operator's documented
/// semantics, and, where onnxruntime is installed, onnxruntime's outputs against the Double
/// model on rows exactly on every split threshold, one ulp either side, NaN and odd category
/// codes. Logistic graphs (plain design matrix and the registry's term model) too.
@Suite("ONNX export, double")
struct ONNXDoubleExportTests {
    // MARK: Rows

    /// 200 test rows as they are, a NaN row, and for every numeric split of every tree the first
    /// row moved exactly onto the threshold and one ulp either side; for every categorical
    /// split, each listed code, the code + 0.5, -1, -0.0, 1000 and NaN.
    static func edgeRows(_ model: GradientBoostingModel, _ test: GradientBoostingDataset) -> [[Double]] {
        var rows = (0..<200).map { GradientBoostingTestData.row(test, $0) }
        let base = rows[0]
        rows.append([Double](repeating: .nan, count: model.featureCount))
        func moved(_ feature: Int, _ value: Double) -> [Double] {
            var row = base
            row[feature] = value
            return row
        }
        for tree in model.trees {
            for node in 0..<tree.internalNodeCount {
                let feature = tree.splitFeature[node]
                if tree.isCategorical[node] {
                    for code in tree.leftCategories[node] { rows += [moved(feature, Double(code)), moved(feature, Double(code) + 0.5)] }
                    rows += [-1, -0.0, 1000, .nan].map { moved(feature, $0) }
                } else {
                    let threshold = tree.threshold[node]
                    rows += [threshold, threshold.nextUp, threshold.nextDown].map { moved(feature, $0) }
                }
            }
        }
        return rows
    }

    // MARK: Decoding

    struct DecodedEnsemble {
        var roots: [Int64] = [], features: [Int64] = [], modes: [UInt8] = []
        var splits: [Double] = [], membership: [Double] = [], leafWeights: [Double] = []
        var trueIds: [Int64] = [], trueLeaf: [Int64] = [], falseIds: [Int64] = [], falseLeaf: [Int64] = [], missingTrue: [Int64] = []
        var attributeTypes: [String: Int64] = [:]
        var tensorTypes: [String: Int64] = [:]
        var scalars: [String: Int64] = [:]
        var leafTargets: [Int64] = []

        init(_ node: ProtobufMessage) throws {
            for attribute in try node.messages(5) {
                let name = attribute.string(1) ?? ""
                attributeTypes[name] = attribute.integer(20)
                if let value = attribute.integer(3) { scalars[name] = value }
                let ints = try attribute.integers(8)
                if let tensor = try attribute.message(5) {
                    tensorTypes[name] = tensor.integer(2)
                    let doubles = try tensor.doubles(10), small = try tensor.integers(5)
                    switch name {
                    case "nodes_splits": splits = doubles
                    case "membership_values": membership = doubles
                    case "leaf_weights": leafWeights = doubles
                    case "nodes_modes": modes = small.map { UInt8($0) }
                    default: break
                    }
                }
                switch name {
                case "tree_roots": roots = ints
                case "nodes_featureids": features = ints
                case "nodes_truenodeids": trueIds = ints
                case "nodes_trueleafs": trueLeaf = ints
                case "nodes_falsenodeids": falseIds = ints
                case "nodes_falseleafs": falseLeaf = ints
                case "nodes_missing_value_tracks_true": missingTrue = ints
                case "leaf_targetids": leafTargets = ints
                default: break
                }
            }
        }

        /// The sets of the `BRANCH_MEMBER` nodes, in node order (NaN-separated in the attribute).
        var memberSets: [Int: [Double]] {
            var sets: [Int: [Double]] = [:]
            var position = 0
            for (node, mode) in modes.enumerated() where mode == 6 {
                var set: [Double] = []
                while position < membership.count, !membership[position].isNaN { set.append(membership[position]); position += 1 }
                position += 1
                sets[node] = set
            }
            return sets
        }

        /// The TreeEnsemble operator's value for one row, by its specification: trees summed in
        /// order from 0, `BRANCH_LEQ` `x <= split`, `BRANCH_EQ` `x == split`, `BRANCH_MEMBER`
        /// `x` in the set; NaN takes the true branch only where missing tracks true.
        func evaluate(_ row: [Double]) -> Double {
            let sets = memberSets
            var sum = 0.0
            for root in roots {
                var node = Int(root)
                while true {
                    let x = row[Int(features[node])]
                    let holds: Bool
                    switch modes[node] {
                    case 0: holds = x <= splits[node]
                    case 4: holds = x == splits[node]
                    case 6: holds = sets[node]?.contains(x) ?? false
                    default: preconditionFailure("unexpected mode \(modes[node])")
                    }
                    let goesTrue = holds || (x.isNaN && missingTrue[node] == 1)
                    let (next, isLeaf) = goesTrue ? (trueIds[node], trueLeaf[node]) : (falseIds[node], falseLeaf[node])
                    if isLeaf == 1 { sum += leafWeights[Int(next)]; break }
                    node = Int(next)
                }
            }
            return sum
        }
    }

    static func graph(_ data: Data) throws -> (model: ProtobufMessage, graph: ProtobufMessage) {
        let model = try ProtobufMessage(Array(data))
        return (model, try #require(try model.message(7)))
    }

    static func treeEnsemble(_ graph: ProtobufMessage) throws -> DecodedEnsemble {
        let node = try #require(try graph.messages(1).first { $0.string(4) == "TreeEnsemble" })
        return try DecodedEnsemble(node)
    }

    // MARK: Pure-Swift tests

    @Test("Double ModelProto: IR 10, opsets ai.onnx 21 and ai.onnx.ml 5, float64 input and outputs, tensor attributes")
    func modelStructure() throws {
        let (model, _) = try ONNXExporterTests.trainedModel(.binaryLogloss)
        let (proto, graph) = try Self.graph(try ONNXExporter.export(model))
        #expect(proto.integer(1) == 10)
        let opsets = try proto.messages(8).map { ($0.string(1) ?? "", $0.integer(2) ?? 0) }
        #expect(opsets.count == 2 && opsets.contains { $0 == ("", 21) } && opsets.contains { $0 == ("ai.onnx.ml", 5) })
        let metadata = Dictionary(uniqueKeysWithValues: try proto.messages(14).map { ($0.string(1) ?? "", $0.string(2) ?? "") })
        #expect(metadata["precision"] == "double" && metadata["objective"] == "binaryLogloss")
        #expect(try JSONDecoder().decode([String].self, from: Data((metadata["feature_names"] ?? "").utf8)) == model.featureNames)

        let input = try #require(try graph.messages(11).first)
        let inputType = try #require(try input.message(2)?.message(1))
        #expect(input.string(1) == "features" && inputType.integer(1) == 11)  // DOUBLE
        #expect(try inputType.message(2)?.messages(1).last?.integer(1) == Int64(model.featureCount))
        let outputs = try graph.messages(12)
        #expect(outputs.map { $0.string(1) } == ["probability", "raw_score"])
        #expect(try outputs.allSatisfy { try $0.message(2)?.message(1)?.integer(1) == 11 })

        // The fixture has categorical splits, so the code clean-up precedes the trees.
        let nodes = try graph.messages(1)
        #expect(nodes.map { $0.string(4) } == [
            "Floor", "Equal", "GreaterOrEqual", "LessOrEqual", "And", "And", "Or", "Where", "TreeEnsemble", "Neg", "Exp", "Add", "Div",
        ])
        let trees = try #require(nodes.first { $0.string(4) == "TreeEnsemble" })
        #expect(trees.string(7) == "ai.onnx.ml" && trees.strings(1) == ["tree_features"] && trees.strings(2) == ["raw_score"])
        let ensemble = try DecodedEnsemble(trees)
        #expect(ensemble.attributeTypes["nodes_modes"] == 4 && ensemble.tensorTypes["nodes_modes"] == 2)  // TENSOR of UINT8
        for name in ["nodes_splits", "leaf_weights", "membership_values"] {
            #expect(ensemble.attributeTypes[name] == 4 && ensemble.tensorTypes[name] == 11, "\(name)")  // TENSOR of DOUBLE
        }
        #expect(ensemble.scalars["aggregate_function"] == 1 && ensemble.scalars["post_transform"] == 0 && ensemble.scalars["n_targets"] == 1)
        // One constant tree for the initial score, then one per model tree.
        #expect(ensemble.roots.count == model.trees.count + 1)
        #expect(ensemble.leafWeights.count == 1 + model.trees.reduce(0) { $0 + $1.leafValue.count })
        #expect(ensemble.leafWeights.first == model.initialScore)
        #expect(ensemble.leafTargets.count == ensemble.leafWeights.count)
        let count = ensemble.modes.count
        for array in [ensemble.features, ensemble.trueIds, ensemble.trueLeaf, ensemble.falseIds, ensemble.falseLeaf, ensemble.missingTrue] {
            #expect(array.count == count)
        }
        #expect(ensemble.splits.count == count)
    }

    @Test("Decoded double ensemble gives the model's raw score bit for bit on thresholds, ulp neighbours, NaN and odd codes",
          arguments: GradientBoostingObjective.allCases)
    func decodedEnsembleMatchesModel(objective: GradientBoostingObjective) throws {
        let (model, test) = try ONNXExporterTests.trainedModel(objective)
        #expect(model.trees.contains { $0.isCategorical.contains(true) }, "fixture should produce categorical splits")
        let ensemble = try Self.treeEnsemble(try Self.graph(try ONNXExporter.export(model)).graph)
        for row in Self.edgeRows(model, test) {
            // Same comparisons in double, same summation order from the initial score.
            #expect(ensemble.evaluate(row) == model.rawScore(features: row), "row \(row)")
        }
    }

    @Test("A categorical split is one BRANCH_MEMBER node; a split with no left codes is BRANCH_EQ against NaN")
    func categoricalMember() throws {
        var tree = RegressionTree(constant: 0, count: 0, hessian: 0)
        tree.splitFeature = [1, 0, 1]; tree.threshold = [0, 0.25, 0]; tree.defaultLeft = [false, true, false]
        tree.isCategorical = [true, false, true]; tree.leftCategories = [[1, 4, 7], [], []]
        tree.leftChild = [1, -2, -4]; tree.rightChild = [-1, 2, -3]
        tree.splitGain = [1, 1, 1]; tree.nodeCount = [10, 6, 3]; tree.nodeHessian = [10, 6, 3]
        tree.leafValue = [-1, 2, 3, 4]; tree.leafCount = [4, 3, 2, 1]; tree.leafHessian = [4, 3, 2, 1]
        let model = GradientBoostingModel(objective: .squaredError, initialScore: 0.5, trees: [tree], featureNames: ["x", "code"], categoricalFeatures: [1])
        let (_, graph) = try Self.graph(try ONNXExporter.export(model))
        #expect(try graph.messages(12).map { $0.string(1) } == ["prediction"])
        let ensemble = try Self.treeEnsemble(graph)
        #expect(ensemble.roots == [0, 1])
        #expect(ensemble.modes == [0, 6, 0, 4])  // constant tree, MEMBER, LEQ, EQ
        #expect(ensemble.membership.count == 4 && Array(ensemble.membership.prefix(3)) == [1, 4, 7] && ensemble.membership[3].isNaN)
        #expect(ensemble.splits[2] == 0.25 && ensemble.splits[3].isNaN)
        #expect(ensemble.trueIds == [0, 2, 2, 4] && ensemble.trueLeaf == [1, 0, 1, 1])
        #expect(ensemble.falseIds == [0, 1, 3, 3] && ensemble.falseLeaf == [1, 1, 0, 1])
        #expect(ensemble.missingTrue == [0, 0, 1, 0])
        for code in [1.0, 4, 7, 0, 2, -1, 4.5, -0.0, 1e300, .infinity, .nan] {
            for x in [0.0, 0.25, 0.25.nextUp, .nan] {
                #expect(ensemble.evaluate([x, code]) == model.rawScore(features: [x, code]), "x \(x) code \(code)")
            }
        }
    }

    @Test("Negative category codes cannot be exported in double; codes beyond float32 can")
    func categoryCodeLimits() {
        func model(code: Int) -> GradientBoostingModel {
            var tree = RegressionTree(constant: 0, count: 0, hessian: 0)
            tree.splitFeature = [0]; tree.threshold = [0]; tree.defaultLeft = [false]; tree.isCategorical = [true]
            tree.leftCategories = [[code]]; tree.leftChild = [-1]; tree.rightChild = [-2]
            tree.splitGain = [1]; tree.nodeCount = [2]; tree.nodeHessian = [2]
            tree.leafValue = [0, 1]; tree.leafCount = [1, 1]; tree.leafHessian = [1, 1]
            return GradientBoostingModel(objective: .squaredError, initialScore: 0, trees: [tree], featureNames: ["code"])
        }
        #expect(throws: ModelExportError.categoryCodeNotExactInDouble(tree: 0, node: 0, code: -3)) { try ONNXExporter.export(model(code: -3)) }
        #expect(throws: Never.self) { try ONNXExporter.export(model(code: (1 << 24) + 1)) }
        #expect(throws: ModelExportError.noFeatures) {
            try ONNXExporter.export(GradientBoostingModel(objective: .squaredError, initialScore: 1, trees: [], featureNames: []))
        }
    }

    /// Three numeric and two categorical columns, with the registry artifact's term model.
    static let linearTerms: [ONNXLinearTerm] = [
        .numeric(feature: 0, missingValue: 0.375, coefficient: 1.25),
        .indicator(feature: 3, level: 1, coefficient: 0.5),
        .numeric(feature: 1, missingValue: -2.5, coefficient: -0.75),
        .indicator(feature: 3, level: 2, coefficient: -1.5),
        .numeric(feature: 2, missingValue: 0, coefficient: 0.0625),
        .indicator(feature: 4, level: 3, coefficient: 2.25),
    ]
    static let linearIntercept = -0.3

    /// The artifact's documented evaluation (`docs/artifact-format.md`), written out here
    /// independently of the exporter: left-to-right sum, then `1 / (1 + exp(-s))`.
    static func linearReference(_ row: [Double]) -> (probability: Double, rawScore: Double) {
        var sum = linearIntercept
        for term in linearTerms {
            switch term {
            case .numeric(let feature, let missingValue, let coefficient):
                sum += coefficient * (row[feature].isNaN ? missingValue : row[feature])
            case .indicator(let feature, let level, let coefficient):
                sum += coefficient * (row[feature] == Double(level) ? 1 : 0)
            }
        }
        return (1 / (1 + exp(-sum)), sum)
    }

    /// Seeded rows with NaN in every column, codes 0...4, non-integer, negative and huge codes,
    /// and rows with a large raw score (probabilities near 0 and 1).
    static let linearRows: [[Double]] = {
        var generator = SeededGenerator(seed: 11)
        var rows: [[Double]] = []
        for index in 0..<300 {
            var row = (0..<3).map { _ in Double.random(in: -3...3, using: &generator) }
            row += [Double(Int.random(in: 0...4, using: &generator)), Double(Int.random(in: 0...4, using: &generator))]
            if index % 7 == 0 { row[index % 5] = .nan }
            rows.append(row)
        }
        for code in [1.5, -1, -0.0, 2.0000000000000004, 1e300, .nan] { rows.append([0.5, 0.5, 0.5, code, code]) }
        rows += [[40, -40, 0, 1, 3], [-40, 40, 0, 2, 0], [.nan, .nan, .nan, .nan, .nan]]
        return rows
    }()

    @Test("Term logistic graph: Gather, IsNaN/Where imputation, Equal/Cast indicators, MatMul, Add, explicit logistic link")
    func linearTermStructure() throws {
        let names = ["a", "b", "c", "plan", "tier"]
        let (proto, graph) = try Self.graph(try ONNXExporter.export(intercept: Self.linearIntercept, terms: Self.linearTerms, featureNames: names))
        #expect(proto.integer(1) == 8)
        #expect(try proto.messages(8).map { "\($0.string(1) ?? ""):\($0.integer(2) ?? 0)" } == [":13"])
        #expect(try graph.messages(1).map { $0.string(4) } == ["Gather", "IsNaN", "Where", "Equal", "Cast", "Where", "MatMul", "Add", "Neg", "Exp", "Add", "Div"])
        #expect(try graph.messages(12).map { $0.string(1) } == ["probability", "raw_score"])
        let initializers = Dictionary(uniqueKeysWithValues: try graph.messages(5).map { ($0.string(8) ?? "", $0) })
        #expect(try initializers["term_features"]?.integers(7) == [0, 3, 1, 3, 2, 4])
        #expect(try initializers["coefficients"]?.doubles(10) == Self.linearTerms.map(\.coefficient))
        #expect(try initializers["intercept"]?.doubles(10) == [Self.linearIntercept])
        #expect(try initializers["term_missing_values"]?.doubles(10) == [0.375, 0, -2.5, 0, 0, 0])
        #expect(try initializers["term_is_indicator"]?.integers(5) == [0, 1, 0, 1, 0, 1])
        #expect(throws: ModelExportError.noFeatures) { try ONNXExporter.export(intercept: 0, terms: [], featureNames: []) }
    }

    // MARK: onnxruntime (skipped when not importable)

    static func runOnnxruntime(_ data: Data, rows: [[Double]]) throws -> [String: Any] {
        let python = try #require(PythonPeer.onnxruntime)
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try data.write(to: folder.appendingPathComponent("model.onnx"))
        try FeatureRows.write(rows, to: folder.appendingPathComponent("features.json"))
        let result = try PythonPeer.runScript(
            python, script: "check_onnx.py",
            arguments: [folder.appendingPathComponent("model.onnx").path, folder.appendingPathComponent("features.json").path])
        #expect(["ok", "skipped"].contains(result["checker"] as? String ?? ""), "onnx.checker result \(result["checker"] ?? "")")
        #expect(result["input_type"] as? String == "tensor(double)")
        return result
    }

    @Test("onnxruntime scores the double trees like the model to 1e-12 on thresholds, ulp neighbours, NaN and odd codes",
          .enabled(if: PythonPeer.onnxruntime != nil, "no Python with onnxruntime (tried WORKBENCH_PYTHON, .venv/bin/python, /work/venv/bin/python, python3)"),
          arguments: GradientBoostingObjective.allCases)
    func onnxruntimeGradientBoosting(objective: GradientBoostingObjective) throws {
        let (model, test) = try ONNXExporterTests.trainedModel(objective)
        let rows = Self.edgeRows(model, test)
        let result = try Self.runOnnxruntime(try ONNXExporter.export(model), rows: rows)
        let binary = objective == .binaryLogloss
        let values = try #require(FeatureRows.numbers(result[binary ? "probability" : "prediction"]))
        let raw = try #require(FeatureRows.numbers(result[binary ? "raw_score" : "prediction"]))
        #expect(values.count == rows.count && raw.count == rows.count)
        var largest = 0.0, largestRaw = 0.0
        for (index, row) in rows.enumerated() where index < values.count && index < raw.count {
            let expected = model.prediction(features: row), expectedRaw = model.rawScore(features: row)
            largest = max(largest, abs(values[index] - expected))
            largestRaw = max(largestRaw, abs(raw[index] - expectedRaw))
            #expect(abs(values[index] - expected) <= 1e-12, "row \(row): onnxruntime \(values[index]), model \(expected)")
            // Only the summation order can differ (onnxruntime splits trees across threads).
            expectClose(raw[index], expectedRaw, relativeTolerance: 1e-12, absoluteFloor: 1, "row \(row)")
        }
        print("ONNX double \(objective): largest |onnxruntime - model| = \(largest) (raw \(largestRaw)) over \(rows.count) rows; onnxruntime \(result["onnxruntime"] ?? "")")
    }

    @Test("onnxruntime follows the double edge cases: 'all vs missing' at the largest double, codes 40/63/64, non-integer codes, infinities",
          .enabled(if: PythonPeer.onnxruntime != nil, "no Python with onnxruntime (tried WORKBENCH_PYTHON, .venv/bin/python, /work/venv/bin/python, python3)"))
    func onnxruntimeEdgeCases() throws {
        let model = LightGBMTextFormatTests.edgeCaseModel()
        var rows: [[Double]] = []
        for amount in [-1, -0.5, (-0.5).nextUp, (-0.5).nextDown, 0, 1e308, .greatestFiniteMagnitude, .infinity, -.infinity, .nan] {
            for country in [3.0, 40, 63, 64, 65, 0, -1, 40.5, 63.999999999, 3.5, -0.0, 1e300, .infinity, .nan] { rows.append([amount, country]) }
        }
        let result = try Self.runOnnxruntime(try ONNXExporter.export(model), rows: rows)
        let probabilities = try #require(FeatureRows.numbers(result["probability"]))
        #expect(probabilities.count == rows.count)
        for (row, value) in zip(rows, probabilities) {
            #expect(abs(value - model.prediction(features: row)) <= 1e-12, "row \(row): onnxruntime \(value), model \(model.prediction(features: row))")
        }
    }

    @Test("onnxruntime scores the double LogisticModel graph like LogisticModel (1e-12)",
          .enabled(if: PythonPeer.onnxruntime != nil, "no Python with onnxruntime (tried WORKBENCH_PYTHON, .venv/bin/python, /work/venv/bin/python, python3)"))
    func onnxruntimeLogisticModel() throws {
        let (model, floatRows) = try ONNXExporterTests.logisticModel()
        let rows = floatRows.map { $0.map { $0 + 1e-9 } }  // not float32-representable: double all the way
        let result = try Self.runOnnxruntime(try ONNXExporter.export(model, featureNames: ["a", "b", "c"]), rows: rows)
        let probabilities = try #require(FeatureRows.numbers(result["probability"]))
        let expected = model.probabilities(for: Matrix(rowArrays: rows))
        #expect(probabilities.count == expected.count)
        for (value, reference) in zip(probabilities, expected) { #expect(abs(value - reference) <= 1e-12, "onnxruntime \(value), model \(reference)") }
    }

    @Test("onnxruntime scores the term logistic graph like the artifact's formula: imputation, indicators, odd codes (1e-12)",
          .enabled(if: PythonPeer.onnxruntime != nil, "no Python with onnxruntime (tried WORKBENCH_PYTHON, .venv/bin/python, /work/venv/bin/python, python3)"))
    func onnxruntimeLinearTerms() throws {
        let data = try ONNXExporter.export(intercept: Self.linearIntercept, terms: Self.linearTerms, featureNames: ["a", "b", "c", "plan", "tier"])
        let result = try Self.runOnnxruntime(data, rows: Self.linearRows)
        let probabilities = try #require(FeatureRows.numbers(result["probability"]))
        let raw = try #require(FeatureRows.numbers(result["raw_score"]))
        #expect(probabilities.count == Self.linearRows.count && raw.count == Self.linearRows.count)
        var largest = 0.0
        for (index, row) in Self.linearRows.enumerated() where index < probabilities.count && index < raw.count {
            let reference = Self.linearReference(row)
            largest = max(largest, abs(probabilities[index] - reference.probability))
            #expect(abs(probabilities[index] - reference.probability) <= 1e-12, "row \(row): onnxruntime \(probabilities[index]), reference \(reference.probability)")
            expectClose(raw[index], reference.rawScore, relativeTolerance: 1e-12, absoluteFloor: 1, "row \(row)")
        }
        print("ONNX double term logistic: largest |onnxruntime - reference| = \(largest) over \(Self.linearRows.count) rows")
    }

    @Test("The float32 term logistic graph loads too and agrees to 1e-6",
          .enabled(if: PythonPeer.onnxruntime != nil, "no Python with onnxruntime (tried WORKBENCH_PYTHON, .venv/bin/python, /work/venv/bin/python, python3)"))
    func onnxruntimeLinearTermsFloat() throws {
        let data = try ONNXExporter.export(intercept: Self.linearIntercept, terms: Self.linearTerms, featureNames: ["a", "b", "c", "plan", "tier"], precision: .float)
        let python = try #require(PythonPeer.onnxruntime)
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try data.write(to: folder.appendingPathComponent("model.onnx"))
        // float32-representable inputs, so only float arithmetic differs.
        let rows = Self.linearRows.map { $0.map { Double(Float($0)) } }
        try FeatureRows.write(rows, to: folder.appendingPathComponent("features.json"))
        let result = try PythonPeer.runScript(
            python, script: "check_onnx.py",
            arguments: [folder.appendingPathComponent("model.onnx").path, folder.appendingPathComponent("features.json").path])
        #expect(result["input_type"] as? String == "tensor(float)")
        let probabilities = try #require(FeatureRows.numbers(result["probability"]))
        #expect(probabilities.count == rows.count)
        for (row, value) in zip(rows, probabilities) { #expect(abs(value - Self.linearReference(row).probability) <= 1e-6, "row \(row)") }
    }
}
