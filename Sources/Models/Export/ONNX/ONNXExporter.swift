import Foundation

/// Writes models as ONNX files that onnxruntime (or any ONNX runtime with the `ai.onnx.ml`
/// domain) can score without this workbench.
///
/// Every exported graph has one input `features`, `[N, F]` (N symbolic, F the model's feature
/// count, NaN = missing, categorical features as integer codes), and `[N, 1]` outputs of the
/// same element type:
/// * binary models (gradient boosting with binary logloss, logistic regression):
///   `probability` (of label 1) and `raw_score` (log-odds);
/// * gradient boosting, squared error: `prediction`.
///
/// **Precision.** `.double` (the default) reads float64 and computes in float64 end to end;
/// `.float` is the float32 graph for runtimes without double tree kernels (see `Precision`).
///
/// The file is an ONNX `ModelProto` encoded by a small hand-written protobuf writer
/// (`ProtobufWriter`). Metadata properties carry `feature_names` (JSON array), `model_type`,
/// `precision` and, for trees, `objective`.
public enum ONNXExporter {
    /// The element type of an exported graph's input, constants and outputs.
    public enum Precision: String, Sendable, CaseIterable {
        /// float64 input and arithmetic. Trees use `ai.onnx.ml.TreeEnsemble` (opset 5, IR
        /// version 10, ONNX 1.16; onnxruntime supports it since late 2024, tested with 1.31):
        /// branch decisions are exactly the workbench's for every double input, and scores
        /// agree to about 1e-16 relative (summation order only).
        case double
        /// float32 input and arithmetic, for runtimes without `ai.onnx.ml` opset 5 or double
        /// kernels (older onnxruntime, minimal/mobile builds, which cannot load `TreeEnsemble`
        /// v5). Trees use `TreeEnsembleRegressor` (opset 3); see `ONNXTreeEnsemble` for why
        /// float32 inputs take exactly the workbench's path, and `docs/interop.md` for the
        /// rounding of double inputs (about 1e-7 in probability, rare rows near a threshold more).
        case float

        var elementType: ONNXProto.ElementType { self == .double ? .double : .float }
    }

    /// ONNX opset versions the float32 graphs import.
    static let defaultOperatorSetVersion: Int64 = 13
    static let machineLearningOperatorSetVersion: Int64 = 3
    /// ONNX opset versions the double tree graphs import (both from ONNX 1.16, IR version 10).
    static let doubleTreeOperatorSetVersion: Int64 = 21
    static let doubleTreeMachineLearningOperatorSetVersion: Int64 = 5
    static let doubleTreeIRVersion: Int64 = 10

    // MARK: Gradient boosting

    /// The ONNX file of a gradient-boosted tree model.
    ///
    /// Double: (for models with categorical splits) a few elementwise nodes that turn
    /// non-integer, negative and too large values of categorically split columns into NaN,
    /// which the workbench sends right like NaN and onnxruntime otherwise might not (it
    /// truncates non-integers when testing sets with codes above 30); one
    /// `ai.onnx.ml.TreeEnsemble` node (see `ONNXDoubleTreeEnsemble`); for binary logloss
    /// `1 / (1 + exp(-raw_score))` written as `Neg`, `Exp`, `Add`, `Div` (the workbench's formula;
    /// ONNX `Sigmoid` computes `1 - 1/(1 + exp(s))` for negative `s` in onnxruntime, which loses
    /// relative accuracy in the far tail).
    ///
    /// Float: one `TreeEnsembleRegressor` node with `base_values` = `initialScore`, then `Sigmoid`
    /// for binary models (see `ONNXTreeEnsemble`). O(total nodes).
    ///
    /// - Throws: `ModelExportError.noFeatures` for a model without features;
    ///   `.categoryCodeNotExactInDouble` / `.categoryCodeNotExactInFloat32` for category codes the
    ///   precision cannot hold.
    public static func export(_ model: GradientBoostingModel, precision: Precision = .double) throws(ModelExportError) -> Data {
        guard model.featureCount > 0 else { throw .noFeatures }
        switch precision {
        case .double: return try exportDouble(model)
        case .float: return try exportFloat(model)
        }
    }

