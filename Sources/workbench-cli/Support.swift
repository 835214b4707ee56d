import ArgumentParser
import Foundation
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

/// With `WORKBENCH_REPORT_PEAK_MEMORY=1` in the environment, prints this process's peak
/// resident memory (VmHWM) to standard error: the bounded-memory test reads it, because a
/// parent's view of its children's peak mixes every child it ever waited for.
func reportPeakMemoryWhenAsked() {
    guard ProcessInfo.processInfo.environment["WORKBENCH_REPORT_PEAK_MEMORY"] == "1",
          let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        writeToStandardError("peak-resident-kilobytes: \(line.split(separator: " ").dropFirst().first ?? "0")\n")
    }
}
