import Foundation
import Testing
@testable import Models

/// One dataset with statsmodels' or scikit-learn's answer, from `Fixtures/logistic/make_fixtures.py`.
struct LogisticCase: Decodable, Sendable, CustomTestStringConvertible {
    struct ClassWeight: Decodable, Sendable { var negative: Double; var positive: Double }
    struct Expected: Decodable, Sendable {
        var intercept: Double?
        var coefficients: [Double]?
        var standardErrors: [Double]?
        var zStatistics: [Double]?
        var pValues: [Double]?
        var lowerBounds: [Double]?
        var upperBounds: [Double]?
        var logLikelihood: Double?
        var statsmodelsFlagsSeparation: Bool?
    }
    var name: String
    var rows: [[Double]]
    var labels: [Double]
    var weights: [Double]?
    var penalty: String
    var inverseStrength: Double?
    var classWeight: ClassWeight?
    var balanced: Bool
    var expected: Expected
    var testDescription: String { name }

    enum CodingKeys: String, CodingKey { case name, rows, labels, weights, penalty, inverseStrength, classWeight, expected }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        rows = try container.decode([[Double]].self, forKey: .rows)
        labels = try container.decode([Double].self, forKey: .labels)
        weights = try container.decodeIfPresent([Double].self, forKey: .weights)
        penalty = try container.decode(String.self, forKey: .penalty)
        inverseStrength = try container.decodeIfPresent(Double.self, forKey: .inverseStrength)
        // "balanced" is a string; explicit class weights are an object.
        balanced = (try? container.decode(String.self, forKey: .classWeight)) == "balanced"
        classWeight = try? container.decode(ClassWeight.self, forKey: .classWeight)
        expected = try container.decode(Expected.self, forKey: .expected)
    }

    var regression: LogisticRegression {
        var regression = LogisticRegression()
        if penalty == "l2", let inverseStrength { regression.penalty = .l2(inverseStrength: inverseStrength) }
        if balanced { regression.classWeighting = .balanced }
        if let classWeight { regression.classWeighting = .explicit(negative: classWeight.negative, positive: classWeight.positive) }
        return regression
    }

    static let all: [LogisticCase] = {
        do {
            return try JSONDecoder().decode([LogisticCase].self, from: fixtureData("logistic/logistic_cases.json"))
        } catch {
            Issue.record("cannot read logistic fixtures: \(error)")
            return []
        }
    }()

    static func named(_ name: String) -> LogisticCase? { all.first { $0.name == name } }
    static var withPeerCoefficients: [LogisticCase] { all.filter { $0.expected.coefficients != nil } }
}