    private static func exportDouble(_ model: GradientBoostingModel) throws(ModelExportError) -> Data {
        let ensemble = try ONNXDoubleTreeEnsemble(initialScore: model.initialScore, trees: model.trees, featureCount: model.featureCount)
        var graph = GraphBuilder(precision: .double)
        var treeInput = "features"
        if ensemble.largestCategoryCode >= 0 {
            // Columns split only categorically; a column that also has numeric splits (no
            // workbench or LightGBM model does that) keeps its values, so its numeric splits stay exact.
            var categorical = Set<Int>(), numeric = Set<Int>()
            for tree in model.trees {
                for node in 0..<tree.internalNodeCount {
                    if tree.isCategorical[node] { categorical.insert(tree.splitFeature[node]) } else { numeric.insert(tree.splitFeature[node]) }
                }
            }
            treeInput = graph.replacingInvalidCodes(
                of: "features", categoricalColumns: (0..<model.featureCount).map { categorical.contains($0) && !numeric.contains($0) },
                largestCode: Double(ensemble.largestCategoryCode))
        }
        let binary = model.objective == .binaryLogloss
        let scoreName = binary ? "raw_score" : "prediction"
        graph.nodes.append(.init(
            inputs: [treeInput], outputs: [scoreName], name: "tree_ensemble", operatorType: "TreeEnsemble", domain: "ai.onnx.ml",
            attributes: ensemble.attributes()))
        var outputs = [scoreName]
        if binary {
            graph.appendLogistic(from: scoreName, to: "probability")
            outputs = ["probability", "raw_score"]
        }
        return graph.model(
            name: "gradient_boosting", featureCount: model.featureCount, outputs: outputs,
            documentation: "Gradient-boosted trees (\(model.trees.count) trees, \(model.featureCount) features, double precision) exported by workbench.",
            operatorSets: [("", doubleTreeOperatorSetVersion), ("ai.onnx.ml", doubleTreeMachineLearningOperatorSetVersion)],
            irVersion: doubleTreeIRVersion,
            metadata: [
                ("model_type", "gradient_boosting"), ("objective", model.objective.rawValue), ("precision", Precision.double.rawValue),
                ("feature_names", jsonArray(model.featureNames)),
            ])
    }

    private static func exportFloat(_ model: GradientBoostingModel) throws(ModelExportError) -> Data {
        let ensemble = try ONNXTreeEnsemble(trees: model.trees)
        let binary = model.objective == .binaryLogloss
        var graph = GraphBuilder(precision: .float)
        graph.nodes.append(.init(
            inputs: ["features"], outputs: [binary ? "raw_score" : "prediction"], name: "tree_ensemble",
            operatorType: "TreeEnsembleRegressor", domain: "ai.onnx.ml", attributes: ensemble.attributes(baseValue: model.initialScore)))
        if binary { graph.nodes.append(.init(inputs: ["raw_score"], outputs: ["probability"], name: "sigmoid", operatorType: "Sigmoid")) }
        return graph.model(
            name: "gradient_boosting", featureCount: model.featureCount, outputs: binary ? ["probability", "raw_score"] : ["prediction"],
            documentation: "Gradient-boosted trees (\(model.trees.count) trees, \(model.featureCount) features, float32) exported by workbench.",
            operatorSets: [("", defaultOperatorSetVersion), ("ai.onnx.ml", machineLearningOperatorSetVersion)],
            irVersion: 8,
            metadata: [
                ("model_type", "gradient_boosting"), ("objective", model.objective.rawValue), ("precision", Precision.float.rawValue),
                ("feature_names", jsonArray(model.featureNames)),
            ])
    }

    // MARK: Logistic regression

    /// The ONNX file of a logistic regression on a ready design matrix: `MatMul` by the
    /// coefficient column, `Add` of the intercept, then the logistic link
    /// (`1 / (1 + exp(-s))` in double; `Sigmoid` in float).
    ///
    /// The input columns are the model's coefficients' columns; NaN gives NaN (no imputation:
    /// use `export(intercept:terms:featureNames:precision:)` for raw feature rows).
    ///
    /// - Parameter featureNames: one name per coefficient, in column order; stored in the
    ///   `feature_names` metadata so a serving component can check its column order.
    /// - Throws: `ModelExportError.featureNameCountMismatch` when the counts differ.
    public static func export(_ model: LogisticModel, featureNames: [String], precision: Precision = .double) throws(ModelExportError) -> Data {
        let featureCount = model.coefficients.count
        guard featureNames.count == featureCount else {
            throw .featureNameCountMismatch(expected: featureCount, actual: featureNames.count)
        }
        var graph = GraphBuilder(precision: precision)
        graph.appendLinearPredictor(from: "features", coefficients: model.coefficients, intercept: model.intercept)
        return graph.logisticModel(featureCount: featureCount, featureNames: featureNames, documentation: "Logistic regression (\(featureCount) columns)")
    }

