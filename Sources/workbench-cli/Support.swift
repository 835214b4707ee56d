import ArgumentParser
import Workbench

/// Runs library work, turning user-caused errors into a clean message and exit code 1
/// instead of a stack of Swift error descriptions.
func runReporting<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as IngestError {
        writeToStandardError("error: \(error)\n")
        throw ExitCode.failure
    } catch let error as MappingError {
        writeToStandardError("error: \(error)\n")
        throw ExitCode.failure
    } catch let error as SpecError {
        writeToStandardError("error: \(error)\n")
        throw ExitCode.failure
    } catch let error as AnalysisError {
        writeToStandardError("error: \(error)\n")
        throw ExitCode.failure
    }
}
