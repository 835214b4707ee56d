import Foundation

extension ONNXExporter {
    /// Collects the nodes and constants of one exported graph and writes the `ModelProto`.
    ///
    /// Scalar constants (`one`, `zero`, `not_a_number`) are added once, on first use, in the
    /// graph's element type.
    struct GraphBuilder {
        let precision: Precision
        var nodes: [ONNXProto.Node] = []
        var initializers: [ONNXProto.Tensor] = []

        init(precision: Precision) { self.precision = precision }

        /// The name of a scalar constant, added on first use.
        mutating func scalar(_ name: String, _ value: Double) -> String {
            if !initializers.contains(where: { $0.name == name }) {
                initializers.append(.init(name: name, dimensions: [], values: [value], elementType: precision.elementType))
            }
            return name
        }

        /// Appends nodes that copy `input` [N, F] with every value of a categorical column that is
        /// not a whole number in `0...largestCode` replaced by NaN; returns the copy's name.
        ///
        /// `Floor(x) == x` (whole; false for NaN), `x >= 0`, `x <= largestCode`, kept where
        /// all hold or the column is numeric (`Where` with a broadcast `[F]` mask). Such values
        /// match no category code, and NaN goes right at every categorical split, as those
        /// values do in the workbench; the rewrite only keeps the runtime from truncating them.
        mutating func replacingInvalidCodes(of input: String, categoricalColumns: [Bool], largestCode: Double) -> String {
            initializers += [
                .init(name: "largest_category_code", dimensions: [], values: [largestCode], elementType: precision.elementType),
                .init(name: "is_numeric_column", dimensions: [Int64(categoricalColumns.count)], elements: .bool(categoricalColumns.map { !$0 })),
            ]
            let zero = scalar("zero", 0), notANumber = scalar("not_a_number", .nan)
            nodes += [
                .init(inputs: [input], outputs: ["floor"], name: "floor", operatorType: "Floor"),
                .init(inputs: ["floor", input], outputs: ["is_whole"], name: "is_whole", operatorType: "Equal"),
                .init(inputs: [input, zero], outputs: ["is_not_negative"], name: "is_not_negative", operatorType: "GreaterOrEqual"),
                .init(inputs: [input, "largest_category_code"], outputs: ["is_not_above_largest"], name: "is_not_above_largest", operatorType: "LessOrEqual"),
                .init(inputs: ["is_not_negative", "is_not_above_largest"], outputs: ["is_in_code_range"], name: "is_in_code_range", operatorType: "And"),
                .init(inputs: ["is_whole", "is_in_code_range"], outputs: ["is_valid_code"], name: "is_valid_code", operatorType: "And"),
                .init(inputs: ["is_valid_code", "is_numeric_column"], outputs: ["keeps_value"], name: "keeps_value", operatorType: "Or"),
                .init(inputs: ["keeps_value", input, notANumber], outputs: ["tree_features"], name: "tree_features", operatorType: "Where"),
            ]
            return "tree_features"
        }

        /// Appends `probability = 1 / (1 + exp(-score))` (double) or `Sigmoid(score)` (float).
        mutating func appendLogistic(from score: String, to probability: String) {
            guard precision == .double else {
                nodes.append(.init(inputs: [score], outputs: [probability], name: "sigmoid", operatorType: "Sigmoid"))
                return
            }
            let one = scalar("one", 1)
            nodes += [
                .init(inputs: [score], outputs: ["negated_score"], name: "negate", operatorType: "Neg"),
                .init(inputs: ["negated_score"], outputs: ["odds_against"], name: "exponentiate", operatorType: "Exp"),
                .init(inputs: ["odds_against", one], outputs: ["one_plus_odds_against"], name: "add_one", operatorType: "Add"),
                .init(inputs: [one, "one_plus_odds_against"], outputs: [probability], name: "reciprocal", operatorType: "Div"),
            ]
        }

        /// Appends `raw_score = MatMul(input, coefficients[K, 1]) + intercept`.
        mutating func appendLinearPredictor(from input: String, coefficients: [Double], intercept: Double) {
            initializers += [
                .init(name: "coefficients", dimensions: [Int64(coefficients.count), 1], values: coefficients, elementType: precision.elementType),
                .init(name: "intercept", dimensions: [1], values: [intercept], elementType: precision.elementType),
            ]
            nodes += [
                .init(inputs: [input, "coefficients"], outputs: ["linear"], name: "matmul", operatorType: "MatMul"),
                .init(inputs: ["linear", "intercept"], outputs: ["raw_score"], name: "add_intercept", operatorType: "Add"),
            ]
        }

        /// Finishes a logistic-regression graph (`raw_score` already appended): link, outputs
        /// `probability` and `raw_score`, `ai.onnx` opset 13 only, IR version 8.
        mutating func logisticModel(featureCount: Int, featureNames: [String], documentation: String) -> Data {
            appendLogistic(from: "raw_score", to: "probability")
            let description = precision == .double ? "double precision" : "float32"
            return model(
                name: "logistic_regression", featureCount: featureCount, outputs: ["probability", "raw_score"],
                documentation: "\(documentation), \(description), exported by workbench.",
                operatorSets: [("", ONNXExporter.defaultOperatorSetVersion)], irVersion: 8,
                metadata: [("model_type", "logistic_regression"), ("precision", precision.rawValue), ("feature_names", ONNXExporter.jsonArray(featureNames))])
        }

        /// The serialized `ModelProto` with input `features` [N, featureCount] and `[N, 1]` outputs.
        func model(
            name: String, featureCount: Int, outputs: [String], documentation: String,
            operatorSets: [(domain: String, version: Int64)], irVersion: Int64, metadata: [(key: String, value: String)]
        ) -> Data {
            let elementType = precision.elementType
            let graph = ONNXProto.Graph(
                name: name, nodes: nodes, initializers: initializers,
                inputs: [.init(name: "features", elementType: elementType, dimensions: [.symbolic("N"), .fixed(Int64(featureCount))])],
                outputs: outputs.map { .init(name: $0, elementType: elementType, dimensions: [.symbolic("N"), .fixed(1)]) },
                documentation: documentation)
            var model = ONNXProto.Model(operatorSets: operatorSets, documentation: documentation, graph: graph, metadata: metadata)
            model.irVersion = irVersion
            return model.serialized()
        }
    }
}
