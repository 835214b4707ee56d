import ArgumentParser
import Foundation
import Workbench

extension WorkbenchCommand.Models {
    /// `workbench models import`: publish a LightGBM model as a new registry version.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a LightGBM text model (binary objective, numeric features) as a new version of NAME.",
            discussion: """
                The version holds model.json and a manifest recording the source file's SHA-256. It has no \
                validation metrics or decision thresholds (there is no validation data); train with \
                `workbench train` to get them.
                """)

        @OptionGroup var options: RegistryOptions

        @Option(help: "Source format; only lightgbm is supported.")
        var format: String = "lightgbm"

        @Option(help: "The LightGBM model file (as written by Booster.save_model).")
        var file: String

        @Option(help: "Model name: the registry folder (letters, digits, '.', '_', '-').")
        var name: String

        func validate() throws {
            guard format == "lightgbm" else { throw ValidationError("--format \(format) cannot be imported; only lightgbm is supported.") }
        }

        func run() async throws {
            try runReportingModelErrors {
                try ModelRegistry.checkName(name)
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw TabularError(file: file, message: "cannot read the file; check the path and its permissions")
                }
                let artifact = try ModelInterop.importLightGBM(String(decoding: data, as: UTF8.self))
                let schema = FeatureSchema(features: artifact.features)
                let draft = ModelDraft(
                    name: name, artifact: artifact, trainingData: nil, hyperparameters: nil, featureSchema: schema,
                    validationMetrics: nil, decisionPolicy: nil,
                    importedFrom: .init(format: "lightgbm", file: file, sha256: ModelRegistry.sha256(data)))
                let published = try ModelRegistry(root: options.registry).publish(draft)
                print(published.path)
            }
        }
    }
}
