extension TrainingReport {
    /// Escapes text for HTML element content and attribute values (the reports' shared rule).
    static func escape(_ text: String) -> String { ReportEscaping.html(text) }

    /// The report as one self-contained HTML page (no scripts, no external resources).
    public var html: String {
        func table(_ headers: [String], _ rows: [[String]]) -> String {
            var text = "<table><thead><tr>" + headers.map { "<th>\(Self.escape($0))</th>" }.joined() + "</tr></thead><tbody>\n"
            for row in rows { text += "<tr>" + row.map { "<td>\(Self.escape($0))</td>" }.joined() + "</tr>\n" }
            return text + "</tbody></table>\n"
        }
        let title = "Model report: \(manifest.name)@\(manifest.version)"
        var body = "<h1>\(Self.escape(title))</h1>\n"
        body += table(["", ""], summary().map { [$0.0, $0.1] })
        body += "<h2>Validation metrics</h2>\n" + table(["metric", "value", "meaning"], metricRows().map { [$0.0, $0.1, $0.2] })
        body += "<h2>Calibration (\(outcome.calibration.binCount) uniform bins)</h2>\n" + calibrationSVG()
        body += table(["bin", "probability range", "rows", "mean predicted", "observed positive rate"], outcome.calibration.bins.map { bin in
            ["\(bin.index + 1)", "\(Self.number(bin.lowerEdge))-\(Self.number(bin.upperEdge))", "\(bin.count)", Self.number(bin.meanPredicted), Self.number(bin.fractionPositive)]
        })
        body += "<h2>Decision thresholds</h2>\n<p>Chosen on the validation split; the flag service enables a unit when score &gt;= threshold.</p>\n"
        body += table(["policy", "threshold", "enabled share", "precision", "recall", "F1", "TP", "FP", "TN", "FN"], operatingPoints().map { name, point in
            [name, Self.number(point.threshold), Self.number(point.enabledShare), Self.number(point.precision), Self.number(point.recall), Self.number(point.f1),
             Self.number(point.truePositives), Self.number(point.falsePositives), Self.number(point.trueNegatives), Self.number(point.falseNegatives)]
        })
        let band = outcome.policy.abstainBand
        body += "<p>Abstain band: scores in [\(Self.number(band.lower)), \(Self.number(band.upper))) fall back to the rollout bucket "
        body += "(\(Self.number(100 * band.validationShare))% of validation units; \(Self.escape(band.method))).</p>\n"
        let terms = termTable()
        body += "<h2>\(Self.escape(terms.title))</h2>\n" + table(terms.headers, terms.rows.map { [$0.name] + $0.values })
        if !outcome.notes.isEmpty {
            body += "<h2>Notes</h2>\n<ul>" + outcome.notes.map { "<li>\(Self.escape($0))</li>" }.joined() + "</ul>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(Self.escape(title))</title>
            <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
            table{border-collapse:collapse;margin:0.5rem 0 1rem}td,th{border:1px solid #ccc;padding:0.2rem 0.5rem;text-align:left}
            th{background:#f4f4f4}td{font-variant-numeric:tabular-nums}</style></head>
            <body>
            \(body)</body></html>

            """
    }

    /// A reliability diagram: observed rate against mean predicted per bin, with the diagonal.
    func calibrationSVG() -> String {
        let size = 260.0
        let margin = 30.0
        func x(_ p: Double) -> String { String(format: "%.1f", margin + p * size) }
        func y(_ p: Double) -> String { String(format: "%.1f", margin + (1 - p) * size) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(size + 2 * margin))\" height=\"\(Int(size + 2 * margin))\" role=\"img\" aria-label=\"calibration plot\">\n"
        svg += "<rect x=\"\(x(0))\" y=\"\(y(1))\" width=\"\(Int(size))\" height=\"\(Int(size))\" fill=\"none\" stroke=\"#999\"/>\n"
        svg += "<line x1=\"\(x(0))\" y1=\"\(y(0))\" x2=\"\(x(1))\" y2=\"\(y(1))\" stroke=\"#bbb\" stroke-dasharray=\"4 3\"/>\n"
        let points = outcome.calibration.bins.map { "\(x($0.meanPredicted)),\(y($0.fractionPositive))" }
        if points.count > 1 { svg += "<polyline points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\"/>\n" }
        for bin in outcome.calibration.bins {
            svg += "<circle cx=\"\(x(bin.meanPredicted))\" cy=\"\(y(bin.fractionPositive))\" r=\"3.5\" fill=\"#1f77b4\"><title>bin \(bin.index + 1): \(bin.count) rows</title></circle>\n"
        }
        svg += "<text x=\"\(x(0.5))\" y=\"\(Int(size + 2 * margin - 6))\" text-anchor=\"middle\" font-size=\"11\">mean predicted probability</text>\n"
        svg += "<text x=\"10\" y=\"\(y(0.5))\" font-size=\"11\" transform=\"rotate(-90 10 \(y(0.5)))\" text-anchor=\"middle\">observed positive rate</text>\n"
        return svg + "</svg>\n"
    }
}
