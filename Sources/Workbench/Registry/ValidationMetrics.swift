/// Metrics of a model on its held-out validation split, as written in `manifest.json`.
public struct ValidationMetrics: Sendable, Codable, Equatable {
    /// Validation rows.
    public var rows: Int
    /// Validation rows with label 1 (weighted sum when the data has weights).
    public var positives: Double
    /// ROC AUC (weighted), in [0, 1].
    public var rocAUC: Double
    /// Average precision, the step-wise area under the precision-recall curve (scikit-learn's
    /// `average_precision_score`), in [0, 1].
    public var prAUC: Double
    /// Mean log loss with probabilities clipped to [eps, 1 - eps], eps = 2.22e-16.
    public var logLoss: Double
    /// Mean squared error of the probability.
    public var brierScore: Double
    /// Expected calibration error over `calibrationBins` uniform bins (unweighted).
    public var expectedCalibrationError: Double
    /// Number of equal-width calibration bins on [0, 1].
    public var calibrationBins: Int
    /// Bin placement: `"uniform"`.
    public var calibrationBinning: String

    enum CodingKeys: String, CodingKey {
        case rows, positives
        case rocAUC = "roc_auc"
        case prAUC = "pr_auc"
        case logLoss = "log_loss"
        case brierScore = "brier_score"
        case expectedCalibrationError = "expected_calibration_error"
        case calibrationBins = "calibration_bins"
        case calibrationBinning = "calibration_binning"
    }

    /// Creates the metrics record.
    public init(rows: Int, positives: Double, rocAUC: Double, prAUC: Double, logLoss: Double, brierScore: Double,
                expectedCalibrationError: Double, calibrationBins: Int, calibrationBinning: String) {
        self.rows = rows
        self.positives = positives
        self.rocAUC = rocAUC
        self.prAUC = prAUC
        self.logLoss = logLoss
        self.brierScore = brierScore
        self.expectedCalibrationError = expectedCalibrationError
        self.calibrationBins = calibrationBins
        self.calibrationBinning = calibrationBinning
    }
}
