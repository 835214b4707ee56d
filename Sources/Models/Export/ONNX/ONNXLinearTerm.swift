/// One column of a logistic regression's design matrix, formed inside the ONNX graph from the
/// raw feature row (see `ONNXExporter.export(intercept:terms:featureNames:precision:)`).
///
/// This is the registry artifact's term model (`docs/artifact-format.md`, `logistic.terms`):
/// imputation and one-hot encoding happen in the graph, so a serving component feeds the same
/// raw feature vector it feeds a tree model.
public enum ONNXLinearTerm: Sendable, Equatable {
    /// The feature's value, or `missingValue` when the value is NaN.
    case numeric(feature: Int, missingValue: Double, coefficient: Double)
    /// 1 when the feature's value equals `level` exactly, else 0 (NaN, unknown and
    /// non-integer values give 0).
    case indicator(feature: Int, level: Int, coefficient: Double)

    /// The input column the term reads.
    public var feature: Int {
        switch self {
        case .numeric(let feature, _, _), .indicator(let feature, _, _): return feature
        }
    }

    /// The term's coefficient, in log-odds per unit of the term.
    public var coefficient: Double {
        switch self {
        case .numeric(_, _, let coefficient), .indicator(_, _, let coefficient): return coefficient
        }
    }
}
