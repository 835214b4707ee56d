import Foundation

/// Writes analysis results to an output folder.
public enum AnalysisOutput {
    /// Writes `results.json` (and the reports) for each experiment: into `folder` when there is
    /// one, into `folder/<experiment>/` when there are several. Returns the paths written.
    public static func write(_ results: [ExperimentResults], to folder: URL) throws -> [String] {
        var written: [String] = []
        for result in results {
            let target = results.count == 1 ? folder : folder.appendingPathComponent(safeFileName(result.experiment))
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            let json = target.appendingPathComponent("results.json")
            try encode(result).write(to: json, options: .atomic)
            let reports = try ExperimentReport.write([result], toFolder: target)
            written += [json.path, reports.html.path, reports.markdown.path]
        }
        if results.count > 1 {
            // An overview of every experiment next to the per-experiment folders.
            let overview = try ExperimentReport.write(results, toFolder: folder)
            written += [overview.html.path, overview.markdown.path]
        }
        return written
    }

    /// Deterministic JSON: sorted keys, two-space indentation, shortest round-trip numbers.
    public static func encode(_ results: ExperimentResults) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(results)
    }

    /// A file-system-safe version of a name from the data.
    static func safeFileName(_ name: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        let cleaned = String(name.map { allowed.contains($0) ? $0 : "_" })
        return cleaned.isEmpty || cleaned.hasPrefix(".") ? "experiment-\(cleaned)" : cleaned
    }
}
