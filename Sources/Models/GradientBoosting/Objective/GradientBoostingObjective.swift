import Foundation

/// The loss a gradient-boosted model minimises, and the link from raw score to prediction.
///
/// * `binaryLogloss`: labels 0/1; raw score `s` is log-odds, prediction `1 / (1 + exp(-s))`
///   (LightGBM `objective=binary`, `sigmoid=1`). Gradient `p - y`, hessian `p (1 - p)`.
/// * `squaredError`: any finite label; prediction equals the raw score (LightGBM `regression`).
///   Gradient `s - y`, hessian 1.
///
/// With sample weights both gradient and hessian are multiplied by the row's weight.
public enum GradientBoostingObjective: String, Sendable, Codable, Equatable, CaseIterable {
    /// Binary cross-entropy on log-odds scores.
    case binaryLogloss
    /// Half the squared error (gradient `score - label`).
    case squaredError

    /// Checks every label suits the objective.
    func validate(labels: [Double]) throws(GradientBoostingError) {
        for (row, label) in labels.enumerated() {
            switch self {
            case .binaryLogloss:
                guard label == 0 || label == 1 else { throw .invalidLabel(row: row, value: label) }
            case .squaredError:
                guard label.isFinite else { throw .invalidLabel(row: row, value: label) }
            }
        }
    }

    /// The constant score that minimises the loss: log-odds of the weighted label mean
    /// (binary, LightGBM's `boost_from_average`) or the weighted mean (squared error).
    ///
    /// A binary label mean of exactly 0 or 1 is clamped to [1e-15, 1 - 1e-15] so the score
    /// stays finite (about +-34.5) rather than infinite.
    func initialScore(labels: [Double], weights: [Double]?) -> Double {
        var sum = 0.0
        var total = 0.0
        for row in labels.indices {
            let weight = weights?[row] ?? 1
            sum += weight * labels[row]
            total += weight
        }
        let mean = sum / total
        switch self {
        case .binaryLogloss:
            let p = min(max(mean, 1e-15), 1 - 1e-15)
            return log(p / (1 - p))
        case .squaredError:
            return mean
        }
    }

    /// The prediction for a raw score: the sigmoid for binary logloss, identity otherwise.
    @inlinable public func transform(rawScore: Double) -> Double {
        switch self {
        case .binaryLogloss: return 1 / (1 + exp(-rawScore))
        case .squaredError: return rawScore
        }
    }

    /// Writes weighted gradients and hessians for every row. O(rows), parallel over fixed row blocks.
    func computeGradients(
        scores: [Double], labels: [Double], weights: [Double]?,
        gradients: inout [Double], hessians: inout [Double], executor: ParallelExecutor
    ) {
        let objective = self
        gradients.withUnsafeMutableBufferPointer { gradientBuffer in
            hessians.withUnsafeMutableBufferPointer { hessianBuffer in
                let gradientBuffer = gradientBuffer
                let hessianBuffer = hessianBuffer
                executor.forEachBlock(scores.count, blockSize: 65_536) { range in
                    for row in range {
                        let weight = weights?[row] ?? 1
                        switch objective {
                        case .binaryLogloss:
                            let p = 1 / (1 + exp(-scores[row]))
                            gradientBuffer[row] = (p - labels[row]) * weight
                            // Floor keeps the hessian positive when p saturates to 0 or 1.
                            hessianBuffer[row] = max(p * (1 - p), 1e-16) * weight
                        case .squaredError:
                            gradientBuffer[row] = (scores[row] - labels[row]) * weight
                            hessianBuffer[row] = weight
                        }
                    }
                }
            }
        }
    }

    /// Weighted mean validation loss used for early stopping: logloss (binary, probabilities
    /// clamped to [1e-15, 1 - 1e-15] as scikit-learn does) or mean squared error.
    func validationLoss(scores: [Double], labels: [Double], weights: [Double]?) -> Double {
        var loss = 0.0
        var total = 0.0
        for row in scores.indices {
            let weight = weights?[row] ?? 1
            switch self {
            case .binaryLogloss:
                let p = min(max(1 / (1 + exp(-scores[row])), 1e-15), 1 - 1e-15)
                loss -= weight * (labels[row] == 1 ? log(p) : log(1 - p))
            case .squaredError:
                let residual = scores[row] - labels[row]
                loss += weight * residual * residual
            }
            total += weight
        }
        return loss / total
    }
}