    /// The ONNX file of a logistic regression over raw feature rows: the registry artifact's
    /// model (`docs/artifact-format.md`), imputation and one-hot encoding included.
    ///
    /// Graph: `Gather` the column of every term; numeric terms `Where(IsNaN(x), missing_value, x)`;
    /// indicator terms `Cast(Equal(x, level))` (NaN, unknown and non-integer codes give 0);
    /// `MatMul` by the coefficients, `Add` the intercept (`raw_score`); then the logistic link
    /// `1 / (1 + exp(-s))`. Only `ai.onnx` operators (opset 13, IR version 8), in float64 or
    /// float32. In double, the raw score differs from the artifact's left-to-right sum only by
    /// summation order (about 1e-16 relative to the sum of absolute term contributions).
    /// O(terms) nodes' worth of constants.
    ///
    /// - Parameters:
    ///   - intercept: log-odds when every term is 0.
    ///   - terms: the design-matrix columns in order; each `feature` indexes `featureNames`.
    ///   - featureNames: the graph's input columns, stored in the `feature_names` metadata.
    /// - Throws: `ModelExportError.noFeatures` when `featureNames` is empty.
    /// - Precondition: every term's feature is a valid index into `featureNames`.
    public static func export(intercept: Double, terms: [ONNXLinearTerm], featureNames: [String], precision: Precision = .double) throws(ModelExportError) -> Data {
        guard !featureNames.isEmpty else { throw .noFeatures }
        for term in terms {
            precondition(featureNames.indices.contains(term.feature), "term reads feature \(term.feature) of \(featureNames.count)")
        }
        // A model without terms still needs a [N, K] matrix for MatMul: one indicator that never
        // holds (level NaN) contributes exactly 0.
        let columns: [(feature: Int64, isIndicator: Bool, level: Double, missingValue: Double, coefficient: Double)] =
            terms.isEmpty
            ? [(0, true, .nan, 0, 0)]
            : terms.map { term in
                switch term {
                case .numeric(let feature, let missingValue, let coefficient): return (Int64(feature), false, .nan, missingValue, coefficient)
                case .indicator(let feature, let level, let coefficient): return (Int64(feature), true, Double(level), 0, coefficient)
                }
            }
        let count = Int64(columns.count)
        var graph = GraphBuilder(precision: precision)
        graph.initializers += [
            .init(name: "term_features", dimensions: [count], elements: .int64(columns.map(\.feature))),
            .init(name: "term_missing_values", dimensions: [count], values: columns.map(\.missingValue), elementType: precision.elementType),
            .init(name: "term_levels", dimensions: [count], values: columns.map(\.level), elementType: precision.elementType),
            .init(name: "term_is_indicator", dimensions: [count], elements: .bool(columns.map(\.isIndicator))),
        ]
        graph.nodes += [
            .init(inputs: ["features", "term_features"], outputs: ["term_inputs"], name: "gather_term_inputs", operatorType: "Gather", attributes: [.init(name: "axis", value: .int(1))]),
            .init(inputs: ["term_inputs"], outputs: ["term_is_missing"], name: "is_missing", operatorType: "IsNaN"),
            .init(inputs: ["term_is_missing", "term_missing_values", "term_inputs"], outputs: ["imputed"], name: "impute", operatorType: "Where"),
            .init(inputs: ["term_inputs", "term_levels"], outputs: ["is_level"], name: "is_level", operatorType: "Equal"),
            .init(inputs: ["is_level"], outputs: ["indicators"], name: "indicators", operatorType: "Cast", attributes: [.init(name: "to", value: .int(precision.elementType.rawValue))]),
            .init(inputs: ["term_is_indicator", "indicators", "imputed"], outputs: ["terms"], name: "terms", operatorType: "Where"),
        ]
        graph.appendLinearPredictor(from: "terms", coefficients: columns.map(\.coefficient), intercept: intercept)
        return graph.logisticModel(featureCount: featureNames.count, featureNames: featureNames, documentation: "Logistic regression (\(terms.count) terms on \(featureNames.count) features)")
    }

    static func jsonArray(_ names: [String]) -> String {
        // Encoding an array of strings cannot fail; fall back to an empty array defensively.
        guard let data = try? JSONEncoder().encode(names) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }
}
