import Foundation

/// The Newton/IRLS engine behind ``LogisticRegression/fit(_:labels:weights:)``.
///
/// Parameters live in standardised coordinates `theta = (b_z, beta_z)` where feature j is
/// replaced by `z_j = (x_j - mean_j) / scale_j`. The raw feature matrix is never copied: the
/// linear predictor and gradient use `dgemv` on it with coefficients mapped back to the
/// original scale, and the Hessian is built one block of `blockRows` rows at a time (centre,
/// scale, multiply by sqrt(w mu (1 - mu)), then one `dsyrk`).
///
/// The objective minimised is `F = sum_i w_i logloss_i + 0.5 * lambda * ||beta||^2` with
/// `lambda = 1 / C` (0 when unpenalised); scikit-learn's objective is `C * F`, so the
/// minimiser is the same.
struct LogisticNewtonSolver {
    let features: Matrix
    let labels: [Double]
    let weights: [Double]
    let penaltyWeight: Double
    let blockRows: Int
    let means: [Double]
    let scales: [Double]
    let totalWeight: Double

    /// A row counts as perfectly predicted when its fitted probability is within this of its label.
    static let perfectPredictionTolerance = 1e-6
    /// Rows whose fitted logit has the label's sign by more than this (probability within
    /// ~3e-7 of the label) can only be pushed further by separation, not by a finite optimum.
    static let separatedMargin = 15.0
    /// Consecutive iterations of "Newton pushes a saturated row outward by >= 1 logit" that
    /// flag quasi-complete separation; a convergent fit's steps shrink quadratically instead.
    static let separationStreak = 3

    init(features: Matrix, labels: [Double], weights: [Double], penaltyWeight: Double, blockRows: Int) throws(LogisticRegressionError) {
        self.features = features
        self.labels = labels
        self.weights = weights
        self.penaltyWeight = penaltyWeight
        self.blockRows = blockRows
        self.totalWeight = weights.reduce(0, +)
        let rows = features.rows
        var means = [Double](repeating: 0, count: features.columns)
        var scales = [Double](repeating: 1, count: features.columns)
        for column in 0..<features.columns {
            let base = column * rows
            var sum = 0.0
            for row in 0..<rows { sum += features.storage[base + row] }
            let mean = sum / Double(rows)
            var squares = 0.0
            for row in 0..<rows {
                let centred = features.storage[base + row] - mean
                squares += centred * centred
            }
            let standardDeviation = (squares / Double(rows)).squareRoot()
            means[column] = mean
            // Relative test: a column of 1e9 +/- rounding noise is still constant.
            if standardDeviation <= 1e-12 * max(abs(mean), 1e-300) || standardDeviation == 0 {
                // A constant column is the intercept again: identified only through the penalty.
                if penaltyWeight == 0 { throw .constantFeature(column: column) }
                scales[column] = 1
            } else {
                scales[column] = standardDeviation
            }
        }
        self.means = means
        self.scales = scales
    }

    var rows: Int { features.rows }
    var columns: Int { features.columns }

    /// Original-scale intercept and coefficients from standardised parameters.
    func originalScale(_ theta: [Double]) -> (intercept: Double, coefficients: [Double]) {
        var coefficients = [Double](repeating: 0, count: columns)
        var intercept = theta[0]
        for j in 0..<columns {
            coefficients[j] = theta[j + 1] / scales[j]
            intercept -= means[j] * coefficients[j]
        }
        return (intercept, coefficients)
    }

    /// `intercept + X beta` on the raw features (one `dgemv`).
    func linearPredictor(_ theta: [Double]) -> [Double] {
        let (intercept, coefficients) = originalScale(theta)
        var eta = features.multiplied(by: coefficients)
        for i in eta.indices { eta[i] += intercept }
        return eta
    }

    /// Weighted negative log-likelihood `sum_i w_i (softplus(eta_i) - y_i eta_i)`.
    func negativeLogLikelihood(_ eta: [Double]) -> Double {
        var total = 0.0
        eta.withUnsafeBufferPointer { eta in
            labels.withUnsafeBufferPointer { y in
                weights.withUnsafeBufferPointer { w in
                    for i in 0..<eta.count where w[i] > 0 {
                        let e = eta[i]
                        // softplus in the form that neither overflows nor loses digits.
                        let softplus = e > 0 ? e + log1p(exp(-e)) : log1p(exp(e))
                        total += w[i] * (softplus - y[i] * e)
                    }
                }
            }
        }
        return total
    }

    /// `0.5 * lambda * ||beta||^2` on the original scale.
    func penalty(_ theta: [Double]) -> Double {
        guard penaltyWeight > 0 else { return 0 }
        var sum = 0.0
        for j in 0..<columns {
            let beta = theta[j + 1] / scales[j]
            sum += beta * beta
        }
        return 0.5 * penaltyWeight * sum
    }

