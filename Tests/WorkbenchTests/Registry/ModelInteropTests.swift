import Foundation
import Testing
@testable import Workbench

extension ModelWorkbenchTests {
    @Suite("models import / export through the registry")
    struct ModelInteropTests {
        @Test("A LightGBM model imported into the registry scores like LightGBM")
        func importMatchesLightGBM() throws {
            let folder = try makeTemporaryFolder("interop")
            defer { try? FileManager.default.removeItem(at: folder) }
            let text = try String(contentsOfFile: try fixturePath("registry/lightgbm_churn.txt"), encoding: .utf8)
            let artifact = try ModelInterop.importLightGBM(text)
            #expect(artifact.features.map(\.name) == ["x1", "x2", "x3"])
            let registry = ModelRegistry(root: folder.path)
            let draft = ModelDraft(
                name: "lgbm", artifact: artifact, trainingData: nil, hyperparameters: nil,
                featureSchema: FeatureSchema(features: artifact.features), validationMetrics: nil, decisionPolicy: nil,
                importedFrom: .init(format: "lightgbm", file: "lightgbm_churn.txt", sha256: ModelRegistry.sha256(Data(text.utf8))))
            let published = try registry.publish(draft)
            #expect(try registry.verify(ModelReference(name: "lgbm", version: published.version)).isIntact)
            let loaded = try registry.load(ModelReference(name: "lgbm"))
            #expect(loaded.manifest.decisionPolicy == nil && loaded.manifest.importedFrom?.format == "lightgbm")
            let table = try TabularReader.readForScoring(
                path: try fixturePath("training/churn.csv"), schema: FeatureSchema(features: loaded.artifact.features))
            let scores = try loaded.artifact.probabilities(for: table)
            let reference = try JSONSerialization.jsonObject(with: fixtureData("registry/lightgbm_churn_scores.json")) as? [String: Any]
            let expected = try #require(reference?["probabilities"] as? [Double])
            #expect(scores.count == expected.count)
            for (score, peer) in zip(scores, expected) { expectClose(score, peer, relativeTolerance: 1e-12) }

            // Export back to LightGBM text and re-import: the same model.
            let exported = try ModelInterop.export(loaded.artifact, format: .lightgbm)
            let again = try ModelInterop.importLightGBM(String(decoding: exported, as: UTF8.self))
            #expect(try again.probabilities(for: table) == scores)
            #expect(try ModelInterop.export(loaded.artifact, format: .onnx).count > 100)
        }

        @Test("Logistic models and non-binary LightGBM models are refused with a reason")
        func refusals() throws {
            let logistic = ModelArtifact(
                modelType: .logistic, features: [FeatureColumn(name: "x", type: .numeric)],
                logistic: LogisticArtifact(intercept: 0, terms: [.init(feature: 0, kind: .numeric, missingValue: 0, coefficient: 1)]))
            let error = #expect(throws: ModelInterop.InteropError.self) { try ModelInterop.export(logistic, format: .onnx) }
            #expect(error?.message.contains("Only gbdt") == true)
            #expect(throws: ModelInterop.InteropError.self) { try ModelInterop.importLightGBM("tree\nversion=v4\n") }
        }
    }
}
