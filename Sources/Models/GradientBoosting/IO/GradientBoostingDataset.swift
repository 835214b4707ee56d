/// A labelled table for gradient boosting: features column-major, NaN for missing values.
///
/// Feature `j` of row `i` is `values[j * rowCount + i]`. Numeric features may hold any Double;
/// NaN means missing and is routed by each split's learned default direction. Categorical
/// features (listed in `categoricalFeatures`) hold non-negative integer codes (0, 1, 2, ...)
/// or NaN. Labels are 0/1 for binary logloss and any finite number for squared error; the
/// optional `weights` scale each row's gradient and hessian (LightGBM's `weight`).
///
/// The initialiser validates shapes, categorical codes and weights in O(rows x features).
public struct GradientBoostingDataset: Sendable {
    /// Number of rows (samples).
    public let rowCount: Int
    /// Number of feature columns.
    public let featureCount: Int
    /// Feature values, column-major: column `j` occupies `values[j*rowCount ..< (j+1)*rowCount]`.
    public let values: [Double]
    /// One name per feature column (defaults to `f0`, `f1`, ...).
    public let featureNames: [String]
    /// Indices of the categorical feature columns, ascending.
    public let categoricalFeatures: [Int]
    /// One label per row.
    public let labels: [Double]
    /// Optional non-negative weight per row; `nil` means every row weighs 1.
    public let weights: [Double]?

    /// Creates a dataset after checking shapes, categorical codes and weights.
    ///
    /// - Parameters:
    ///   - columnMajorValues: `rowCount * featureCount` values, one full column after another.
    ///   - rowCount: number of rows, at least 1.
    ///   - featureNames: one per column, or `nil` for `f0`, `f1`, ...
    ///   - categoricalFeatures: column indices holding integer category codes.
    ///   - labels: one per row (checked against the objective when training).
    ///   - weights: optional finite non-negative weights with a positive sum.
    /// - Throws: `GradientBoostingError` naming the offending row or column.
    public init(
        columnMajorValues: [Double], rowCount: Int, featureNames: [String]? = nil,
        categoricalFeatures: [Int] = [], labels: [Double], weights: [Double]? = nil
    ) throws(GradientBoostingError) {
        guard rowCount > 0 else { throw .emptyDataset }
        guard columnMajorValues.count % rowCount == 0 else {
            throw .shapeMismatch(
                expectedValues: (columnMajorValues.count / rowCount + 1) * rowCount,
                actualValues: columnMajorValues.count)
        }
        let featureCount = columnMajorValues.count / rowCount
        guard labels.count == rowCount else {
            throw .lengthMismatch(name: "labels", expected: rowCount, actual: labels.count)
        }
        if let weights {
            guard weights.count == rowCount else {
                throw .lengthMismatch(name: "weights", expected: rowCount, actual: weights.count)
            }
            var total = 0.0
            for (row, weight) in weights.enumerated() {
                guard weight.isFinite, weight >= 0 else { throw .invalidWeight(row: row, value: weight) }
                total += weight
            }
            guard total > 0 else { throw .invalidWeight(row: 0, value: 0) }
        }
        let names = featureNames ?? (0..<featureCount).map { "f\($0)" }
        guard names.count == featureCount else {
            throw .featureNameCountMismatch(expected: featureCount, actual: names.count)
        }
        let categorical = Array(Set(categoricalFeatures)).sorted()
        for feature in categorical {
            guard feature >= 0, feature < featureCount else {
                throw .categoricalFeatureOutOfRange(feature: feature, featureCount: featureCount)
            }
            let base = feature * rowCount
            for row in 0..<rowCount {
                let value = columnMajorValues[base + row]
                if value.isNaN { continue }
                guard value >= 0, value == value.rounded(.towardZero), value < 2_147_483_647 else {
                    throw .invalidCategory(feature: feature, row: row, value: value)
                }
            }
        }
        self.rowCount = rowCount
        self.featureCount = featureCount
        self.values = columnMajorValues
        self.featureNames = names
        self.categoricalFeatures = categorical
        self.labels = labels
        self.weights = weights
    }

    /// The weight of `row` (1 when no weights were given).
    @inlinable public func weight(ofRow row: Int) -> Double { weights?[row] ?? 1 }
}
