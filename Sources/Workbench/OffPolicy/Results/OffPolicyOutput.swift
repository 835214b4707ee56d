import Foundation

/// Writes an off-policy report's files: `offpolicy.json` (pretty, sorted keys),
/// `offpolicy.md` and `offpolicy.html` (self-contained, with charts).
public enum OffPolicyOutput {
    /// Writes the three files into `directory` (created if missing) and returns their paths.
    /// - Throws: `OffPolicyError` naming the folder when it cannot be written.
    public static func write(_ report: OffPolicyReport, to directory: URL) throws -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = directory.appendingPathComponent("offpolicy.json")
        let markdown = directory.appendingPathComponent("offpolicy.md")
        let html = directory.appendingPathComponent("offpolicy.html")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            var data = try encoder.encode(report)
            data.append(UInt8(ascii: "\n"))
            try data.write(to: json, options: .atomic)
            try Data(report.markdown.utf8).write(to: markdown, options: .atomic)
            try Data(report.html.utf8).write(to: html, options: .atomic)
        } catch {
            throw OffPolicyError("cannot write the report into \(directory.path): \(error.localizedDescription); check the --out folder")
        }
        return [json.path, markdown.path, html.path]
    }
}