    /// `X_z^T W X_z` with the intercept column first (upper triangle), plus the penalty's
    /// diagonal: one `dsyrk` per block of `blockRows` rows scaled by `sqrt(w mu (1 - mu))`.
    ///
    /// Memory: one block of `blockRows x (p + 1)` doubles, reused.
    func hessian(sqrtCurvature: [Double]) -> Matrix {
        let order = columns + 1
        var gram = Matrix(rows: order, columns: order)
        let blockCapacity = min(blockRows, rows)
        var block = [Double](repeating: 0, count: blockCapacity * order)
        let inverseScales = scales.map { 1 / $0 }
        let rows = self.rows
        let columns = self.columns
        features.storage.withUnsafeBufferPointer { x in
            sqrtCurvature.withUnsafeBufferPointer { root in
                block.withUnsafeMutableBufferPointer { block in
                    gram.storage.withUnsafeMutableBufferPointer { gram in
                        var start = 0
                        while start < rows {
                            let length = min(blockCapacity, rows - start)
                            for i in 0..<length { block[i] = root[start + i] }
                            for j in 0..<columns {
                                let mean = means[j]
                                let inverseScale = inverseScales[j]
                                let source = j * rows + start
                                let target = (j + 1) * length
                                for i in 0..<length {
                                    block[target + i] = root[start + i] * ((x[source + i] - mean) * inverseScale)
                                }
                            }
                            Matrix.accumulateGram(
                                of: UnsafeBufferPointer(rebasing: block[0..<(length * order)]), rows: length, columns: order,
                                into: gram)
                            start += length
                        }
                    }
                }
            }
        }
        for j in 0..<columns {
            gram[j + 1, j + 1] += penaltyWeight / (scales[j] * scales[j])
        }
        return gram
    }

    /// Gradient of F in standardised coordinates from residuals `r_i = w_i (mu_i - y_i)`.
    func gradient(residuals: [Double], theta: [Double]) -> [Double] {
        let residualSum = residuals.reduce(0, +)
        let raw = features.multiplied(by: residuals, transposed: true)
        var gradient = [Double](repeating: 0, count: columns + 1)
        gradient[0] = residualSum
        for j in 0..<columns {
            gradient[j + 1] = (raw[j] - means[j] * residualSum) / scales[j] + penaltyWeight * theta[j + 1] / (scales[j] * scales[j])
        }
        return gradient
    }

    /// Rows (with positive weight) whose fitted probability is within the tolerance of the label.
    func perfectlyPredictedRows(_ eta: [Double]) -> Int {
        var count = 0
        for i in 0..<rows where weights[i] > 0 {
            let probability = LogisticModel.logistic(eta[i])
            if abs(probability - labels[i]) < Self.perfectPredictionTolerance { count += 1 }
        }
        return count
    }

