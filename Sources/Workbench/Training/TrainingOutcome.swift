import Models

/// What `ModelTrainer.train` produced: the model, its validation evaluation and the decision
/// policy, ready to be published and reported.
public struct TrainingOutcome: Sendable {
    /// The model as it will be written to `model.json`.
    public var artifact: ModelArtifact
    /// The in-memory GBDT (for gbdt models).
    public var gradientBoostingModel: GradientBoostingModel?
    /// The in-memory logistic fit (for logistic models).
    public var logisticModel: LogisticModel?
    /// Row indices of the split.
    public var split: ValidationSplit
    /// Probabilities on the validation rows, in `split.validation` order.
    public var validationProbabilities: [Double]
    /// Labels of the validation rows.
    public var validationLabels: [Double]
    /// Metrics on the validation rows.
    public var metrics: ValidationMetrics
    /// The calibration table behind the ECE.
    public var calibration: CalibrationCurve
    /// Thresholds for the flag service.
    public var policy: DecisionPolicy
    /// Hyperparameters to record.
    public var hyperparameters: Hyperparameters
    /// Per-round validation logloss (gbdt), for the report.
    public var validationLossHistory: [Double]
    /// Notes for the report (e.g. a separation warning, early stopping).
    public var notes: [String]
}
