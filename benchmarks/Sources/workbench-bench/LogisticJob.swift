import Models

/// Unpenalised logistic regression on the training split (missing values as 0).
enum LogisticJob {
    /// Fits by Newton/IRLS and reports the fit time and the coefficients for comparison with
    /// scikit-learn and statsmodels. Only `fit` is timed.
    static func run(_ arguments: Arguments) throws(BenchmarkError) {
        let train = try TabularData(folder: try arguments.string("data"), name: "train")
        let features = Matrix(rows: train.rows, columns: train.features, columnMajor: train.valuesWithMissingAsZero())
        let regression = LogisticRegression(penalty: .none)
        let (model, seconds) = try measureSeconds { () throws(BenchmarkError) -> LogisticModel in
            do { return try regression.fit(features, labels: train.labels) }
            catch { throw .failed("logistic regression: \(error)") }
        }
        try printResult([
            "seconds": seconds, "iterations": model.diagnostics.iterations, "converged": model.diagnostics.converged,
            "intercept": model.intercept, "coefficients": model.coefficients, "rows": train.rows,
        ])
    }
}
