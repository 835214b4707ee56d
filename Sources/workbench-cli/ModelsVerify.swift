import ArgumentParser
import Workbench

extension WorkbenchCommand.Models {
    /// `workbench models verify`: re-hash and re-validate versions.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that model versions are intact: every file's SHA-256 and the model's structure.",
            discussion: "Exits with status 1 when any version has a problem. Without NAME, verifies every version in the registry.")

        @OptionGroup var options: RegistryOptions

        @Argument(help: "NAME (all its versions) or NAME@VERSION; default: every model.")
        var model: String?

        func run() async throws {
            let allIntact = try runReportingModelErrors { () throws -> Bool in
                let registry = ModelRegistry(root: options.registry)
                var references: [ModelReference] = []
                if let model {
                    let reference = try ModelReference(parsing: model)
                    if reference.version != nil {
                        references = [reference]
                    } else {
                        _ = try registry.resolve(reference)
                        references = registry.versions(of: reference.name).map { ModelReference(name: reference.name, version: $0) }
                    }
                } else {
                    references = registry.names().flatMap { name in registry.versions(of: name).map { ModelReference(name: name, version: $0) } }
                }
                if references.isEmpty { print("No models in \(options.registry).") }
                var intact = true
                for reference in references {
                    let report = try registry.verify(reference)
                    if report.isIntact {
                        print("\(reference): OK (\(report.verifiedFiles.joined(separator: ", ")))")
                    } else {
                        intact = false
                        print("\(reference): FAILED")
                        for problem in report.problems { print("  - \(problem)") }
                    }
                }
                return intact
            }
            if !allIntact { throw ExitCode.failure }
        }
    }
}
