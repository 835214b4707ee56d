import ArgumentParser
import Foundation
import Workbench

extension ModelInterop.Format: ExpressibleByArgument {}

extension WorkbenchCommand.Models {
    /// `workbench models export`: write a version in another format.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export a gbdt model version as ONNX or a LightGBM text model.",
            discussion: """
                ONNX: one float32 input `features` [N, F] in the model's feature order (NaN = missing), \
                outputs `probability` and `raw_score`; categorical features take the integer codes listed in \
                model.json. See docs/interop.md. Logistic models cannot be exported yet.
                """)

        @OptionGroup var options: RegistryOptions

        @Option(help: "NAME or NAME@VERSION (default version: the latest).")
        var model: String

        @Option(help: "onnx or lightgbm.")
        var format: ModelInterop.Format

        @Option(help: "Output file.")
        var out: String

        func run() async throws {
            try runReportingModelErrors {
                let registry = ModelRegistry(root: options.registry)
                let loaded = try registry.load(try ModelReference(parsing: model))
                let data = try ModelInterop.export(loaded.artifact, format: format)
                do { try data.write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
                    throw TabularError(file: out, message: "cannot write the export: \(error.localizedDescription)")
                }
                print("Wrote \(loaded.manifest.name)@\(loaded.manifest.version) as \(format.rawValue) (\(data.count) bytes) -> \(out)")
            }
        }
    }
}
