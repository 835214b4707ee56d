import Foundation
import Models

/// Converts registry artifacts to and from other formats via the `Models` interop API
/// (`ONNXExporter`, `LightGBMTextFormat`).
public enum ModelInterop {
    /// Formats a model can be exported to.
    public enum Format: String, Sendable, CaseIterable {
        /// ONNX (`ai.onnx.ml` TreeEnsembleRegressor + Sigmoid), float32 inputs.
        case onnx
        /// LightGBM's text model format (`Booster.save_model`).
        case lightgbm
    }

    /// Why an export or import cannot be done.
    public struct InteropError: Error, Sendable, Equatable, CustomStringConvertible {
        /// One sentence for the user.
        public var message: String
        /// The message.
        public var description: String { message }
    }

    /// The bytes of `artifact` in `format`.
    ///
    /// Supported: gbdt models to ONNX and LightGBM text. Logistic models cannot be exported
    /// yet: `LogisticModel` cannot be rebuilt from stored coefficients (its diagnostics have
    /// no public initialiser), and the ONNX graph would not reproduce the artifact's
    /// mean imputation and categorical indicators.
    public static func export(_ artifact: ModelArtifact, format: Format) throws -> Data {
        guard artifact.modelType == .gbdt else {
            throw InteropError(message: "Only gbdt models can be exported for now; \(artifact.modelType.rawValue) models are scored from model.json (docs/artifact-format.md).")
        }
        let model = artifact.gradientBoostingModel()
        do {
            switch format {
            case .onnx: return try ONNXExporter.export(model)
            case .lightgbm: return Data(try LightGBMTextFormat.export(model).utf8)
            }
        } catch {
            throw InteropError(message: "Cannot export to \(format.rawValue): \(error)")
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
