import Foundation

/// A fitted binary logistic regression: `P(y = 1 | x) = 1 / (1 + exp(-(intercept + x . coefficients)))`.
public struct LogisticModel: Sendable, Equatable {
    /// The intercept, in log-odds.
    public var intercept: Double
    /// One coefficient per feature, in log-odds per unit of that feature (original scale).
    public var coefficients: [Double]
    /// How the fit ended (iterations, gradient norm, convergence, separation warning).
    public var diagnostics: LogisticFitDiagnostics
    /// Standard errors, z statistics, p-values and Wald intervals; present only for an
    /// unpenalised fit that converged without separation.
    public var inference: CoefficientInference?

    /// Creates a model from known coefficients (e.g. loaded from an artifact).
    public init(intercept: Double, coefficients: [Double], diagnostics: LogisticFitDiagnostics, inference: CoefficientInference? = nil) {
        self.intercept = intercept
        self.coefficients = coefficients
        self.diagnostics = diagnostics
        self.inference = inference
    }

    /// Linear predictor (log-odds) `intercept + X beta` for every row, via `cblas_dgemv`.
    ///
    /// - Parameter features: n x p with the training feature order. O(n * p).
    public func logOdds(for features: Matrix) -> [Double] {
        precondition(
            features.columns == coefficients.count,
            "features have \(features.columns) columns, the model has \(coefficients.count) coefficients")
        var result = features.multiplied(by: coefficients)
        for index in result.indices { result[index] += intercept }
        return result
    }

    /// Predicted `P(y = 1)` for every row, in [0, 1]. O(n * p).
    ///
    /// The logistic function is evaluated in the stable form for either sign, so large
    /// |log-odds| saturate at 0 or 1 rather than producing NaN.
    public func probabilities(for features: Matrix) -> [Double] {
        logOdds(for: features).map(Self.logistic)
    }

    /// The logistic function `1 / (1 + exp(-x))`, stable for any finite x.
    static func logistic(_ x: Double) -> Double {
        if x >= 0 { return 1 / (1 + exp(-x)) }
        let e = exp(x)
        return e / (1 + e)
    }
}
