import Foundation
import Models

/// Trains a gbdt or logistic model on a feature table, evaluates it on a held-out validation
/// split and chooses the decision policy's thresholds there.
///
/// Steps: stratified seeded split (`ValidationSplit`); fit on the training rows (GBDT with
/// LightGBM-style histograms, or Newton-IRLS logistic regression); probabilities on the
/// validation rows; metrics (ROC AUC, average precision, log loss, Brier, ECE); thresholds
/// (`DecisionPolicyBuilder`). The same table, configuration and seed give the same model bytes.
public enum ModelTrainer {
    /// Trains and evaluates.
    ///
    /// - Parameter progress: called with a short status line (for a progress bar).
    /// - Throws: `TrainingError` for unusable options or data.
    public static func train(
        _ table: FeatureTable, configuration: TrainingConfiguration, progress: (String) -> Void = { _ in }
    ) throws -> TrainingOutcome {
        try configuration.validate()
        guard let labels = table.labels else { throw TrainingError.learner("the table has no labels; read it with a --target column") }
        guard table.rowCount >= 10 else { throw TrainingError.tooFewRows(rows: table.rowCount) }
        let split = ValidationSplit(labels: labels, fraction: configuration.validationFraction, seed: configuration.seed)
        let training = table.selecting(rows: split.training)
        let validation = table.selecting(rows: split.validation)
        for (name, part) in [("training", training), ("validation", validation)] {
            let positives = part.labels?.filter { $0 == 1 }.count ?? 0
            if positives == 0 || positives == part.rowCount { throw TrainingError.singleClass(split: name, rows: part.rowCount) }
        }
        var hyperparameters = Hyperparameters(seed: configuration.seed, validationFraction: configuration.validationFraction)
        var notes: [String] = []
        let artifact: ModelArtifact
        var boosted: GradientBoostingModel?
        var logistic: LogisticModel?
        var history: [Double] = []
        switch configuration.modelType {
        case .gbdt:
            var parameters = GradientBoostingParameters()
            parameters.numberOfTrees = configuration.trees
            parameters.numLeaves = configuration.leaves
            parameters.learningRate = configuration.learningRate
            parameters.maxBins = configuration.maxBins
            parameters.minDataInLeaf = configuration.minDataInLeaf
            parameters.lambdaL2 = configuration.lambdaL2
            parameters.threadCount = configuration.threads
            parameters.seed = configuration.seed
            parameters.earlyStoppingRounds = configuration.earlyStoppingRounds
            let fitRows: FeatureTable
            let monitor: FeatureTable
            if configuration.earlyStoppingRounds != nil {
                // Early stopping watches a slice of the training rows, never the validation
                // split, so validation metrics and thresholds stay out-of-sample.
                let inner = ValidationSplit(labels: training.labels ?? [], fraction: 0.1, seed: configuration.seed &+ 1)
                fitRows = training.selecting(rows: inner.training)
                monitor = training.selecting(rows: inner.validation)
                notes.append("Early stopping monitored \(monitor.rowCount) of the \(training.rowCount) training rows (not the validation split).")
            } else {
                fitRows = training
                monitor = validation  // only recorded as history; it does not influence the fit
            }
            progress("gbdt: fitting \(configuration.trees) trees on \(fitRows.rowCount) rows")
            let model: GradientBoostingModel
            do {
                let monitored = configuration.earlyStoppingRounds != nil ? "early-stopping rows" : "validation"
                model = try GradientBoostingTrainer(parameters: parameters).fit(
                    dataset(fitRows), validation: dataset(monitor),
                    onRound: { trees, loss in
                        let metric = loss.map { ", \(monitored) logloss \(String(format: "%.5f", $0))" } ?? ""
                        progress("gbdt: tree \(trees)/\(configuration.trees)\(metric)")
                    })
            } catch let error as GradientBoostingError {
                throw TrainingError.learner("gbdt training failed: \(error)")
            }
            boosted = model
            history = model.validationLossHistory
            artifact = ModelArtifact(model, features: table.schema.features)
            hyperparameters.trees = configuration.trees
            hyperparameters.treesKept = model.trees.count
            hyperparameters.leaves = configuration.leaves
            hyperparameters.learningRate = configuration.learningRate
            hyperparameters.maxBins = configuration.maxBins
            hyperparameters.minDataInLeaf = configuration.minDataInLeaf
            hyperparameters.lambdaL2 = configuration.lambdaL2
            hyperparameters.earlyStoppingRounds = configuration.earlyStoppingRounds
            if let best = model.bestIteration { notes.append("Early stopping kept \(best) trees.") }
        case .logistic:
            let design = LogisticDesign(training: training)
            guard !design.terms.isEmpty else { throw TrainingError.learner("no usable terms: every categorical feature has a single level") }
            progress("logistic: fitting \(design.terms.count) terms on \(training.rowCount) rows")
            let regression = LogisticRegression(
                penalty: configuration.inverseRegularization.map { .l2(inverseStrength: $0) } ?? .none)
            let model: LogisticModel
            do {
                model = try regression.fit(design.matrix(training), labels: training.labels ?? [], weights: training.weights)
            } catch {
                throw TrainingError.learner("logistic regression failed: \(error)")
            }
            logistic = model
            artifact = ModelArtifact(modelType: .logistic, features: table.schema.features, logistic: design.artifact(model))
            hyperparameters.inverseRegularization = configuration.inverseRegularization
            if let separation = model.diagnostics.separation {
                notes.append("Separation detected (\(separation.kind.rawValue), \(separation.perfectlyPredictedRows) rows predicted perfectly): coefficients are not reliable; use --C to regularise.")
            }
            if !model.diagnostics.converged { notes.append("The Newton iterations stopped before converging (\(model.diagnostics.stopReason.rawValue)).") }
            if model.inference == nil { notes.append("Standard errors are reported only for unpenalised fits that converged without separation.") }
        }
        try artifact.validate()
        progress("evaluating on \(validation.rowCount) validation rows")
        let probabilities = try artifact.probabilities(for: validation)
        let validationLabels = validation.labels ?? []
        let evaluation: (metrics: ValidationMetrics, calibration: CalibrationCurve, policy: DecisionPolicy)
        do {
            evaluation = try evaluate(
                probabilities: probabilities, labels: validationLabels, weights: validation.weights, configuration: configuration)
        } catch {
            throw TrainingError.learner("evaluation failed: \(error)")
        }
        return TrainingOutcome(
            artifact: artifact, gradientBoostingModel: boosted, logisticModel: logistic, split: split,
            validationProbabilities: probabilities, validationLabels: validationLabels, metrics: evaluation.metrics,
            calibration: evaluation.calibration, policy: evaluation.policy, hyperparameters: hyperparameters,
            validationLossHistory: history, notes: notes)
    }

