import Foundation
import Models
import Testing
@testable import Workbench

extension ModelWorkbenchTests {
    @Suite("Training and scoring round trip")
    struct TrainingRoundTripTests {
        @Test("gbdt: train -> publish -> load -> score equals the in-memory model exactly")
        func gbdtRoundTrip() throws {
            let folder = try makeTemporaryFolder("train")
            defer { try? FileManager.default.removeItem(at: folder) }
            let data = try fixturePath("training/churn.csv")
            let registry = ModelRegistry(root: folder.path)
            let result = try TrainingPipeline.run(
                dataPath: data, readOptions: churnOptions, configuration: smallGBDTConfiguration(), name: "churn", registry: registry)
            #expect(result.version == 1)
            for file in ["model.json", "manifest.json", "report.html", "report.md", "SHA256SUMS"] {
                #expect(FileManager.default.fileExists(atPath: "\(result.path)/\(file)"))
            }
            let loaded = try registry.load(ModelReference(name: "churn"))
            #expect(loaded.artifact == result.outcome.artifact)
            let table = try TabularReader.readForScoring(path: data, schema: FeatureSchema(features: loaded.artifact.features))
            let scores = try loaded.artifact.probabilities(for: table)
            let model = try #require(result.outcome.gradientBoostingModel)
            let expected = try model.predictions(columnMajor: table.values, rowCount: table.rowCount)
            #expect(scores == expected)
            // The documented row-by-row evaluator agrees with the fast path bit for bit.
            for row in stride(from: 0, to: table.rowCount, by: 37) {
                let values = (0..<table.featureCount).map { table.values[$0 * table.rowCount + row] }
                #expect(loaded.artifact.probability(row: values) == expected[row])
            }
            // The manifest's validation metrics recompute from the stored validation scores.
            let manifest = loaded.manifest
            let trainingData = try #require(manifest.trainingData)
            #expect(trainingData.rows == 600)
            #expect(trainingData.trainingRows + trainingData.validationRows == 600)
            let reference = try JSONSerialization.jsonObject(with: fixtureData("training/churn_logit.json")) as? [String: Any]
            #expect(trainingData.sha256 == reference?["churn_csv_sha256"] as? String)  // Python hashlib
            #expect(manifest.featureSchema.features.map(\.name) == ["x1", "x2", "x3", "plan"])
            #expect(try #require(manifest.validationMetrics).rocAUC > 0.7)
        }

