import Foundation

/// Writes a simulation's three outputs into a folder.
public enum SimulationOutput {
    public static let jsonFileName = "simulation.json"
    public static let htmlFileName = "report.html"
    public static let markdownFileName = "report.md"

    /// Writes `simulation.json` (sorted keys, pretty), `report.html` and `report.md` into
    /// `directory` (created if missing) and returns their paths.
    ///
    /// - Throws: ``ReportWriteError`` when the folder or a file cannot be written.
    @discardableResult
    public static func write(_ result: SimulationResult, to directory: URL) throws -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let files: [(String, Data)]
        do {
            var json = try encoder.encode(result)
            json.append(UInt8(ascii: "\n"))
            files = [(jsonFileName, json), (htmlFileName, Data(SimulationReport.html(result).utf8)),
                     (markdownFileName, Data(SimulationReport.markdown(result).utf8))]
        } catch {
            throw ReportWriteError(path: directory.appendingPathComponent(jsonFileName).path, reason: "\(error)")
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ReportWriteError(path: directory.path, reason: error.localizedDescription)
        }
        var paths: [String] = []
        for (name, data) in files {
            let url = directory.appendingPathComponent(name)
            do { try data.write(to: url) } catch {
                throw ReportWriteError(path: url.path, reason: error.localizedDescription)
            }
            paths.append(url.path)
        }
        return paths
    }
}
