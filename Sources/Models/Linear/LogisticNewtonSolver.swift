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
        var scales = [Double](repeating: 1, count: features.columns)
        // Column means in one dgemv (X^T 1 / n); centred second moments with SIMD lanes,
        // since a scalar running sum cannot be vectorised.
        let means = features.multiplied(by: [Double](repeating: 1 / Double(rows), count: rows), transposed: true)
        features.storage.withUnsafeBufferPointer { x in
            for column in 0..<features.columns {
                let base = x.baseAddress! + column * rows
                let mean = means[column]
                let meanLanes = SIMD8<Double>(repeating: mean)
                var lanes = SIMD8<Double>()
                var row = 0
                while row + 8 <= rows {
                    let centred = UnsafeRawPointer(base + row).loadUnaligned(as: SIMD8<Double>.self) - meanLanes
                    lanes += centred * centred
                    row += 8
                }
                var squares = lanes.sum()
                while row < rows {
                    squares += (base[row] - mean) * (base[row] - mean)
                    row += 1
                }
                scales[column] = (squares / Double(rows)).squareRoot()
            }
        }
        for column in 0..<features.columns {
            let mean = means[column]
            let standardDeviation = scales[column]
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

    /// Per-row quantities at one linear predictor: everything an iteration needs from the rows.
    struct RowState {
        /// Linear predictor (log-odds) per row.
        var eta: [Double]
        /// `w_i (mu_i - y_i)`, the gradient's row weights.
        var residuals: [Double]
        /// `sqrt(w_i mu_i (1 - mu_i))`, the Hessian's row scaling.
        var sqrtCurvature: [Double]
        /// Weighted negative log-likelihood `sum_i w_i (softplus(eta_i) - y_i eta_i)`.
        var negativeLogLikelihood = 0.0

        init(rows: Int) {
            eta = [Double](repeating: 0, count: rows)
            residuals = eta
            sqrtCurvature = eta
        }
    }

    /// Fills `state` at `eta = base + scale * direction` in one pass over the rows.
    ///
    /// One `exp(-|eta|)` per row serves the log-likelihood (softplus), the probability and
    /// the curvature, all in forms that neither overflow nor cancel: softplus(e) =
    /// max(e, 0) + log1p(a), mu = 1 / (1 + a) or a / (1 + a), mu (1 - mu) = a / (1 + a)^2.
    /// Measured: ~20 ns per row.
    func evaluate(base: [Double], scale: Double, direction: [Double], into state: inout RowState) {
        var total = 0.0
        base.withUnsafeBufferPointer { base in
            direction.withUnsafeBufferPointer { direction in
                labels.withUnsafeBufferPointer { y in
                    weights.withUnsafeBufferPointer { w in
                        state.eta.withUnsafeMutableBufferPointer { eta in
                            state.residuals.withUnsafeMutableBufferPointer { residuals in
                                state.sqrtCurvature.withUnsafeMutableBufferPointer { root in
                                    for i in 0..<base.count {
                                        let e = base[i] + scale * direction[i]
                                        let a = exp(-abs(e))
                                        let onePlus = 1 + a
                                        let mu = e >= 0 ? 1 / onePlus : a / onePlus
                                        eta[i] = e
                                        residuals[i] = w[i] * (mu - y[i])
                                        root[i] = (w[i] * a).squareRoot() / onePlus
                                        if w[i] > 0 { total += w[i] * (max(e, 0) + log1p(a) - y[i] * e) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        state.negativeLogLikelihood = total
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
    /// The rows are split into contiguous ranges, one per worker (up to the active processor
    /// count, and only when each worker gets >= ``minimumRowsPerWorker`` rows); each worker fills
    /// its own block buffer and accumulates its own Gram matrix, which are summed at the end.
    /// Memory: one `blockRows x (p + 1)` buffer and one `(p + 1)^2` accumulator per worker.
    /// Concurrent `dsyrk` calls on disjoint buffers rely on OpenBLAS's internal locking, which
    /// the pthreads build that `pkg-config openblas` selects on Debian has (USE_THREAD=1).
    /// Measured at 1M x 28 (29 with the intercept): ~85 ms of CPU per call, about two thirds of
    /// it in `dsyrk` (OpenBLAS reaches ~12 GFLOP/s on this tall, 29-wide shape) and one third
    /// in the fill, which streams the 224 MB feature matrix once.
    func hessian(sqrtCurvature: [Double]) -> Matrix {
        let order = columns + 1
        let blockCapacity = min(blockRows, rows)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, rows / Self.minimumRowsPerWorker))
        var grams = [Double](repeating: 0, count: workers * order * order)
        var blocks = [Double](repeating: 0, count: workers * blockCapacity * order)
        let inverseScales = scales.map { 1 / $0 }
        let means = self.means
        let rows = self.rows
        let columns = self.columns
        features.storage.withUnsafeBufferPointer { x in
            sqrtCurvature.withUnsafeBufferPointer { root in
                blocks.withUnsafeMutableBufferPointer { blocks in
                    grams.withUnsafeMutableBufferPointer { grams in
                        // Each worker writes only its own slices of `blocks` and `grams`.
                        let shared = UncheckedSendable((x: x, root: root, blocks: blocks, grams: grams))
                        DispatchQueue.concurrentPerform(iterations: workers) { worker in
                            let (x, root, blocks, grams) = shared.value
                            let block = blocks.baseAddress! + worker * blockCapacity * order
                            let gram = UnsafeMutableBufferPointer(start: grams.baseAddress! + worker * order * order, count: order * order)
                            var start = rows * worker / workers
                            let end = rows * (worker + 1) / workers
                            while start < end {
                                let length = min(blockCapacity, end - start)
                                // Raw pointers so the fill vectorises.
                                let rootStart = root.baseAddress! + start
                                block.update(from: rootStart, count: length)
                                for j in 0..<columns {
                                    let mean = means[j]
                                    let inverseScale = inverseScales[j]
                                    let source = x.baseAddress! + (j * rows + start)
                                    let target = block + (j + 1) * length
                                    for i in 0..<length {
                                        target[i] = rootStart[i] * ((source[i] - mean) * inverseScale)
                                    }
                                }
                                Matrix.accumulateGram(
                                    of: UnsafeBufferPointer(start: block, count: length * order), rows: length, columns: order,
                                    into: gram)
                                start += length
                            }
                        }
                    }
                }
            }
        }
        var gram = Matrix(rows: order, columns: order)
        for worker in 0..<workers {
            for k in 0..<(order * order) { gram.storage[k] += grams[worker * order * order + k] }
        }
        for j in 0..<columns {
            gram[j + 1, j + 1] += penaltyWeight / (scales[j] * scales[j])
        }
        return gram
    }

    /// Below this many rows per worker, splitting the Hessian pass costs more than it saves.
    static let minimumRowsPerWorker = 65_536

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

    /// Runs Newton from `start` (original-scale intercept and coefficients), or from the
    /// intercept-only optimum (the weighted base rate's log-odds) when `start` is nil.
    mutating func run(
        gradientTolerance: Double, maximumIterations: Int, confidenceLevel: Double,
        start: (intercept: Double, coefficients: [Double])? = nil, skipInference: Bool = false
    ) throws(LogisticRegressionError) -> LogisticModel {
        let order = columns + 1
        var theta = [Double](repeating: 0, count: order)
        if let start {
            theta[0] = start.intercept
            for j in 0..<columns {
                theta[j + 1] = start.coefficients[j] * scales[j]
                theta[0] += means[j] * start.coefficients[j]
            }
        } else {
            var positiveWeight = 0.0
            for i in 0..<rows { positiveWeight += weights[i] * labels[i] }
            let baseRate = positiveWeight / totalWeight
            theta[0] = log(baseRate / (1 - baseRate))
        }

        var current = RowState(rows: rows)
        var trial = RowState(rows: rows)
        // From the intercept-only start every row has the same predictor: skip the dgemv.
        let startingPredictor = start == nil ? [Double](repeating: theta[0], count: rows) : linearPredictor(theta)
        evaluate(base: startingPredictor, scale: 0, direction: startingPredictor, into: &current)
        var objective = current.negativeLogLikelihood + penalty(theta)
        var iterations = 0
        var stopReason = LogisticFitDiagnostics.StopReason.maximumIterations
        var separation: SeparationWarning?
        var gradientNorm = Double.infinity
        var separationStreak = 0
        // The last factorised Hessian and the gradient norm it was computed at.
        var factorization: CholeskyFactorization?
        var previousGradientNorm = Double.infinity

        while true {
            let gradient = gradient(residuals: current.residuals, theta: theta)
            gradientNorm = gradient.reduce(0.0) { max($0, abs($1)) } / totalWeight
            if gradientNorm <= gradientTolerance {
                stopReason = .converged
                break
            }
            if iterations >= maximumIterations { break }
            if penaltyWeight == 0 && isCompletelySeparated(current.eta) {
                stopReason = .separation
                separation = SeparationWarning(kind: .complete, perfectlyPredictedRows: perfectlyPredictedRows(current.eta))
                break
            }
            iterations += 1

            // In the quadratic phase the Hessian barely moves between iterates, so the last
            // factorisation still gives a step that gains many digits (a chord step) and saves
            // the dominant dsyrk pass. Refactorise whenever the previous step gained < 100x.
            let reuse = factorization != nil && gradientNorm <= Self.hessianReuseGradient
                && gradientNorm <= 0.01 * previousGradientNorm
            if !reuse {
                do {
                    factorization = try CholeskyFactorization(hessian(sqrtCurvature: current.sqrtCurvature))
                } catch {
                    let saturated = perfectlyPredictedRows(current.eta)
                    if penaltyWeight == 0 && saturated > 0 {
                        stopReason = .separation
                        separation = SeparationWarning(kind: .quasiComplete, perfectlyPredictedRows: saturated)
                        break
                    }
                    throw .collinearFeatures(error)
                }
            }
            previousGradientNorm = gradientNorm
            guard let factorization, let step = try? factorization.solve(gradient.map { -$0 }) else {
                throw .collinearFeatures(.singular(routine: "dpotrs", position: 0))
            }
            let stepEta = linearPredictorChange(step)

            if penaltyWeight == 0 {
                separationStreak = pushesSaturatedRowOutward(eta: current.eta, change: stepEta) ? separationStreak + 1 : 0
                if separationStreak >= Self.separationStreak {
                    stopReason = .separation
                    separation = SeparationWarning(kind: .quasiComplete, perfectlyPredictedRows: perfectlyPredictedRows(current.eta))
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
                evaluate(base: current.eta, scale: scale, direction: stepEta, into: &trial)
                let trialObjective = trial.negativeLogLikelihood + penalty(trialTheta)
                // Near the optimum the predicted decrease is below the rounding of F itself;
                // there the full Newton step is reliable and the comparison is noise.
                let belowRounding = scale == 1 && -slope <= 1e-13 * abs(objective)
                if trialObjective <= objective + 1e-4 * scale * slope || belowRounding {
                    theta = trialTheta
                    swap(&current, &trial)
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
            logLikelihood: -current.negativeLogLikelihood, objective: reportedObjective, separation: separation)
        var inference: CoefficientInference?
        if penaltyWeight == 0, stopReason == .converged, !skipInference {
            // Inference needs the Hessian at the optimum itself, not a reused one.
            do {
                let finalHessian = hessian(sqrtCurvature: current.sqrtCurvature)
                let covariance = try originalScaleCovariance(standardisedInverse: CholeskyFactorization(finalHessian).inverse())
                inference = CoefficientInference(
                    estimates: [intercept] + coefficients, covariance: covariance, confidenceLevel: confidenceLevel)
            } catch {
                throw .collinearFeatures(error)
            }
        }
        return LogisticModel(intercept: intercept, coefficients: coefficients, diagnostics: diagnostics, inference: inference)
    }

    /// Gradient norm (per unit weight) below which a Hessian may be reused; at this point
    /// Newton is in its quadratic phase for any reasonably conditioned problem.
    static let hessianReuseGradient = 1e-5

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
