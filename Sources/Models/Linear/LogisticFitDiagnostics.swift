/// How a logistic-regression fit ended, for logs and reports.
public struct LogisticFitDiagnostics: Sendable, Equatable {
    /// Why the Newton iterations stopped.
    public enum StopReason: String, Sendable, Equatable {
        /// The gradient fell below the tolerance: the optimum was found.
        case converged
        /// The iteration limit was reached first; coefficients may be inaccurate.
        case maximumIterations
        /// The backtracking line search could not decrease the objective any further before
        /// the gradient tolerance was met (usually the tolerance is below attainable precision).
        case lineSearchStalled
        /// The data are separable, so the unpenalised maximum-likelihood estimate does not
        /// exist; see ``LogisticFitDiagnostics/separation``.
        case separation
    }

    /// Newton iterations on the full data (each one gradient, one Hessian or a reused
    /// factorisation, one line search); a warm-start fit on a subsample is not counted.
    public var iterations: Int
    /// Largest absolute gradient component of the objective divided by the total weight,
    /// in standardised-feature coordinates, at the returned coefficients.
    public var gradientNorm: Double
    /// Why iterations stopped.
    public var stopReason: StopReason
    /// Weighted log-likelihood `sum_i w_i log P(y_i)` at the returned coefficients (nats;
    /// statsmodels `llf` for unit weights), <= 0.
    public var logLikelihood: Double
    /// scikit-learn's objective `0.5 ||beta||^2 + C sum_i w_i logloss_i` for an L2 fit,
    /// or the negative log-likelihood for an unpenalised fit.
    public var objective: Double
    /// Present when separation was detected: a warning that the coefficients are not
    /// meaningful estimates and would grow without bound.
    public var separation: SeparationWarning?

    /// Whether the optimum was found (`stopReason == .converged`).
    public var converged: Bool { stopReason == .converged }
}
