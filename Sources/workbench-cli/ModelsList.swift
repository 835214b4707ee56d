import ArgumentParser
import Workbench

extension WorkbenchCommand.Models {
    /// `workbench models list`: names and versions in a registry.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the models in a registry, or the versions of one model.")

        @OptionGroup var options: RegistryOptions

        @Argument(help: "NAME to list its versions, or NAME@VERSION for one version (default: every model).")
        var name: String?

        func run() async throws {
            try runReportingModelErrors {
                let registry = ModelRegistry(root: options.registry)
                var selected: [(String, [Int])] = registry.names().map { ($0, registry.versions(of: $0)) }
                if let name {
                    let reference = try ModelReference(parsing: name)
                    let version = try registry.resolve(reference)
                    selected = [(reference.name, reference.version == nil ? registry.versions(of: reference.name) : [version])]
                }
                if selected.isEmpty { print("No models in \(options.registry).") }
                for (model, versions) in selected {
                    for version in versions {
                        let reference = ModelReference(name: model, version: version)
                        if let manifest = try? registry.manifest(reference) {
                            let detail = manifest.validationMetrics.map { metrics in
                                "validation AUC \(String(format: "%.4f", metrics.rocAUC))  rows \(manifest.trainingData?.rows ?? 0)"
                            } ?? manifest.importedFrom.map { "imported from \($0.format) \($0.file)" } ?? ""
                            print("\(model)@\(version)  \(manifest.modelType.rawValue)  \(manifest.createdAt)  \(detail)")
                        } else {
                            print("\(model)@\(version)  (manifest unreadable: run `workbench models verify`)")
                        }
                    }
                }
            }
        }
    }
}