    mutating func run(gradientTolerance: Double, maximumIterations: Int, confidenceLevel: Double) throws(LogisticRegressionError) -> LogisticModel {
        let order = columns + 1
        var theta = [Double](repeating: 0, count: order)
        // Start from the intercept-only optimum (the weighted base rate's log-odds).
        var positiveWeight = 0.0
        for i in 0..<rows { positiveWeight += weights[i] * labels[i] }
        let baseRate = positiveWeight / totalWeight
        theta[0] = log(baseRate / (1 - baseRate))

        var eta = linearPredictor(theta)
        var negativeLogLikelihood = self.negativeLogLikelihood(eta)
        var objective = negativeLogLikelihood + penalty(theta)
        var residuals = [Double](repeating: 0, count: rows)
        var sqrtCurvature = [Double](repeating: 0, count: rows)
        var iterations = 0
        var stopReason = LogisticFitDiagnostics.StopReason.maximumIterations
        var separation: SeparationWarning?
        var gradientNorm = Double.infinity
        var finalHessian: Matrix?
        var separationStreak = 0

        while true {
            eta.withUnsafeBufferPointer { eta in
                labels.withUnsafeBufferPointer { y in
                    weights.withUnsafeBufferPointer { w in
                        residuals.withUnsafeMutableBufferPointer { r in
                            sqrtCurvature.withUnsafeMutableBufferPointer { root in
                                for i in 0..<eta.count {
                                    let mu = LogisticModel.logistic(eta[i])
                                    r[i] = w[i] * (mu - y[i])
                                    root[i] = (w[i] * mu * (1 - mu)).squareRoot()
                                }
                            }
                        }
                    }
                }
            }
            let gradient = gradient(residuals: residuals, theta: theta)
            gradientNorm = gradient.reduce(0.0) { max($0, abs($1)) } / totalWeight
            if gradientNorm <= gradientTolerance {
                stopReason = .converged
                finalHessian = hessian(sqrtCurvature: sqrtCurvature)
                break
            }
            if iterations >= maximumIterations { break }
            if penaltyWeight == 0 && isCompletelySeparated(eta) {
                stopReason = .separation
                separation = SeparationWarning(kind: .complete, perfectlyPredictedRows: perfectlyPredictedRows(eta))
                break
            }
            iterations += 1

            let step: [Double]
            do {
                let factorization = try CholeskyFactorization(hessian(sqrtCurvature: sqrtCurvature))
                step = try factorization.solve(gradient.map { -$0 })
            } catch {
                let saturated = perfectlyPredictedRows(eta)
                if penaltyWeight == 0 && saturated > 0 {
                    stopReason = .separation
                    separation = SeparationWarning(kind: .quasiComplete, perfectlyPredictedRows: saturated)
                    break
                }
                throw .collinearFeatures(error)
            }
            let stepEta = linearPredictorChange(step)

            if penaltyWeight == 0 {
                separationStreak = pushesSaturatedRowOutward(eta: eta, change: stepEta) ? separationStreak + 1 : 0
                if separationStreak >= Self.separationStreak {
                    stopReason = .separation
                    separation = SeparationWarning(kind: .quasiComplete, perfectlyPredictedRows: perfectlyPredictedRows(eta))
                    break
                }
            }

            // Backtracking (Armijo) line search on F along the Newton direction.
            let slope = zip(gradient, step).reduce(0.0) { $0 + $1.0 * $1.1 }
            var scale = 1.0
            var accepted = false
            for _ in 0..<60 {
                var trialTheta = theta
                for k in 0..<order { trialTheta[k] += scale * step[k] }
                var trialEta = eta
                for i in 0..<rows { trialEta[i] += scale * stepEta[i] }
                let trialNegativeLogLikelihood = self.negativeLogLikelihood(trialEta)
                let trialObjective = trialNegativeLogLikelihood + penalty(trialTheta)
                // Near the optimum the predicted decrease is below the rounding of F itself;
                // there the full Newton step is reliable and the comparison is noise.
                let belowRounding = scale == 1 && -slope <= 1e-13 * abs(objective)
                if trialObjective <= objective + 1e-4 * scale * slope || belowRounding {
                    theta = trialTheta
                    eta = trialEta
                    negativeLogLikelihood = trialNegativeLogLikelihood
                    objective = trialObjective
                    accepted = true
                    break
                }
                scale *= 0.5
            }
            if !accepted {
                stopReason = .lineSearchStalled
                break
            }
        }

        let (intercept, coefficients) = originalScale(theta)
        let reportedObjective = penaltyWeight > 0 ? objective / penaltyWeight : objective
        let diagnostics = LogisticFitDiagnostics(
            iterations: iterations, gradientNorm: gradientNorm, stopReason: stopReason,
            logLikelihood: -negativeLogLikelihood, objective: reportedObjective, separation: separation)
        var inference: CoefficientInference?
        if penaltyWeight == 0, stopReason == .converged, let finalHessian {
            do {
                let covariance = try originalScaleCovariance(standardisedInverse: CholeskyFactorization(finalHessian).inverse())
                inference = CoefficientInference(
                    estimates: [intercept] + coefficients, covariance: covariance, confidenceLevel: confidenceLevel)
            } catch {
                throw .collinearFeatures(error)
            }
        }
        return LogisticModel(intercept: intercept, coefficients: coefficients, diagnostics: diagnostics, inference: inference)
    }

    /// Change of the linear predictor for a step in standardised coordinates (one `dgemv`).
    func linearPredictorChange(_ step: [Double]) -> [Double] {
        let (interceptChange, coefficientChange) = originalScale(step)
        var change = features.multiplied(by: coefficientChange)
        for i in change.indices { change[i] += interceptChange }
        return change
    }

    /// True when every row with positive weight has a fitted logit of its label's sign: the
    /// current hyperplane separates the classes, a certificate that no finite MLE exists.
    func isCompletelySeparated(_ eta: [Double]) -> Bool {
        for i in 0..<rows where weights[i] > 0 {
            let margin = labels[i] == 1 ? eta[i] : -eta[i]
            if !(margin > 0) { return false }
        }
        return true
    }

    /// True when the Newton step's largest logit change (>= 1) falls on an already saturated
    /// row and pushes it further towards its label: the signature of a recession direction.
    func pushesSaturatedRowOutward(eta: [Double], change: [Double]) -> Bool {
        var largest = 0.0
        var largestRow = -1
        for i in 0..<rows where weights[i] > 0 && abs(change[i]) > largest {
            largest = abs(change[i])
            largestRow = i
        }
        guard largestRow >= 0, largest >= 1 else { return false }
        let sign = labels[largestRow] == 1 ? 1.0 : -1.0
        return sign * eta[largestRow] > Self.separatedMargin && sign * change[largestRow] > 0
    }

    /// Maps the inverse Hessian in standardised coordinates to the original scale:
    /// `T Sigma_z T^T` with `T` the linear map from `theta` to (intercept, beta) (two `dgemm`s).
    func originalScaleCovariance(standardisedInverse: Matrix) -> Matrix {
        let order = columns + 1
        var transform = Matrix(rows: order, columns: order)
        transform[0, 0] = 1
        for j in 0..<columns {
            transform[0, j + 1] = -means[j] / scales[j]
            transform[j + 1, j + 1] = 1 / scales[j]
        }
        let left = transform.multiplied(by: standardisedInverse)
        return left.multiplied(by: transform, transposingOther: true)
    }
}
