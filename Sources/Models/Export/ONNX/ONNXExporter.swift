import Foundation

/// Writes models as ONNX files that onnxruntime (or any ONNX runtime with the `ai.onnx.ml`
/// domain) can score without this workbench.
///
/// Every exported graph has one input `features`, float32 `[N, F]` (N symbolic, F the
/// model's feature count, NaN = missing), and float32 `[N, 1]` outputs:
/// * gradient boosting, binary logloss: `probability` (of label 1) and `raw_score` (log-odds);
/// * gradient boosting, squared error: `prediction`;
/// * logistic regression: `probability` and `log_odds`.
///
/// The file is an ONNX `ModelProto`, IR version 8, importing opsets `ai.onnx` 13 and
/// `ai.onnx.ml` 3, encoded by a small hand-written protobuf writer (`ProtobufWriter`).
/// Metadata properties carry `feature_names` (JSON array), `model_type` and, for trees,
/// `objective`.
///
/// **Accuracy.** ONNX computes in float32. Tree thresholds are rounded down to float32 so a
/// float32 input takes exactly the branch it takes in the Double model (see
/// `ONNXTreeEnsemble`); leaf values, the initial score and coefficients are rounded to nearest
/// float32 and summed in float32, so raw scores agree to about 1e-7 relative to the sum of
/// absolute leaf values (probabilities to about 1e-7 absolute for small models). Inputs that
/// are not float32-representable are rounded by the caller when building the float32
/// tensor, which can move a value across a threshold; see `docs/interop.md`.
public enum ONNXExporter {
    /// ONNX opset versions the exported graphs import.
    static let defaultOperatorSetVersion: Int64 = 13
    static let machineLearningOperatorSetVersion: Int64 = 3

    /// The ONNX file of a gradient-boosted tree model.
    ///
    /// One `ai.onnx.ml.TreeEnsembleRegressor` node sums the trees with `base_values` =
    /// `initialScore`; for binary logloss a `Sigmoid` node turns the raw score into the
    /// probability (equivalent to `post_transform = LOGISTIC`, but keeps the raw score as an
    /// output too). Numeric splits are `BRANCH_LEQ` with `nodes_missing_value_tracks_true` =
    /// default-left; categorical splits become chains of `BRANCH_EQ` nodes. O(total nodes).
    ///
    /// - Throws: `ModelExportError.categoryCodeNotExactInFloat32` for category codes above 2^24.
    public static func export(_ model: GradientBoostingModel) throws(ModelExportError) -> Data {
        let ensemble = try ONNXTreeEnsemble(trees: model.trees)
        let featureCount = Int64(model.featureCount)
        var nodes = [
            ONNXProto.Node(
                inputs: ["features"], outputs: [model.objective == .binaryLogloss ? "raw_score" : "prediction"],
                name: "tree_ensemble", operatorType: "TreeEnsembleRegressor", domain: "ai.onnx.ml",
                attributes: ensemble.attributes(baseValue: model.initialScore))
        ]
        var outputs: [ONNXProto.ValueInfo]
        switch model.objective {
        case .binaryLogloss:
            nodes.append(.init(inputs: ["raw_score"], outputs: ["probability"], name: "sigmoid", operatorType: "Sigmoid"))
            outputs = [columnOutput("probability"), columnOutput("raw_score")]
        case .squaredError:
            outputs = [columnOutput("prediction")]
        }
        let graph = ONNXProto.Graph(
            name: "gradient_boosting", nodes: nodes,
            inputs: [.init(name: "features", dimensions: [.symbolic("N"), .fixed(featureCount)])], outputs: outputs,
            documentation: "Gradient-boosted trees (\(model.trees.count) trees, \(model.featureCount) features) exported by workbench.")
        return modelProto(
            graph: graph, documentation: graph.documentation,
            metadata: [
                ("model_type", "gradient_boosting"), ("objective", model.objective.rawValue),
                ("feature_names", jsonArray(model.featureNames)),
            ]
        ).serialized()
    }

    /// The ONNX file of a logistic regression: `MatMul` by the coefficient column, `Add` of
    /// the intercept, `Sigmoid`.
    ///
    /// - Parameter featureNames: one name per coefficient, in column order; stored in the
    ///   `feature_names` metadata so a serving component can check its column order.
    /// - Throws: `ModelExportError.featureNameCountMismatch` when the counts differ.
    public static func export(_ model: LogisticModel, featureNames: [String]) throws(ModelExportError) -> Data {
        let featureCount = model.coefficients.count
        guard featureNames.count == featureCount else {
            throw .featureNameCountMismatch(expected: featureCount, actual: featureNames.count)
        }
        let graph = ONNXProto.Graph(
            name: "logistic_regression",
            nodes: [
                .init(inputs: ["features", "coefficients"], outputs: ["linear"], name: "matmul", operatorType: "MatMul"),
                .init(inputs: ["linear", "intercept"], outputs: ["log_odds"], name: "add_intercept", operatorType: "Add"),
                .init(inputs: ["log_odds"], outputs: ["probability"], name: "sigmoid", operatorType: "Sigmoid"),
            ],
            initializers: [
                .init(name: "coefficients", dimensions: [Int64(featureCount), 1], values: model.coefficients.map { Float($0) }),
                .init(name: "intercept", dimensions: [1], values: [Float(model.intercept)]),
            ],
            inputs: [.init(name: "features", dimensions: [.symbolic("N"), .fixed(Int64(featureCount))])],
            outputs: [columnOutput("probability"), columnOutput("log_odds")],
            documentation: "Logistic regression (\(featureCount) features) exported by workbench.")
        return modelProto(
            graph: graph, documentation: graph.documentation,
            metadata: [("model_type", "logistic_regression"), ("feature_names", jsonArray(featureNames))]
        ).serialized()
    }

    private static func columnOutput(_ name: String) -> ONNXProto.ValueInfo {
        .init(name: name, dimensions: [.symbolic("N"), .fixed(1)])
    }

    private static func modelProto(graph: ONNXProto.Graph, documentation: String, metadata: [(key: String, value: String)]) -> ONNXProto.Model {
        ONNXProto.Model(
            operatorSets: [("", defaultOperatorSetVersion), ("ai.onnx.ml", machineLearningOperatorSetVersion)],
            documentation: documentation, graph: graph, metadata: metadata)
    }

    private static func jsonArray(_ names: [String]) -> String {
        // Encoding an array of strings cannot fail; fall back to an empty array defensively.
        guard let data = try? JSONEncoder().encode(names) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }
}
