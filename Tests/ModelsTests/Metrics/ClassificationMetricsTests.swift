import Foundation
import Testing
@testable import Models

/// One dataset with scikit-learn's values, written by `Fixtures/metrics/make_fixtures.py`.
struct MetricsCase: Decodable, Sendable, CustomTestStringConvertible {
    struct Curve: Decodable, Sendable { var precision: [Double]; var recall: [Double]; var thresholds: [Double] }
    struct Matrix: Decodable, Sendable {
        var threshold: Double; var truePositives: Double; var falsePositives: Double
        var trueNegatives: Double; var falseNegatives: Double
    }
    struct F1: Decodable, Sendable { var threshold: Double; var f1: Double }
    struct Rollout: Decodable, Sendable { var share: Double; var threshold: Double; var enabledShare: Double }
    struct Calibration: Decodable, Sendable {
        var strategy: String; var binCount: Int; var fractionPositive: [Double]; var meanPredicted: [Double]
        var counts: [Int]; var expectedCalibrationError: Double
    }
    struct Expected: Decodable, Sendable {
        var rocAUC: Double; var averagePrecision: Double; var precisionRecallCurve: Curve
        var logLoss: Double; var brierScore: Double; var confusionMatrices: [Matrix]
        var maximumF1: F1; var rollouts: [Rollout]; var calibrationCurves: [Calibration]
    }
    var name: String
    var labels: [Double]
    var scores: [Double]
    var probabilities: [Double]
    var weights: [Double]?
    var expected: Expected
    var testDescription: String { name }

    static let all: [MetricsCase] = {
        do {
            return try JSONDecoder().decode([MetricsCase].self, from: fixtureData("metrics/metrics_cases.json"))
        } catch {
            Issue.record("cannot read metrics fixtures: \(error)")
            return []
        }
    }()
}

@Suite struct ClassificationMetricsTests {
    @Test(arguments: MetricsCase.all) func rankingMetricsMatchScikitLearn(_ c: MetricsCase) throws {
        expectClose(try ClassificationMetrics.rocAUC(labels: c.labels, scores: c.scores, weights: c.weights), c.expected.rocAUC, relativeTolerance: 1e-12)
        expectClose(
            try ClassificationMetrics.averagePrecision(labels: c.labels, scores: c.scores, weights: c.weights),
            c.expected.averagePrecision, relativeTolerance: 1e-12)
        let curve = try ClassificationMetrics.precisionRecallCurve(labels: c.labels, scores: c.scores, weights: c.weights)
        #expect(curve.thresholds == c.expected.precisionRecallCurve.thresholds)
        #expect(curve.precision.count == c.expected.precisionRecallCurve.precision.count)
        for (actual, expected) in zip(curve.precision, c.expected.precisionRecallCurve.precision) {
            expectClose(actual, expected, relativeTolerance: 1e-12, absoluteFloor: 1e-12)
        }
        for (actual, expected) in zip(curve.recall, c.expected.precisionRecallCurve.recall) {
            expectClose(actual, expected, relativeTolerance: 1e-12, absoluteFloor: 1e-12)
        }
    }

    @Test(arguments: MetricsCase.all) func probabilityLossesMatchScikitLearn(_ c: MetricsCase) throws {
        expectClose(
            try ClassificationMetrics.logLoss(labels: c.labels, probabilities: c.probabilities, weights: c.weights),
            c.expected.logLoss, relativeTolerance: 1e-12)
        expectClose(
            try ClassificationMetrics.brierScore(labels: c.labels, probabilities: c.probabilities, weights: c.weights),
            c.expected.brierScore, relativeTolerance: 1e-12)
    }

    @Test(arguments: MetricsCase.all) func confusionMatricesMatchScikitLearn(_ c: MetricsCase) throws {
        for expected in c.expected.confusionMatrices {
            let matrix = try ConfusionMatrix(labels: c.labels, scores: c.scores, threshold: expected.threshold, weights: c.weights)
            expectClose(matrix.truePositives, expected.truePositives, relativeTolerance: 1e-12, absoluteFloor: 1)
            expectClose(matrix.falsePositives, expected.falsePositives, relativeTolerance: 1e-12, absoluteFloor: 1)
            expectClose(matrix.trueNegatives, expected.trueNegatives, relativeTolerance: 1e-12, absoluteFloor: 1)
            expectClose(matrix.falseNegatives, expected.falseNegatives, relativeTolerance: 1e-12, absoluteFloor: 1)
        }
    }

