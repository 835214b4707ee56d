import Foundation
import Models

/// Converts registry artifacts to and from other formats via the `Models` interop API
/// (`ONNXExporter`, `LightGBMTextFormat`).
public enum ModelInterop {
    /// Formats a model can be exported to.
    public enum Format: String, Sendable, CaseIterable {
        /// ONNX: `ai.onnx.ml.TreeEnsemble` for gbdt, plain `ai.onnx` operators for logistic
        /// models; float64 by default (`ONNXExporter.Precision`). See `docs/interop.md`.
        case onnx
        /// LightGBM's text model format (`Booster.save_model`); gbdt models only.
        case lightgbm
    }

    /// The element type of an ONNX export: `.double` (default, exact) or `.float` (float32).
    public typealias ONNXPrecision = ONNXExporter.Precision

    /// Why an export or import cannot be done.
    public struct InteropError: Error, Sendable, Equatable, CustomStringConvertible {
        /// One sentence for the user.
        public var message: String
        /// The message.
        public var description: String { message }
    }

    /// The bytes of `artifact` in `format`.
    ///
    /// gbdt models export to ONNX and LightGBM text; logistic models to ONNX only (LightGBM
    /// text holds trees). The ONNX graph takes the feature vector of `docs/artifact-format.md`
    /// (NaN = missing, categorical features as level codes, unknown levels as NaN) and computes
    /// what `models score` computes: for logistic models the graph does the mean imputation and
    /// the level indicators itself. In double `precision` its probabilities agree with
    /// `probabilities(for:)` to about 1e-16 (summation order); float32 is for runtimes without
    /// double support. O(model size).
    ///
    /// - Parameter precision: ONNX only; ignored for LightGBM.
    /// - Throws: `InteropError` with a sentence saying what to do.
    public static func export(_ artifact: ModelArtifact, format: Format, precision: ONNXPrecision = .double) throws -> Data {
        do {
            switch (artifact.modelType, format) {
            case (.gbdt, .onnx):
                return try ONNXExporter.export(artifact.gradientBoostingModel(), precision: precision)
            case (.gbdt, .lightgbm):
                return Data(try LightGBMTextFormat.export(artifact.gradientBoostingModel()).utf8)
            case (.logistic, .onnx):
                guard let logistic = artifact.logistic else {
                    throw InteropError(message: "The logistic model has no coefficients; run `workbench models verify` on it.")
                }
                return try ONNXExporter.export(
                    intercept: logistic.intercept, terms: logistic.terms.map(linearTerm), featureNames: artifact.features.map(\.name),
                    precision: precision)
            case (.logistic, .lightgbm):
                throw InteropError(message: "LightGBM text files hold tree ensembles; export logistic models with --format onnx, or score them from model.json (docs/artifact-format.md).")
            }
        } catch let error as ModelExportError {
            throw InteropError(message: "Cannot export to \(format.rawValue): \(error)")
        }
    }

    /// The ONNX form of one artifact term (`validate()` guarantees the optional fields).
    private static func linearTerm(_ term: LogisticArtifact.Term) -> ONNXLinearTerm {
        switch term.kind {
        case .numeric: return .numeric(feature: term.feature, missingValue: term.missingValue ?? 0, coefficient: term.coefficient)
        case .indicator: return .indicator(feature: term.feature, level: term.level ?? -1, coefficient: term.coefficient)
        }
    }

    /// Reads a LightGBM text model as a registry artifact.
    ///
    /// Only binary-logloss models with numeric features are accepted: LightGBM stores
    /// categorical features as integer codes without their text levels, which the artifact's
    /// schema needs. The imported model's initial score is 0 (LightGBM folds it into the first
    /// tree). O(text length + nodes).
    public static func importLightGBM(_ text: String) throws -> ModelArtifact {
        let model: GradientBoostingModel
        do { model = try LightGBMTextFormat.importModel(text) } catch {
            throw InteropError(message: "Cannot read the LightGBM model: \(error)")
        }
        guard model.objective == .binaryLogloss else {
            throw InteropError(message: "The LightGBM model's objective is \(model.objective.rawValue); only binary classifiers (objective=binary) can be imported.")
        }
        guard model.categoricalFeatures.isEmpty else {
            let names = model.categoricalFeatures.map { model.featureNames[$0] }.joined(separator: ", ")
            throw InteropError(message: "The LightGBM model has categorical features (\(names)) whose text levels are unknown; retrain it with workbench, or export it with those columns numeric.")
        }
        let features = model.featureNames.map { FeatureColumn(name: $0, type: .numeric) }
        let artifact = ModelArtifact(model, features: features)
        do { try artifact.validate() } catch {
            throw InteropError(message: "The imported model is not valid: \(error)")
        }
        return artifact
    }
}
