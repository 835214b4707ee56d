extension TrainingReport {
    /// The report as Markdown (cells escaped for `|`, `\`, `<`, `>`, backticks and `*`/`_`).
    public var markdown: String {
        func cell(_ text: String) -> String {
            var escaped = ""
            for character in text {
                switch character {
                case "|", "\\", "`", "*", "_", "[", "]": escaped += "\\\(character)"
                case "<": escaped += "&lt;"
                case ">": escaped += "&gt;"
                case "\n", "\r": escaped += " "
                default: escaped.append(character)
                }
            }
            return escaped
        }
        func table(_ headers: [String], _ rows: [[String]]) -> String {
            var text = "| " + headers.map(cell).joined(separator: " | ") + " |\n"
            text += "|" + headers.map { _ in "---" }.joined(separator: "|") + "|\n"
            for row in rows { text += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
            return text
        }
        var text = "# Model report: \(cell(manifest.name))@\(manifest.version)\n\n"
        text += table(["", ""], summary().map { [$0.0, $0.1] }) + "\n"
        text += "## Validation metrics\n\n" + table(["metric", "value", "meaning"], metricRows().map { [$0.0, $0.1, $0.2] }) + "\n"
        text += "## Calibration (\(outcome.calibration.binCount) uniform bins)\n\n"
        text += table(["bin", "probability range", "rows", "mean predicted", "observed positive rate"], outcome.calibration.bins.map { bin in
            ["\(bin.index + 1)", "\(Self.number(bin.lowerEdge))-\(Self.number(bin.upperEdge))", "\(bin.count)", Self.number(bin.meanPredicted), Self.number(bin.fractionPositive)]
        }) + "\n"
        text += "## Decision thresholds (chosen on the validation split; enable when score >= threshold)\n\n"
        text += table(["policy", "threshold", "enabled share", "precision", "recall", "F1", "TP", "FP", "TN", "FN"], operatingPoints().map { name, point in
            [name, Self.number(point.threshold), Self.number(point.enabledShare), Self.number(point.precision), Self.number(point.recall), Self.number(point.f1),
             Self.number(point.truePositives), Self.number(point.falsePositives), Self.number(point.trueNegatives), Self.number(point.falseNegatives)]
        }) + "\n"
        let band = outcome.policy.abstainBand
        text += "Abstain band: scores in [\(Self.number(band.lower)), \(Self.number(band.upper))) fall back to the rollout bucket "
        text += "(\(Self.number(100 * band.validationShare))% of validation units; \(cell(band.method))).\n\n"
        let terms = termTable()
        text += "## \(terms.title)\n\n" + table(terms.headers, terms.rows.map { [$0.name] + $0.values }) + "\n"
        if !outcome.notes.isEmpty {
            text += "## Notes\n\n" + outcome.notes.map { "* \(cell($0))\n" }.joined() + "\n"
        }
        return text
    }
}