    @Test(arguments: MetricsCase.all) func thresholdRulesMatchReference(_ c: MetricsCase) throws {
        let best = try ClassificationMetrics.selectThreshold(.maximumF1, scores: c.scores, labels: c.labels, weights: c.weights)
        #expect(best.threshold == c.expected.maximumF1.threshold)
        expectClose(best.confusionMatrix?.f1 ?? .nan, c.expected.maximumF1.f1, relativeTolerance: 1e-12)
        for rollout in c.expected.rollouts {
            let selection = try ClassificationMetrics.selectThreshold(.rolloutShare(rollout.share), scores: c.scores, weights: c.weights)
            #expect(selection.threshold == rollout.threshold, "share \(rollout.share)")
            expectClose(selection.enabledShare, rollout.enabledShare, relativeTolerance: 1e-12, absoluteFloor: 1e-12)
            #expect(selection.enabledShare <= rollout.share + 1e-12)
            #expect(selection.confusionMatrix == nil)
        }
    }

    @Test(arguments: MetricsCase.all) func calibrationCurvesMatchScikitLearn(_ c: MetricsCase) throws {
        for expected in c.expected.calibrationCurves {
            let binning = try #require(CalibrationBinning(rawValue: expected.strategy))
            let curve = try CalibrationCurve(labels: c.labels, probabilities: c.probabilities, binCount: expected.binCount, binning: binning)
            #expect(curve.bins.map(\.count) == expected.counts, "\(expected.strategy) \(expected.binCount)")
            for (bin, (fraction, mean)) in zip(curve.bins, zip(expected.fractionPositive, expected.meanPredicted)) {
                expectClose(bin.fractionPositive, fraction, relativeTolerance: 1e-12, absoluteFloor: 1e-12)
                expectClose(bin.meanPredicted, mean, relativeTolerance: 1e-12, absoluteFloor: 1e-12)
            }
            expectClose(curve.expectedCalibrationError, expected.expectedCalibrationError, relativeTolerance: 1e-10)
        }
    }

    @Test func tiedScoresGetHalfCredit() throws {
        // Positives {0.5, 0.9}, negatives {0.5, 0.1}: pairs (0.5, 0.5) = 0.5, (0.5, 0.1) = 1,
        // (0.9, 0.5) = 1, (0.9, 0.1) = 1, so AUC = 3.5 / 4.
        let auc = try ClassificationMetrics.rocAUC(labels: [1, 0, 1, 0], scores: [0.5, 0.5, 0.9, 0.1])
        #expect(auc == 0.875)
    }

    @Test func degenerateInputsThrowReasons() {
        #expect(throws: MetricsError.singleClass(presentLabel: 1)) {
            try ClassificationMetrics.rocAUC(labels: [1, 1], scores: [0.2, 0.3])
        }
        #expect(throws: MetricsError.invalidLabel(index: 1, value: 2)) {
            try ClassificationMetrics.rocAUC(labels: [1, 2], scores: [0.2, 0.3])
        }
        #expect(throws: MetricsError.lengthMismatch(name: "scores", expected: 2, actual: 1)) {
            try ClassificationMetrics.averagePrecision(labels: [1, 0], scores: [0.2])
        }
        #expect(throws: MetricsError.probabilityOutOfRange(index: 0, value: 1.5)) {
            try ClassificationMetrics.logLoss(labels: [1], probabilities: [1.5])
        }
        #expect(throws: MetricsError.invalidWeight(index: 0, value: -1)) {
            try ClassificationMetrics.brierScore(labels: [1], probabilities: [0.5], weights: [-1])
        }
        #expect(throws: MetricsError.noPositiveLabels) {
            try ClassificationMetrics.selectThreshold(.maximumF1, scores: [0.1, 0.2], labels: [0, 0])
        }
        #expect(throws: MetricsError.self) {
            try ClassificationMetrics.selectThreshold(.rolloutShare(1.5), scores: [0.1, 0.2])
        }
        #expect(throws: MetricsError.self) {
            try CalibrationCurve(labels: [1], probabilities: [0.5], binCount: 0)
        }
    }

    @Test func logLossClipsCertainMistakes() throws {
        // A certain wrong prediction costs -log(eps) = 36.04 nats, as scikit-learn.
        let loss = try ClassificationMetrics.logLoss(labels: [1], probabilities: [0])
        expectClose(loss, -log(Double.ulpOfOne), relativeTolerance: 1e-12)
    }
}
