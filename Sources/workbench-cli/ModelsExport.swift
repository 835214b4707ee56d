import ArgumentParser
import Foundation
import Workbench

extension ModelInterop.Format: ExpressibleByArgument {}
extension ModelInterop.ONNXPrecision: ExpressibleByArgument {}

extension WorkbenchCommand.Models {
    /// `workbench models export`: write a version in another format.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export a model version as ONNX (gbdt and logistic) or a LightGBM text model (gbdt).",
            discussion: """
                ONNX: one input `features` [N, F] in the model's feature order (NaN = missing; categorical \
                features as the integer codes of their levels in model.json, unknown levels as NaN), outputs \
                `probability` and `raw_score` [N, 1]. Double precision by default (ai.onnx.ml opset 5 for trees; \
                matches `models score` to about 1e-16); `--precision float` writes a float32 graph for runtimes \
                without double support (about 1e-7 off, rare rows near a split more). See docs/interop.md.
                """)

        @OptionGroup var options: RegistryOptions

        @Option(help: "NAME or NAME@VERSION (default version: the latest).")
        var model: String

        @Option(help: "onnx or lightgbm.")
        var format: ModelInterop.Format

        @Option(help: "ONNX element type: double (matches models score to about 1e-16) or float (float32, for runtimes without double support).")
        var precision: ModelInterop.ONNXPrecision = .double

        @Option(help: "Output file.")
        var out: String

        func run() async throws {
            try runReportingModelErrors {
                let registry = ModelRegistry(root: options.registry)
                let loaded = try registry.load(try ModelReference(parsing: model))
                let data = try ModelInterop.export(loaded.artifact, format: format, precision: precision)
                do { try data.write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
                    throw TabularError(file: out, message: "cannot write the export: \(error.localizedDescription)")
                }
                let kind = format == .onnx ? "onnx, \(precision.rawValue)" : format.rawValue
                print("Wrote \(loaded.manifest.name)@\(loaded.manifest.version) as \(kind) (\(data.count) bytes) -> \(out)")
            }
        }
    }
}