        @Test("logistic: coefficients and SEs match statsmodels on the full table; scores round trip")
        func logisticMatchesStatsmodels() throws {
            let data = try fixturePath("training/churn.csv")
            let table = try TabularReader.readTraining(path: data, options: churnOptions)
            let design = LogisticDesign(training: table)
            let model = try LogisticRegression().fit(design.matrix(table), labels: table.labels ?? [])
            let artifact = design.artifact(model)
            let reference = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: try fixturePath("training/churn_logit.json")))) as? [String: Any]
            let coefficients = try #require(reference?["coefficients"] as? [Double])
            let errors = try #require(reference?["standard_errors"] as? [Double])
            expectClose(artifact.intercept, try #require(reference?["intercept"] as? Double), relativeTolerance: 1e-7)
            expectClose(try #require(artifact.interceptStandardError), try #require(reference?["intercept_standard_error"] as? Double), relativeTolerance: 1e-6)
            #expect(artifact.terms.count == coefficients.count)
            for (index, term) in artifact.terms.enumerated() {
                expectClose(term.coefficient, coefficients[index], relativeTolerance: 1e-7)
                expectClose(try #require(term.standardError), errors[index], relativeTolerance: 1e-6)
            }
            expectClose(try #require(artifact.terms[2].missingValue), try #require(reference?["x3_mean"] as? Double), relativeTolerance: 1e-12)

            // Through the registry: scores equal the in-memory model (BLAS sums in another order: 1e-12).
            let folder = try makeTemporaryFolder("train")
            defer { try? FileManager.default.removeItem(at: folder) }
            var configuration = TrainingConfiguration()
            configuration.modelType = .logistic
            let registry = ModelRegistry(root: folder.path)
            let result = try TrainingPipeline.run(dataPath: data, readOptions: churnOptions, configuration: configuration, name: "churn-logit", registry: registry)
            let loaded = try registry.load(ModelReference(name: "churn-logit", version: result.version))
            let scoring = try TabularReader.readForScoring(path: data, schema: FeatureSchema(features: loaded.artifact.features))
            let scores = try loaded.artifact.probabilities(for: scoring)
            let fitted = try #require(result.outcome.logisticModel)
            let expected = fitted.probabilities(for: LogisticDesign(training: table.selecting(rows: result.outcome.split.training)).matrix(scoring))
            for (score, reference) in zip(scores, expected) { expectClose(score, reference, relativeTolerance: 1e-12) }
            let report = try String(contentsOfFile: "\(result.path)/report.md", encoding: .utf8)
            #expect(report.contains("plan = plus"))
            #expect(report.contains("standard error"))
        }

        @Test("An unseen categorical level scores exactly like a missing value", arguments: [ModelArtifact.ModelType.gbdt, .logistic])
        func unknownLevelScoresAsMissing(_ type: ModelArtifact.ModelType) throws {
            let folder = try makeTemporaryFolder("train")
            defer { try? FileManager.default.removeItem(at: folder) }
            var configuration = type == .gbdt ? smallGBDTConfiguration() : TrainingConfiguration()
            configuration.modelType = type
            let registry = ModelRegistry(root: folder.appendingPathComponent("registry").path)
            try TrainingPipeline.run(
                dataPath: try fixturePath("training/churn.csv"), readOptions: churnOptions, configuration: configuration, name: "m", registry: registry)
            let loaded = try registry.load(ModelReference(name: "m"))
            let path = try writeFile(
                "x1,x2,x3,plan\n0.5,-1,2,enterprise\n0.5,-1,2,\n0.5,-1,2,NaN\n0.5,-1,2,pro\n0.5,-1,2,basic\n", named: "s.csv", in: folder)
            let table = try TabularReader.readForScoring(path: path, schema: FeatureSchema(features: loaded.artifact.features))
            let scores = try loaded.artifact.probabilities(for: table)
            #expect(table.unknownLevelCounts == ["plan": 1])
            #expect(scores[0] == scores[1] && scores[1] == scores[2])
            #expect(scores[3] != scores[0])
            if type == .logistic { #expect(scores[0] == scores[4]) }  // no indicator set = the reference level
        }

        @Test("Same data and seed give a byte-identical model.json")
        func deterministicBytes() throws {
            let folder = try makeTemporaryFolder("train")
            defer { try? FileManager.default.removeItem(at: folder) }
            let data = try fixturePath("training/churn.csv")
            let registry = ModelRegistry(root: folder.path)
            let first = try TrainingPipeline.run(dataPath: data, readOptions: churnOptions, configuration: smallGBDTConfiguration(seed: 3), name: "m", registry: registry)
            let second = try TrainingPipeline.run(dataPath: data, readOptions: churnOptions, configuration: smallGBDTConfiguration(seed: 3), name: "m", registry: registry)
            let third = try TrainingPipeline.run(dataPath: data, readOptions: churnOptions, configuration: smallGBDTConfiguration(seed: 4), name: "m", registry: registry)
            let bytes = { (path: String) in try Data(contentsOf: URL(fileURLWithPath: "\(path)/model.json")) }
            #expect(try bytes(first.path) == bytes(second.path))
            #expect(try bytes(first.path) != bytes(third.path))  // another seed, another split
            #expect([first.version, second.version, third.version] == [Int](1...3))
            let text = String(decoding: try bytes(first.path), as: UTF8.self)
            #expect(!text.contains("created"))
            #expect(text.hasPrefix("{\"features\":"))  // keys sorted
        }

        @Test("Decision policy: thresholds from the validation split, rollout shares never overshoot")
        func decisionPolicy() throws {
            let table = try TabularReader.readTraining(path: try fixturePath("training/churn.csv"), options: churnOptions)
            let outcome = try ModelTrainer.train(table, configuration: smallGBDTConfiguration())
            let policy = outcome.policy
            #expect(policy.chosenOn == "validation")
            #expect(policy.matchRollout.map(\.rolloutPercent) == [1, 5, 10, 20, 50])
            for point in policy.matchRollout {
                let percent = try #require(point.rolloutPercent)
                #expect(point.enabledShare <= percent / 100 + 1e-12)
                let enabled = outcome.validationProbabilities.filter { $0 >= point.threshold }.count
                #expect(Double(enabled) / Double(outcome.validationProbabilities.count) == point.enabledShare)
            }
            let f1 = try ClassificationMetrics.selectThreshold(.maximumF1, scores: outcome.validationProbabilities, labels: outcome.validationLabels)
            #expect(policy.maximizeF1.threshold == f1.threshold)
            #expect(policy.abstainBand.lower <= policy.maximizeF1.threshold && policy.maximizeF1.threshold <= policy.abstainBand.upper)
            #expect(policy.abstainBand.validationShare > 0.05 && policy.abstainBand.validationShare < 0.2)
            let auc = try ClassificationMetrics.rocAUC(labels: outcome.validationLabels, scores: outcome.validationProbabilities)
            #expect(outcome.metrics.rocAUC == auc)
            #expect(outcome.metrics.rows == outcome.split.validation.count)
        }

        @Test("The HTML report escapes user-provided names")
        func reportEscapes() throws {
            let folder = try makeTemporaryFolder("train")
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = try writeFile(
                "<script>x,y\n" + (0..<60).map { "\(Double($0 % 7)),\($0 % 3 == 0 ? 1 : 0)" }.joined(separator: "\n") + "\n",
                named: "evil.csv", in: folder)
            var configuration = smallGBDTConfiguration()
            configuration.minDataInLeaf = 3
            let result = try TrainingPipeline.run(
                dataPath: path, readOptions: TabularReadOptions(target: "y"), configuration: configuration, name: "evil",
                registry: ModelRegistry(root: folder.appendingPathComponent("registry").path))
            let html = try String(contentsOfFile: "\(result.path)/report.html", encoding: .utf8)
            #expect(!html.contains("<script>"))
            #expect(html.contains("&lt;script&gt;"))
        }
    }
}
