import Foundation
import Synchronization
import Testing
@testable import Workbench

/// Failures injected into a publish.
struct InjectedFailure: Error {}

extension ModelWorkbenchTests {
    @Suite("Model registry: versions, atomic writes, verification")
    struct ModelRegistryTests {
        /// One trained draft shared by the tests (training once keeps the suite fast).
        static let draft: ModelDraft = {
            do {
                let data = try fixturePath("training/churn.csv")
                let table = try TabularReader.readTraining(path: data, options: churnOptions)
                var configuration = smallGBDTConfiguration()
                configuration.trees = 5
                let outcome = try ModelTrainer.train(table, configuration: configuration)
                return TrainingPipeline.draft(name: "churn", dataPath: data, table: table, outcome: outcome)
            } catch {
                preconditionFailure("training fixture failed: \(error)")
            }
        }()

        @Test("Versions are 1, 2, 3 and a deleted version's number is never reused")
        func monotonicVersions() throws {
            let folder = try makeTemporaryFolder("registry")
            defer { try? FileManager.default.removeItem(at: folder) }
            let registry = ModelRegistry(root: folder.path)
            for expected in 1...3 { #expect(try registry.publish(Self.draft).version == expected) }
            try FileManager.default.removeItem(at: registry.folder(name: "churn", version: 3))
            #expect(registry.versions(of: "churn") == [1, 2])
            #expect(try registry.publish(Self.draft).version == 4)
            #expect(registry.names() == ["churn"])
            #expect(try registry.resolve(ModelReference(name: "churn")) == 4)
            #expect(throws: RegistryError.self) { try registry.resolve(ModelReference(name: "churn", version: 3)) }
            let manifest = try registry.manifest(ModelReference(name: "churn", version: 4))
            #expect(manifest.version == 4 && manifest.name == "churn")
        }

        @Test("Concurrent publishes get distinct consecutive versions (flock serialises allocation)")
        func concurrentPublishes() throws {
            let folder = try makeTemporaryFolder("registry")
            defer { try? FileManager.default.removeItem(at: folder) }
            let registry = ModelRegistry(root: folder.path)
            let draft = Self.draft
            let results = Mutex<[Int]>([])
            DispatchQueue.concurrentPerform(iterations: 6) { _ in
                if let version = try? registry.publish(draft).version { results.withLock { $0.append(version) } }
            }
            #expect(results.withLock { $0.sorted() } == [Int](1...6))
            #expect(registry.versions(of: "churn") == [Int](1...6))
            for version in 1...6 { #expect(try registry.verify(ModelReference(name: "churn", version: version)).isIntact) }
        }

        @Test("An existing version folder is never overwritten")
        func immutableVersions() throws {
            let folder = try makeTemporaryFolder("registry")
            defer { try? FileManager.default.removeItem(at: folder) }
            var registry = ModelRegistry(root: folder.path)
            try registry.publish(Self.draft)
            let first = try Data(contentsOf: registry.folder(name: "churn", version: 1).appendingPathComponent("model.json"))
            // Another writer creates version 2 while this publish is staging its files.
            let squatter = registry.folder(name: "churn", version: 2)
            registry.afterWritingFile = { name in
                if name == "SHA256SUMS" {
                    try FileManager.default.createDirectory(at: squatter, withIntermediateDirectories: false)
                    try Data("other".utf8).write(to: squatter.appendingPathComponent("model.json"))
                }
            }
            #expect(throws: RegistryError.versionExists(path: squatter.path)) { try registry.publish(Self.draft) }
            #expect(try String(contentsOf: squatter.appendingPathComponent("model.json"), encoding: .utf8) == "other")
            #expect(try Data(contentsOf: registry.folder(name: "churn", version: 1).appendingPathComponent("model.json")) == first)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("churn").path)
            #expect(!leftovers.contains { $0.hasPrefix(".staging") })
        }

        @Test("A failure mid-write leaves no version, with or without cleanup")
        func atomicWrite() throws {
            let folder = try makeTemporaryFolder("registry")
            defer { try? FileManager.default.removeItem(at: folder) }
            var registry = ModelRegistry(root: folder.path)
            registry.afterWritingFile = { name in if name == "report.html" { throw InjectedFailure() } }
            #expect(throws: RegistryError.self) { try registry.publish(Self.draft) }
            #expect(registry.versions(of: "churn").isEmpty)
            #expect(registry.names().isEmpty)
            let modelFolder = folder.appendingPathComponent("churn").path
            #expect(try FileManager.default.contentsOfDirectory(atPath: modelFolder).filter { !$0.hasPrefix(".lock") }.isEmpty)

            // A crash (no cleanup) leaves only a hidden staging folder that is not a version.
            registry.removesStagingOnFailure = false
            #expect(throws: RegistryError.self) { try registry.publish(Self.draft) }
            let entries = try FileManager.default.contentsOfDirectory(atPath: modelFolder)
            #expect(entries.contains { $0.hasPrefix(".staging-1-") })
            #expect(registry.versions(of: "churn").isEmpty)
            #expect(throws: RegistryError.self) { try registry.load(ModelReference(name: "churn")) }

            registry.afterWritingFile = nil
            let published = try registry.publish(Self.draft)
            #expect(published.version == 1)
            #expect(try registry.verify(ModelReference(name: "churn", version: 1)).isIntact)
        }

        @Test("verify catches a one-byte change in every file; load refuses a changed model.json")
        func verifyDetectsChanges() throws {
            let folder = try makeTemporaryFolder("registry")
            defer { try? FileManager.default.removeItem(at: folder) }
            let registry = ModelRegistry(root: folder.path)
            let published = try registry.publish(Self.draft)
            let reference = ModelReference(name: "churn", version: published.version)
            let intact = try registry.verify(reference)
            #expect(intact.isIntact, "\(intact.problems)")
            #expect(intact.verifiedFiles == ["manifest.json", "model.json", "report.html", "report.md"])
            for file in ["model.json", "manifest.json", "report.html", "report.md", "SHA256SUMS"] {
                let url = URL(fileURLWithPath: published.path).appendingPathComponent(file)
                let original = try Data(contentsOf: url)
                for position in [0, original.count / 2, original.count - 2] {
                    var changed = original
                    changed[position] = changed[position] == 0x30 ? 0x31 : 0x30
                    try changed.write(to: url)
                    let report = try registry.verify(reference)
                    #expect(!report.isIntact, "a change at byte \(position) of \(file) went unnoticed")
                }
                try original.write(to: url)
            }
            #expect(try registry.verify(reference).isIntact)

            let modelURL = URL(fileURLWithPath: published.path).appendingPathComponent("model.json")
            var model = try Data(contentsOf: modelURL)
            let index = try #require(model.lastIndex(of: 0x35))  // some digit '5'
            model[index] = 0x36
            try model.write(to: modelURL)
            #expect { try registry.load(reference) } throws: { error in
                guard case .checksumMismatch = error as? RegistryError else { return false }
                return true
            }
            // An unexpected extra file is reported too.
            try Data(contentsOf: URL(fileURLWithPath: published.path).appendingPathComponent("report.md"))
                .write(to: URL(fileURLWithPath: published.path).appendingPathComponent("notes.txt"))
            #expect(try registry.verify(reference).problems.contains { $0.contains("notes.txt") })
        }

        @Test("Names and references are checked")
        func names() throws {
            #expect(throws: RegistryError.self) { try ModelRegistry.checkName("../etc") }
            #expect(throws: RegistryError.self) { try ModelRegistry.checkName(".hidden") }
            #expect(throws: RegistryError.self) { try ModelRegistry.checkName("") }
            try ModelRegistry.checkName("churn-v2_model.1")
            #expect(try ModelReference(parsing: "churn@3") == ModelReference(name: "churn", version: 3))
            #expect(try ModelReference(parsing: "churn") == ModelReference(name: "churn"))
            #expect(throws: RegistryError.self) { try ModelReference(parsing: "churn@0") }
            #expect(throws: RegistryError.self) { try ModelReference(parsing: "churn@x") }
        }
    }
}
