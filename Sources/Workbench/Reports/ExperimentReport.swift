import Foundation

/// The experiment report for people: `report.html` (one self-contained file with inline CSS
/// and SVG charts, readable without JavaScript or network) and `report.md` (the same content
/// as Markdown tables, for a pull request or a wiki).
///
/// Both are rendered from `ExperimentResults` only, for one or several experiments, in the
/// same order of sections: the decision and its reasons, units and sample-ratio check, the
/// metrics (forest plot and tables), cumulative lift over time, daily exposures, segments,
/// data quality and settings. Every name from the data is escaped for the target format.
/// The output is deterministic: the same results give byte-identical text (dictionaries are
/// printed in sorted order; no timestamps are added). Complexity is linear in the number of
/// comparisons plus timeline days.
public enum ExperimentReport {
    /// The HTML report: a complete `<!DOCTYPE html>` document.
    public static func html(_ results: [ExperimentResults]) -> String {
        HTMLReportWriter(results: results).document()
    }

    /// The Markdown report (GitHub-flavoured tables).
    public static func markdown(_ results: [ExperimentResults]) -> String {
        MarkdownReportWriter(results: results).document()
    }

    /// Writes `report.html` and `report.md` into `folder` (created if missing), replacing any
    /// earlier reports there; returns the two files' URLs.
    ///
    /// - Throws: `ReportWriteError` naming the file that could not be written and why.
    @discardableResult
    public static func write(_ results: [ExperimentResults], toFolder folder: URL) throws -> (html: URL, markdown: URL) {
        let html = folder.appendingPathComponent("report.html")
        let markdown = folder.appendingPathComponent("report.md")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ReportWriteError(path: folder.path, reason: "\(error.localizedDescription)")
        }
        for (url, text) in [(html, Self.html(results)), (markdown, Self.markdown(results))] {
            do {
                try Data(text.utf8).write(to: url, options: .atomic)
            } catch {
                throw ReportWriteError(path: url.path, reason: "\(error.localizedDescription)")
            }
        }
        return (html, markdown)
    }
}
