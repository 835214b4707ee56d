import Foundation
import Models

/// The human-readable report of a trained version: `report.md` and a self-contained
/// `report.html` (inline CSS and SVG, no scripts, every user-provided string escaped).
public struct TrainingReport: Sendable {
    /// The manifest of the version being written.
    public var manifest: ModelManifest
    /// The training outcome.
    public var outcome: TrainingOutcome

    /// Creates a report.
    public init(manifest: ModelManifest, outcome: TrainingOutcome) {
        self.manifest = manifest
        self.outcome = outcome
    }

    /// One row of the importance or coefficient table.
    struct TermRow {
        var name: String
        var values: [String]
    }

    /// Formats a number with 4 significant digits (or `-`).
    static func number(_ value: Double?) -> String {
        guard let value else { return "-" }
        if value == 0 { return "0" }
        if !value.isFinite { return "\(value)" }
        let magnitude = abs(value)
        if magnitude >= 1e-3 && magnitude < 1e6 { return String(format: "%.4g", value) }
        return String(format: "%.3e", value)
    }

    /// Headers and rows of the model-specific table.
    func termTable() -> (title: String, headers: [String], rows: [TermRow]) {
        let artifact = outcome.artifact
        if let model = outcome.gradientBoostingModel {
            let gain = model.featureImportance(.totalGain)
            let splits = model.featureImportance(.splitCount)
            let totalGain = max(gain.reduce(0, +), .leastNonzeroMagnitude)
            let order = gain.indices.sorted { gain[$0] != gain[$1] ? gain[$0] > gain[$1] : $0 < $1 }
            return ("Feature importance (gbdt)", ["feature", "total gain", "share of gain", "splits"], order.map { index in
                TermRow(name: artifact.features[index].name, values: [Self.number(gain[index]), String(format: "%.1f%%", 100 * gain[index] / totalGain), String(Int(splits[index]))])
            })
        }
        guard let logistic = artifact.logistic else { return ("", [], []) }
        var rows = [TermRow(name: "(intercept)", values: [Self.number(logistic.intercept), Self.number(logistic.interceptStandardError), zText(logistic.intercept, logistic.interceptStandardError)])]
        for term in logistic.terms {
            let feature = artifact.features[term.feature]
            let name = term.kind == .indicator ? "\(feature.name) = \(feature.levels[term.level ?? 0])" : feature.name
            rows.append(TermRow(name: name, values: [Self.number(term.coefficient), Self.number(term.standardError), zText(term.coefficient, term.standardError)]))
        }
        return ("Coefficients (logistic, log-odds per unit; indicators against the first level)", ["term", "coefficient", "standard error", "z"], rows)
    }

    private func zText(_ estimate: Double, _ error: Double?) -> String {
        guard let error, error > 0 else { return "-" }
        return Self.number(estimate / error)
    }

    /// The operating points in display order.
    func operatingPoints() -> [(String, DecisionPolicy.Operating)] {
        let policy = outcome.policy
        return [("fixed", policy.fixed)] + policy.matchRollout.map { ("match_rollout \(Self.number($0.rolloutPercent))%", $0) }
            + [("maximize_f1", policy.maximizeF1)]
    }

    /// Report lines shared by both formats: (label, value) pairs of the summary.
    func summary() -> [(String, String)] {
        var rows: [(String, String)] = [
            ("model", "\(manifest.name)@\(manifest.version) (\(manifest.modelType.rawValue))"),
            ("created at", manifest.createdAt),
            ("model.json SHA-256", manifest.modelSHA256),
        ]
        if let data = manifest.trainingData {
            rows.append(("training data", "\(data.path) (\(data.rows) rows, SHA-256 \(data.sha256))"))
            rows.append(("split", "\(data.trainingRows) training / \(data.validationRows) validation rows; \(data.split)"))
        }
        let hyper = outcome.hyperparameters
        var settings = ["seed \(hyper.seed)", "validation fraction \(Self.number(hyper.validationFraction))"]
        if let trees = hyper.trees { settings.append("trees \(trees) (kept \(hyper.treesKept ?? trees))") }
        if let leaves = hyper.leaves { settings.append("leaves \(leaves)") }
        if let rate = hyper.learningRate { settings.append("learning rate \(Self.number(rate))") }
        if let bins = hyper.maxBins { settings.append("max bins \(bins)") }
        if let minimum = hyper.minDataInLeaf { settings.append("min data in leaf \(minimum)") }
        if let lambda = hyper.lambdaL2 { settings.append("lambda L2 \(Self.number(lambda))") }
        if let rounds = hyper.earlyStoppingRounds { settings.append("early stopping \(rounds) rounds") }
        if manifest.modelType == .logistic {
            settings.append(hyper.inverseRegularization.map { "L2 penalty, C = \(Self.number($0))" } ?? "unpenalised")
        }
        rows.append(("hyperparameters", settings.joined(separator: ", ")))
        return rows
    }

    /// Validation metrics as (name, value, note).
    func metricRows() -> [(String, String, String)] {
        let metrics = outcome.metrics
        return [
            ("rows (positives)", "\(metrics.rows) (\(Self.number(metrics.positives)))", "held-out validation split"),
            ("ROC AUC", Self.number(metrics.rocAUC), "ranking quality, 0.5 = random"),
            ("PR AUC (average precision)", Self.number(metrics.prAUC), "step-wise area under precision-recall"),
            ("log loss", Self.number(metrics.logLoss), "lower is better"),
            ("Brier score", Self.number(metrics.brierScore), "mean squared error of the probability"),
            ("ECE", Self.number(metrics.expectedCalibrationError), "\(metrics.calibrationBins) \(metrics.calibrationBinning) bins on [0, 1], count-weighted |observed - predicted|"),
        ]
    }
}
