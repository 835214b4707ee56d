import Foundation

/// Writes `backtest.json`, `report.html` and `report.md` into a folder.
public enum BacktestOutput {
    /// The file names inside the output folder.
    public static let jsonFileName = "backtest.json"
    public static let htmlFileName = "report.html"
    public static let markdownFileName = "report.md"

    /// The JSON encoding: snake_case keys, sorted, pretty-printed, stable across runs.
    public static func json(_ result: BacktestResult) throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var data = try encoder.encode(result)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// Decodes `backtest.json`.
    public static func decode(_ data: Data) throws -> BacktestResult {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(BacktestResult.self, from: data)
    }

    /// Writes the three files into `directory` (created if missing) and returns their paths.
    /// - Throws: `RolloutError` naming the file that cannot be written.
    @discardableResult
    public static func write(_ result: BacktestResult, to directory: URL) throws -> [String] {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw RolloutError("cannot create the output folder \(directory.path): \(error.localizedDescription)")
        }
        let files: [(String, Data)] = [
            (jsonFileName, try json(result)),
            (htmlFileName, Data(BacktestHTMLWriter(result: result).document().utf8)),
            (markdownFileName, Data(BacktestMarkdownWriter(result: result).document().utf8)),
        ]
        var paths: [String] = []
        for (name, data) in files {
            let url = directory.appendingPathComponent(name)
            do { try data.write(to: url) } catch {
                throw RolloutError("cannot write \(url.path): \(error.localizedDescription); check the folder's permissions and free space")
            }
            paths.append(url.path)
        }
        return paths
    }
}
