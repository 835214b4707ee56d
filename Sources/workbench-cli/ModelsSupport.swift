import ArgumentParser
import Workbench

/// Runs model-registry, training and feature work, printing user-caused errors as one
/// `error: ...` line with exit code 1 instead of a Swift error dump.
func runReportingModelErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as IngestError {
        writeToStandardError("error: \(error)\n")
    } catch let error as MappingError {
        writeToStandardError("error: \(error)\n")
    } catch let error as TabularError {
        writeToStandardError("error: \(error)\n")
    } catch let error as TrainingError {
        writeToStandardError("error: \(error)\n")
    } catch let error as RegistryError {
        writeToStandardError("error: \(error)\n")
    } catch let error as ArtifactValidationError {
        writeToStandardError("error: \(error)\n")
    } catch let error as ModelInterop.InteropError {
        writeToStandardError("error: \(error)\n")
    }
    throw ExitCode.failure
}

/// Splits a comma-separated option value into trimmed, non-empty names.
func commaSeparated(_ text: String?) -> [String] {
    guard let text else { return [] }
    return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}

/// Options naming the registry folder.
struct RegistryOptions: ParsableArguments {
    @Option(help: "The model registry folder (models live in DIR/NAME/VERSION/).")
    var registry: String
}
