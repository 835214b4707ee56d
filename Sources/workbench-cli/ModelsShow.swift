import ArgumentParser
import Foundation
import Workbench

extension WorkbenchCommand.Models {
    /// `workbench models show`: print a version's manifest.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the manifest of a model version (schema, metrics, thresholds, checksums).")

        @OptionGroup var options: RegistryOptions

        @Argument(help: "NAME or NAME@VERSION (default version: the latest).")
        var model: String

        func run() async throws {
            try runReportingModelErrors {
                let registry = ModelRegistry(root: options.registry)
                let reference = try ModelReference(parsing: model)
                let version = try registry.resolve(reference)
                let url = registry.folder(name: reference.name, version: version).appendingPathComponent("manifest.json")
                _ = try registry.manifest(ModelReference(name: reference.name, version: version))
                guard let data = FileManager.default.contents(atPath: url.path) else {
                    throw RegistryError.unreadable(path: url.path, reason: "cannot read the file")
                }
                print(String(decoding: data, as: UTF8.self), terminator: "")
                print("path: \(url.deletingLastPathComponent().path)")
            }
        }
    }
}
