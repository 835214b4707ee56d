import Foundation

/// Why a model could not be exported to, or imported from, an interchange format.
///
/// Every case describes a problem with the model or the file, never a programming mistake;
/// `description` is a sentence that says what to do.
public enum ModelExportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The feature-name list does not match the model's coefficient count.
    case featureNameCountMismatch(expected: Int, actual: Int)
    /// A categorical split lists a category code that float32 cannot hold exactly (codes above
    /// 2^24 = 16,777,216), so an ONNX equality test on float32 input could not match it.
    case categoryCodeNotExactInFloat32(tree: Int, node: Int, code: Int)
    /// A categorical split lists a negative category code or one above 2^53, which a double
    /// ONNX input cannot match exactly.
    case categoryCodeNotExactInDouble(tree: Int, node: Int, code: Int)
    /// The model has no input features, so no ONNX graph can read a row.
    case noFeatures
    /// A model file line could not be read. `line` is 1-based.
    case malformedText(line: Int, reason: String)
    /// A required `key=value` field is absent (`tree` nil for the file header).
    case missingField(name: String, tree: Int?)
    /// A field has the wrong number of values or an unreadable value.
    case invalidField(name: String, tree: Int?, reason: String)
    /// The model uses a LightGBM feature this workbench's model type cannot represent.
    case unsupportedModel(reason: String)

    /// A sentence naming the problem and what to do about it.
    public var description: String {
        func place(_ tree: Int?) -> String { tree.map { "tree \($0)" } ?? "the header" }
        switch self {
        case .featureNameCountMismatch(let expected, let actual):
            return "Got \(actual) feature names for a model with \(expected) coefficients; pass exactly one name per coefficient, in column order."
        case .categoryCodeNotExactInFloat32(let tree, let node, let code):
            return "Tree \(tree) node \(node) splits on category code \(code), which float32 cannot represent exactly; re-encode categories as codes below 16777216 before training."
        case .categoryCodeNotExactInDouble(let tree, let node, let code):
            return "Tree \(tree) node \(node) splits on category code \(code), which a double ONNX input cannot match exactly; re-encode categories as codes from 0 to 9007199254740992 before training."
        case .noFeatures:
            return "The model has no input features, so there is nothing for an ONNX graph to read; train it on at least one feature."
        case .malformedText(let line, let reason):
            return "Model text line \(line): \(reason). Check that the file is a LightGBM text model (saved with save_model / model_to_string)."
        case .missingField(let name, let tree):
            return "The field '\(name)' is missing in \(place(tree)); the file is truncated or not a LightGBM text model."
        case .invalidField(let name, let tree, let reason):
            return "The field '\(name)' in \(place(tree)) is invalid: \(reason). Re-save the model with LightGBM."
        case .unsupportedModel(let reason):
            return "This model cannot be represented: \(reason)."
        }
    }
}
