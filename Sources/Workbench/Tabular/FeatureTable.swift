/// A rectangular table of model inputs read from a CSV file: features column-major, with
/// optional labels and weights.
///
/// Feature `j` of row `i` is `values[j * rowCount + i]`. Numeric features hold their value or
/// NaN (missing); categorical features hold the level's integer code (see `FeatureColumn`) or
/// NaN (missing or unknown level).
public struct FeatureTable: Sendable {
    /// The columns, in `values` order.
    public var schema: FeatureSchema
    /// Number of data rows (the header excluded).
    public var rowCount: Int
    /// Column-major feature values, `rowCount * schema.features.count` of them.
    public var values: [Double]
    /// 0/1 labels, one per row, when the table was read with a target column.
    public var labels: [Double]?
    /// Sample weights, one per row, when the table was read with a weight column.
    public var weights: [Double]?
    /// Per categorical feature name: how many cells held a level not in the schema (scoring only).
    public var unknownLevelCounts: [String: Int]
    /// Lowercase hex SHA-256 of the file's bytes as stored (compressed bytes for `.gz`).
    public var fileSHA256: String

    /// Creates a table from its parts.
    public init(
        schema: FeatureSchema, rowCount: Int, values: [Double], labels: [Double]? = nil, weights: [Double]? = nil,
        unknownLevelCounts: [String: Int] = [:], fileSHA256: String = ""
    ) {
        precondition(values.count == rowCount * schema.features.count,
                     "values has \(values.count) entries, expected \(rowCount) x \(schema.features.count)")
        self.schema = schema
        self.rowCount = rowCount
        self.values = values
        self.labels = labels
        self.weights = weights
        self.unknownLevelCounts = unknownLevelCounts
        self.fileSHA256 = fileSHA256
    }

    /// Number of feature columns.
    public var featureCount: Int { schema.features.count }

    /// The sub-table of the given rows, in the given order. O(rows x features).
    public func selecting(rows: [Int]) -> FeatureTable {
        var subset = [Double](repeating: 0, count: rows.count * featureCount)
        for feature in 0..<featureCount {
            let source = feature * rowCount
            let target = feature * rows.count
            for (position, row) in rows.enumerated() { subset[target + position] = values[source + row] }
        }
        return FeatureTable(
            schema: schema, rowCount: rows.count, values: subset, labels: labels.map { all in rows.map { all[$0] } },
            weights: weights.map { all in rows.map { all[$0] } }, unknownLevelCounts: unknownLevelCounts, fileSHA256: fileSHA256)
    }
}
