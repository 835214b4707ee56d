import ArgumentParser
import Workbench

extension WorkbenchCommand.Models {
    /// `workbench models list`: names and versions in a registry.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the models in a registry, or the versions of one model.")

        @OptionGroup var options: RegistryOptions

        @Argument(help: "A model name to list its versions (default: every model).")
        var name: String?

        func run() async throws {
            try runReportingModelErrors {
                let registry = ModelRegistry(root: options.registry)
                let names = try name.map { name in
                    try ModelRegistry.checkName(name)
                    _ = try registry.resolve(ModelReference(name: name))
                    return [name]
                } ?? registry.names()
                if names.isEmpty { print("No models in \(options.registry).") }
                for model in names {
                    for version in registry.versions(of: model) {
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
