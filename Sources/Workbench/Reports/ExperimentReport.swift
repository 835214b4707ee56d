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
}
