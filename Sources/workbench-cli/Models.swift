import ArgumentParser

extension WorkbenchCommand {
    /// `workbench models`: inspect, verify and use the versions in a model registry.
    struct Models: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List, show, verify, score, export and import versioned models in a registry.",
            discussion: "Models are written by `workbench train`. Refer to one as NAME (latest version) or NAME@VERSION. See docs/artifact-format.md.",
            subcommands: [List.self, Show.self, Verify.self, Score.self, Export.self, Import.self])
    }
}
