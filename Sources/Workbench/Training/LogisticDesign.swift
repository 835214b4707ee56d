import Models

/// The design matrix of a logistic regression built from a feature table: one numeric term
/// per numeric feature (missing values replaced by the training mean) and one indicator per
/// non-reference level of each categorical feature (level 0 is the reference; missing and
/// unknown levels give all-zero indicators).
struct LogisticDesign {
    /// The terms, in matrix column order (coefficients not yet filled in).
    var terms: [LogisticArtifact.Term]

    /// Learns the terms (imputation means) from the training table. O(rows x features).
    init(training table: FeatureTable) {
        var terms: [LogisticArtifact.Term] = []
        for (feature, column) in table.schema.features.enumerated() {
            switch column.type {
            case .numeric:
                var sum = 0.0
                var count = 0
                for row in 0..<table.rowCount {
                    let value = table.values[feature * table.rowCount + row]
                    if !value.isNaN { sum += value; count += 1 }
                }
                terms.append(.init(feature: feature, kind: .numeric, missingValue: count > 0 ? sum / Double(count) : 0, coefficient: 0))
            case .categorical:
                for level in column.levels.indices.dropFirst() {
                    terms.append(.init(feature: feature, kind: .indicator, level: level, coefficient: 0))
                }
            }
        }
        self.terms = terms
    }

    /// The rows x terms matrix of `table` under these terms (column-major). O(rows x terms).
    func matrix(_ table: FeatureTable) -> Matrix {
        let rows = table.rowCount
        var storage = [Double](repeating: 0, count: rows * terms.count)
        let evaluator = LogisticArtifact(intercept: 0, terms: terms)
        for (column, term) in terms.enumerated() {
            let base = term.feature * rows
            for row in 0..<rows {
                storage[column * rows + row] = evaluator.termValue(term) { _ in table.values[base + row] }
            }
        }
        return Matrix(rows: rows, columns: terms.count, columnMajor: storage)
    }

    /// The artifact of a fitted model: coefficients and (when available) standard errors.
    func artifact(_ model: LogisticModel) -> LogisticArtifact {
        let errors = model.inference?.standardErrors
        var filled = terms
        for index in filled.indices {
            filled[index].coefficient = model.coefficients[index]
            filled[index].standardError = errors?[index + 1]
        }
        return LogisticArtifact(intercept: model.intercept, interceptStandardError: errors?[0], terms: filled)
    }
}