@Suite struct LogisticRegressionTests {
    @Test(arguments: LogisticCase.withPeerCoefficients) func coefficientsMatchPeers(_ c: LogisticCase) throws {
        let model = try c.regression.fit(Matrix(rowArrays: c.rows), labels: c.labels, weights: c.weights)
        #expect(model.diagnostics.converged, "\(model.diagnostics)")
        #expect(model.diagnostics.separation == nil)
        expectClose(model.intercept, try #require(c.expected.intercept), relativeTolerance: 1e-6)
        let expected = try #require(c.expected.coefficients)
        #expect(model.coefficients.count == expected.count)
        for (actual, reference) in zip(model.coefficients, expected) {
            // Plain relative error, even for coefficients of features in units of 1000 or 0.01.
            expectClose(actual, reference, relativeTolerance: 1e-6)
        }
    }

    @Test(arguments: LogisticCase.all.filter { $0.expected.standardErrors != nil })
    func inferenceMatchesStatsmodels(_ c: LogisticCase) throws {
        let model = try c.regression.fit(Matrix(rowArrays: c.rows), labels: c.labels, weights: c.weights)
        let inference = try #require(model.inference)
        let pairs: [([Double], [Double]?)] = [
            (inference.standardErrors, c.expected.standardErrors), (inference.zStatistics, c.expected.zStatistics),
            (inference.lowerBounds, c.expected.lowerBounds), (inference.upperBounds, c.expected.upperBounds),
        ]
        for (actual, reference) in pairs {
            let reference = try #require(reference)
            #expect(actual.count == reference.count)
            for (a, r) in zip(actual, reference) { expectClose(a, r, relativeTolerance: 1e-6, absoluteFloor: 1e-6) }
        }
        for (a, r) in zip(inference.pValues, try #require(c.expected.pValues)) {
            expectClose(a, r, relativeTolerance: 1e-5, absoluteFloor: 1e-12)
        }
        expectClose(model.diagnostics.logLikelihood, try #require(c.expected.logLikelihood), relativeTolerance: 1e-9)
    }

    @Test func completeSeparationIsReportedNotThrown() throws {
        let c = try #require(LogisticCase.named("separableRidge"))
        #expect(c.expected.statsmodelsFlagsSeparation == true)
        let model = try LogisticRegression().fit(Matrix(rowArrays: c.rows), labels: c.labels)
        #expect(model.diagnostics.stopReason == .separation)
        #expect(model.diagnostics.separation?.kind == .complete)
        #expect(!model.diagnostics.converged)
        #expect(model.inference == nil)
        #expect(model.coefficients.allSatisfy(\.isFinite) && model.intercept.isFinite)
    }

    @Test func quasiCompleteSeparationIsReported() throws {
        let c = try #require(LogisticCase.named("quasiSeparable"))
        let model = try LogisticRegression().fit(Matrix(rowArrays: c.rows), labels: c.labels)
        #expect(model.diagnostics.stopReason == .separation, "\(model.diagnostics)")
        #expect(model.diagnostics.separation?.kind == .quasiComplete)
        // The flag (column 2) is the separating direction: its coefficient has run far past
        // any plausible finite value while the others stay moderate, and the rows carrying it
        // are (nearly) perfectly predicted.
        #expect(model.coefficients[2] > 10, "\(model.coefficients)")
        #expect(abs(model.coefficients[0]) < 2 && abs(model.coefficients[1]) < 2, "\(model.coefficients)")
        let flagged = c.rows.filter { $0[2] == 1 }.count
        let saturated = model.diagnostics.separation?.perfectlyPredictedRows ?? 0
        #expect(saturated > flagged / 2 && saturated <= c.rows.count, "\(saturated) of \(flagged)")
        let flaggedProbabilities = zip(model.probabilities(for: Matrix(rowArrays: c.rows)), c.rows).filter { $1[2] == 1 }.map(\.0)
        #expect(flaggedProbabilities.allSatisfy { $0 > 0.999 })
        #expect(model.inference == nil)
    }

    @Test func predictionsAreTheLogisticOfTheLinearPredictor() throws {
        let c = try #require(LogisticCase.named("unpenalised"))
        let features = Matrix(rowArrays: c.rows)
        let model = try LogisticRegression().fit(features, labels: c.labels)
        let probabilities = model.probabilities(for: features)
        // statsmodels' log-likelihood, recomputed from our probabilities.
        var logLikelihood = 0.0
        for (p, y) in zip(probabilities, c.labels) { logLikelihood += y == 1 ? log(p) : log(1 - p) }
        expectClose(logLikelihood, try #require(c.expected.logLikelihood), relativeTolerance: 1e-9)
    }

    @Test func invalidInputsThrowTypedErrors() {
        let features = Matrix(rowArrays: [[1, 2], [2, 1], [3, 5]])
        #expect(throws: LogisticRegressionError.invalidLabel(row: 1, value: 2)) {
            try LogisticRegression().fit(features, labels: [0, 2, 1])
        }
        #expect(throws: LogisticRegressionError.singleClass(presentLabel: 1)) {
            try LogisticRegression().fit(features, labels: [1, 1, 1])
        }
        #expect(throws: LogisticRegressionError.lengthMismatch(name: "labels", expected: 3, actual: 2)) {
            try LogisticRegression().fit(features, labels: [1, 0])
        }
        #expect(throws: LogisticRegressionError.constantFeature(column: 0)) {
            try LogisticRegression().fit(Matrix(rowArrays: [[1, 2], [1, 1], [1, 5]]), labels: [0, 1, 1])
        }
        #expect(throws: LogisticRegressionError.self) {
            try LogisticRegression(penalty: .l2(inverseStrength: 0)).fit(features, labels: [0, 1, 1])
        }
        #expect(throws: LogisticRegressionError.nonFiniteFeature(row: 2, column: 1, value: .infinity)) {
            try LogisticRegression().fit(Matrix(rowArrays: [[1, 2], [2, 1], [3, .infinity]]), labels: [0, 1, 1])
        }
    }

    @Test func collinearFeaturesThrowInsteadOfReturningGarbage() {
        // Column 1 is exactly twice column 0, so X^T W X is singular.
        let rows: [[Double]] = (0..<40).map { i in let v = Double(i % 7) - 3; return [v, 2 * v, Double(i % 5)] }
        let labels: [Double] = (0..<40).map { Double(($0 * 7919) % 3 == 0 ? 1 : 0) }
        #expect(throws: LogisticRegressionError.self) {
            try LogisticRegression().fit(Matrix(rowArrays: rows), labels: labels)
        }
    }

    @Test func blockSizeDoesNotChangeTheAnswer() throws {
        let c = try #require(LogisticCase.named("ridgeWeightedBalanced"))
        let features = Matrix(rowArrays: c.rows)
        var small = c.regression
        small.blockRows = 7
        let reference = try c.regression.fit(features, labels: c.labels, weights: c.weights)
        let blocked = try small.fit(features, labels: c.labels, weights: c.weights)
        for (a, b) in zip(blocked.coefficients, reference.coefficients) { expectClose(a, b, relativeTolerance: 1e-10, absoluteFloor: 1e-8) }
    }

    @Test(arguments: ["ridgeWeightedBalanced", "unpenalised"]) func warmStartGivesTheSameOptimum(_ name: String) throws {
        let c = try #require(LogisticCase.named(name))
        let features = Matrix(rowArrays: c.rows)
        var warm = c.regression
        warm.warmStartRows = 64  // a 1-in-k subsample of 64-75 rows, as large fits use 65k
        let model = try warm.fit(features, labels: c.labels, weights: c.weights)
        #expect(model.diagnostics.converged)
        // The subsample fit itself succeeds, so the full fit really started from it.
        let penaltyWeight: Double = if case let .l2(inverseStrength) = warm.penalty { 1 / inverseStrength } else { 0 }
        let start = warm.warmStart(
            features: features, labels: c.labels, weights: c.weights ?? [Double](repeating: 1, count: c.labels.count),
            penaltyWeight: penaltyWeight)
        #expect(start != nil)
        expectClose(model.intercept, try #require(c.expected.intercept), relativeTolerance: 1e-6)
        let expected = try #require(c.expected.coefficients)
        for (actual, reference) in zip(model.coefficients, expected) {
            expectClose(actual, reference, relativeTolerance: 1e-6)
        }
    }
}