    /// Validation metrics, calibration table and decision policy of validation probabilities.
    static func evaluate(
        probabilities: [Double], labels: [Double], weights: [Double]?, configuration: TrainingConfiguration
    ) throws(MetricsError) -> (metrics: ValidationMetrics, calibration: CalibrationCurve, policy: DecisionPolicy) {
        let calibration = try CalibrationCurve(labels: labels, probabilities: probabilities, binCount: configuration.calibrationBins)
        var positives = 0.0
        for index in labels.indices { positives += labels[index] * (weights?[index] ?? 1) }
        let metrics = ValidationMetrics(
            rows: labels.count, positives: positives,
            rocAUC: try ClassificationMetrics.rocAUC(labels: labels, scores: probabilities, weights: weights),
            prAUC: try ClassificationMetrics.averagePrecision(labels: labels, scores: probabilities, weights: weights),
            logLoss: try ClassificationMetrics.logLoss(labels: labels, probabilities: probabilities, weights: weights),
            brierScore: try ClassificationMetrics.brierScore(labels: labels, probabilities: probabilities, weights: weights),
            expectedCalibrationError: calibration.expectedCalibrationError, calibrationBins: configuration.calibrationBins,
            calibrationBinning: calibration.binning.rawValue)
        let policy = try DecisionPolicyBuilder.build(scores: probabilities, labels: labels, weights: weights, configuration: configuration)
        return (metrics, calibration, policy)
    }

    /// The GBDT dataset of a table.
    static func dataset(_ table: FeatureTable) throws -> GradientBoostingDataset {
        do {
            return try GradientBoostingDataset(
                columnMajorValues: table.values, rowCount: table.rowCount, featureNames: table.schema.featureNames,
                categoricalFeatures: table.schema.categoricalIndices, labels: table.labels ?? [], weights: table.weights)
        } catch {
            throw TrainingError.learner("the data cannot be used for gbdt: \(error)")
        }
    }
}

