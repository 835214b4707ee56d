import Foundation

extension LightGBMTextFormat {
    /// Reads a LightGBM text model (`version` v2 to v4, as saved by `Booster.save_model`)
    /// into a `GradientBoostingModel` that predicts the same raw scores as LightGBM.
    ///
    /// Supported: `objective=binary` with `sigmoid:1` (becomes `.binaryLogloss`) and
    /// `objective=regression` (L2, becomes `.squaredError`), one tree per iteration, numeric
    /// and categorical splits with every missing type. The imported `initialScore` is 0:
    /// LightGBM has already folded its average into the first tree's leaves.
    ///
    /// **Decision mapping** (LightGBM's `NumericalDecision`/`CategoricalDecision` in
    /// `include/LightGBM/tree.h`, restated in our rule of `RegressionTree`):
    /// * missing type NaN: NaN follows the default-left bit; same as ours.
    /// * missing type None: LightGBM replaces NaN by 0, so NaN goes left iff `0 <= threshold`;
    ///   imported as `defaultLeft = (0 <= threshold)`.
    /// * missing type Zero: NaN and values in [-1e-35, 1e-35] (LightGBM's `kZeroThreshold`,
    ///   a float32) follow the default bit, others compare with the threshold. When that is
    ///   one interval test it becomes one node (threshold moved to +-1e-35 where needed);
    ///   otherwise the node becomes three nodes (`x <= t`, `x < -1e-35`, `x <= 1e-35`) and the
    ///   two subtrees are copied, so the tree can grow; copied nodes keep the original counts.
    /// * categorical: the set bits of the node's `cat_threshold` words are the codes sent left;
    ///   NaN and negative values go right. LightGBM truncates a non-integer value (2.7 -> 2)
    ///   before the lookup while our rule sends non-integers right: the models agree on NaN
    ///   and integer codes, the only values a categorical column should hold.
    ///
    /// O(text length + nodes).
    ///
    /// - Throws: `ModelExportError` naming the field and tree when the text is not a
    ///   readable LightGBM model, or `unsupportedModel` for multiclass, linear-tree,
    ///   random-forest (`average_output`) or other-objective models.
    public static func importModel(_ text: String) throws(ModelExportError) -> GradientBoostingModel {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        guard let first = lines.first(where: { !$0.isEmpty }), first == "tree" else {
            throw .malformedText(line: 1, reason: "the first line is not 'tree'")
        }
        var header: [String: String] = [:]
        var treeFields: [[String: String]] = []
        var lineIndex = 0
        // Header: key=value lines up to the first tree.
        while lineIndex < lines.count, !lines[lineIndex].hasPrefix("Tree=") {
            let line = lines[lineIndex]
            if line == "end of trees" { break }
            if line == "average_output" { throw .unsupportedModel(reason: "random-forest models (average_output) average their trees; only boosted sums are supported") }
            if let equals = line.firstIndex(of: "=") { header[String(line[..<equals])] = String(line[line.index(after: equals)...]) }
            lineIndex += 1
        }
        // Tree blocks: `Tree=i` then key=value lines up to a blank line.
        while lineIndex < lines.count, lines[lineIndex].hasPrefix("Tree=") {
            var fields: [String: String] = [:]
            lineIndex += 1
            while lineIndex < lines.count, !lines[lineIndex].isEmpty, !lines[lineIndex].hasPrefix("Tree="), lines[lineIndex] != "end of trees" {
                let line = lines[lineIndex]
                guard let equals = line.firstIndex(of: "=") else {
                    throw .malformedText(line: lineIndex + 1, reason: "expected key=value inside tree \(treeFields.count)")
                }
                fields[String(line[..<equals])] = String(line[line.index(after: equals)...])
                lineIndex += 1
            }
            treeFields.append(fields)
            while lineIndex < lines.count, lines[lineIndex].isEmpty { lineIndex += 1 }
        }
        guard lineIndex < lines.count, lines[lineIndex] == "end of trees" else {
            throw .malformedText(line: min(lineIndex + 1, lines.count), reason: "expected 'end of trees' after the tree blocks")
        }

        func headerField(_ name: String) throws(ModelExportError) -> String {
            guard let value = header[name] else { throw .missingField(name: name, tree: nil) }
            return value
        }
        func headerInteger(_ name: String) throws(ModelExportError) -> Int {
            guard let value = Int(try headerField(name)) else { throw .invalidField(name: name, tree: nil, reason: "not an integer") }
            return value
        }
        guard try headerInteger("num_class") == 1, (try? headerInteger("num_tree_per_iteration")) ?? 1 == 1 else {
            throw .unsupportedModel(reason: "multiclass models (num_class > 1) have several trees per iteration; only binary and regression models are supported")
        }
        let objective = try objective(try headerField("objective"))
        let featureCount = try headerInteger("max_feature_idx") + 1
        let featureNames = try headerField("feature_names").split(separator: " ").map(String.init)
        guard featureNames.count == featureCount else {
            throw .invalidField(name: "feature_names", tree: nil, reason: "\(featureNames.count) names for max_feature_idx + 1 = \(featureCount) features")
        }
        // LightGBM writes categorical feature_infos as code lists ("0:3:1"), numeric ones as "[min:max]" or "none".
        let infos = (header["feature_infos"] ?? "").split(separator: " ")
        let categoricalFeatures = infos.count == featureCount
            ? infos.indices.filter { !infos[$0].hasPrefix("[") && infos[$0] != "none" } : []

        var trees: [RegressionTree] = []
        for (index, fields) in treeFields.enumerated() {
            var reader = try LightGBMTreeReader(fields: fields, treeIndex: index, featureCount: featureCount)
            let tree = try reader.regressionTree()
            // The model type's own invariants (children after parents, codes below 2^20), so the
            // imported model also survives the registry's Codable round trip.
            do {
                try tree.validate(featureCount: featureCount)
            } catch {
                let reason: String
                if case let .malformedTree(_, detail) = error { reason = detail } else { reason = error.description }
                throw .unsupportedModel(reason: "tree \(index) does not fit the workbench tree layout: \(reason)")
            }
            trees.append(tree)
        }
        return GradientBoostingModel(
            objective: objective, initialScore: 0, trees: trees, featureNames: featureNames,
            categoricalFeatures: categoricalFeatures)
    }

    private static func objective(_ text: String) throws(ModelExportError) -> GradientBoostingObjective {
        let parts = text.split(separator: " ")
        switch parts.first.map(String.init) ?? "" {
        case "binary":
            let sigmoid = parts.first { $0.hasPrefix("sigmoid:") }.flatMap { Double($0.dropFirst("sigmoid:".count)) } ?? 1
            guard sigmoid == 1 else {
                throw .unsupportedModel(reason: "binary objective with sigmoid:\(sigmoid); only sigmoid:1 (the plain logistic link) is supported")
            }
            return .binaryLogloss
        case "regression", "regression_l2", "l2", "mean_squared_error", "mse":
            if parts.contains("sqrt") { throw .unsupportedModel(reason: "regression with reg_sqrt transforms predictions by squaring; retrain without reg_sqrt") }
            return .squaredError
        default:
            throw .unsupportedModel(reason: "objective '\(text)'; only 'binary sigmoid:1' and 'regression' are supported")
        }
    }
}
