import Foundation
@testable import Workbench

/// The path of a fixture file under `Fixtures/`.
func fixturePath(_ relative: String) throws -> String {
    guard let base = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
    return base.appendingPathComponent("Fixtures/\(relative)").path
}

/// A fresh empty temporary folder, removed by the caller with `removeTemporaryFolder`.
func makeTemporaryFolder(_ label: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("workbench-\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Writes `text` to `name` inside `folder` and returns the path.
@discardableResult
func writeFile(_ text: String, named name: String, in folder: URL) throws -> String {
    let url = folder.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
}

/// Read options for the churn fixture.
let churnOptions = TabularReadOptions(target: "churned", categorical: ["plan"], ignored: ["unit_id"])

/// A small, fast gbdt configuration for tests.
func smallGBDTConfiguration(seed: UInt64 = 7) -> TrainingConfiguration {
    var configuration = TrainingConfiguration()
    configuration.modelType = .gbdt
    configuration.trees = 20
    configuration.leaves = 8
    configuration.minDataInLeaf = 10
    configuration.threads = 1
    configuration.seed = seed
    return configuration
}
