import Foundation
import Testing
@testable import Workbench

extension ModelWorkbenchTests {
    @Suite("model.json validation on load")
    struct ArtifactValidationTests {
        /// A two-split tree on features [x numeric, c categorical with 3 levels].
        static func artifact(_ edit: (inout TreeArtifact) -> Void = { _ in }) -> ModelArtifact {
            let json = """
                {"categorical":[false,true],"default_left":[true,false],"internal_count":[10,6],"leaf_count":[4,3,3],
                 "leaf_value":[-0.5,0.25,1],"left_categories":[[],[0,2]],"left_child":[-1,-2],"right_child":[1,-3],
                 "split_feature":[0,1],"split_gain":[1.5,0.5],"threshold":[2.5,0]}
                """
            // Decoding from literal JSON also exercises the documented field names.
            var tree = (try? JSONDecoder().decode(TreeArtifact.self, from: Data(json.utf8)))!
            edit(&tree)
            return ModelArtifact(
                modelType: .gbdt,
                features: [FeatureColumn(name: "x", type: .numeric), FeatureColumn(name: "c", type: .categorical, levels: ["a", "b", "c"])],
                gbdt: TreeEnsembleArtifact(initialScore: 0.1, trees: [tree]))
        }

        @Test("The documented decision rule: <= goes left, missing by default_left, categorical set membership")
        func decisionRule() throws {
            let model = Self.artifact()
            try model.validate()
            #expect(model.rawScore(row: [2.5, 0]) == 0.1 - 0.5)  // x <= 2.5 goes left to leaf 0
            #expect(model.rawScore(row: [.nan, 1]) == 0.1 - 0.5)  // missing x: default_left
            #expect(model.rawScore(row: [2.6, 0]) == 0.1 + 0.25)  // right, code 0 listed: left (leaf 1)
            #expect(model.rawScore(row: [3, 2]) == 0.1 + 0.25)
            #expect(model.rawScore(row: [3, 1]) == 0.1 + 1)  // unlisted code goes right
            #expect(model.rawScore(row: [3, .nan]) == 0.1 + 1)  // missing / unknown level goes right
            expectClose(model.probability(row: [3, 1]), 1 / (1 + exp(-1.1)), relativeTolerance: 1e-15)
            // The fast evaluator used for scoring agrees.
            let fast = try model.gradientBoostingModel().predictions(columnMajor: [2.5, .nan, 2.6, 3, 3, 3, 0, 1, 0, 2, 1, .nan], rowCount: 6)
            #expect(fast == [[2.5, 0], [.nan, 1], [2.6, 0], [3, 2], [3, 1], [3, .nan]].map { model.probability(row: $0) })
        }

        @Test("Cycles, shared children, bad indices, non-finite values and wrong formats are rejected", arguments: [
            "cycle", "shared", "leaf-range", "feature-range", "infinite", "categorical-on-numeric", "lengths",
        ])
        func rejects(_ damage: String) {
            let model: ModelArtifact
            switch damage {
            case "cycle": model = Self.artifact { $0.rightChild[1] = 0 }
            case "shared": model = Self.artifact { $0.leftChild[1] = -1 }
            case "leaf-range": model = Self.artifact { $0.leftChild[1] = -9 }
            case "feature-range": model = Self.artifact { $0.splitFeature[0] = 5 }
            case "infinite": model = Self.artifact { $0.leafValue[2] = .infinity }
            case "categorical-on-numeric": model = Self.artifact { $0.splitFeature[1] = 0 }
            default: model = Self.artifact { $0.leafValue.append(0) }
            }
            #expect(throws: ArtifactValidationError.self) { try model.validate() }
        }

        @Test("A self-loop through a non-root node is rejected")
        func selfLoop() {
            let model = Self.artifact { tree in
                // Node 1 points to itself; leaf 1 becomes unreferenced.
                tree.leftChild[1] = 1
            }
            #expect(throws: ArtifactValidationError.self) { try model.validate() }
        }

        @Test("Unsupported formats and malformed JSON do not load")
        func formats() throws {
            var model = Self.artifact()
            model.format = "workbench-model/99"
            #expect(throws: ArtifactValidationError.self) { try model.validate() }
            #expect(throws: RegistryError.self) { try ModelRegistry.decodeArtifact(Data("{\"format\":".utf8), path: "model.json") }
            let encoded = try CanonicalJSON.encode(Self.artifact())
            #expect(try ModelRegistry.decodeArtifact(encoded, path: "model.json") == Self.artifact())
            #expect(try CanonicalJSON.encode(try ModelRegistry.decodeArtifact(encoded, path: "model.json")) == encoded)
        }
    }
}
