import Foundation
import Testing
@testable import Workbench

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("Experiment report")
struct ExperimentReportTests {
    static let both = [ReportFixtures.checkout(), ReportFixtures.pricing()]

    @Test("HTML has every section, in order, with the decision first")
    func htmlSections() throws {
        let html = ExperimentReport.html(Self.both)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<title>Experiment report (2 experiments)</title>"))
        let section = try #require(html.range(of: "<section id=\"experiment-1\""))
        let first = String(html[section.lowerBound...])
        let order = ["✗ DO NOT SHIP", "Units and sample ratio", ">Metrics</h3>", "Cumulative lift over time", "Daily exposures",
                     ">Segments</h3>", "Data quality", ">Settings</h3>"]
        var position = first.startIndex
        for heading in order {
            let found = try #require(first.range(of: heading, range: position..<first.endIndex), "missing or out of order: \(heading)")
            position = found.upperBound
        }
        #expect(html.contains("✓ SHIP"))
        #expect(html.contains("⚠ MISMATCH"))
        #expect(html.contains("✓ OK</span> p = 0.4123"))
        // Every reason is listed.
        for reason in Self.both.flatMap(\.decision.reasons) { #expect(html.contains(ReportEscaping.html(reason))) }
        // Segments: dimension values as rows, adjusted p shown.
        #expect(html.contains("<caption>conversion by country</caption>"))
        #expect(html.contains("<tr><th scope=\"row\">BR</th><td class=\"variant\">treatment</td>"))
        #expect(html.contains("<caption>conversion by platform</caption>"))
        // Data quality: files, skipped reasons and examples, units in several variants, events outside windows.
        #expect(html.contains("<code>events.jsonl.gz</code>"))
        #expect(html.contains("<td>bad timestamp</td>"))
        #expect(html.contains("missing field unit"))
        #expect(html.contains("units in several variants (excluded)"))
        #expect(html.contains("after first exposure): 57."))
        // Sequential on in the first, off (labelled as not valid for peeking) in the second.
        #expect(html.contains("always-valid (sequential) interval"))
        #expect(html.contains("not valid for peeking"))
        #expect(html.contains("sequential testing was off"))
        #expect(html.contains("Bayesian analysis was off"))
        #expect(html.contains("chance to win"))
        // No script, no external resource.
        #expect(!html.lowercased().contains("<script"))
        let withoutNamespaces = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        #expect(!withoutNamespaces.contains("http:") && !withoutNamespaces.contains("https:") && !withoutNamespaces.contains("src="),
                "the report must not load anything from the network")
        #expect(!html.contains("<link") && !html.contains("@import"))
    }

    @Test("SVG charts: forest plot, cumulative lift and exposures, each well-formed with a title and description")
    func charts() throws {
        let html = ExperimentReport.html(Self.both)
        let charts = Self.svgElements(html)
        // Experiment 1: forest + 3 cumulative + exposures; experiment 2: forest + 1 cumulative + exposures.
        #expect(charts.count == 8)
        for chart in charts {
            #expect(chart.contains("role=\"img\""))
            #expect(chart.contains("<title id="))
            #expect(chart.contains("<desc id="))
            let parser = XMLParser(data: Data(chart.utf8))
            #expect(parser.parse(), "SVG is not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")")
        }
        let forest = try #require(charts.first)
        #expect(forest.contains("Forest plot of relative lift"))
        #expect(forest.contains("stroke-dasharray=\"4 3\""), "guardrail margins are dashed")
        #expect(forest.contains("no estimate (see notes)"))
        #expect(forest.contains("significant"))
        // Ids are unique in the document.
        let ids = html.components(separatedBy: " id=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(Set(ids).count == ids.count)
    }

    @Test("A null number shows as — next to the note explaining it")
    func nullWithNote() throws {
        let html = ExperimentReport.html([ReportFixtures.checkout()])
        let row = try #require(html.components(separatedBy: "\n").first { $0.contains("refunds per order</th><td class=\"variant\">treatment</td>") })
        #expect(row.contains("—"))
        #expect(row.contains("relative lift is undefined: the control&#39;s refunds per order is 0"))
        let markdown = ExperimentReport.markdown([ReportFixtures.checkout()])
        let line = try #require(markdown.components(separatedBy: "\n").first { $0.hasPrefix("| refunds per order | treatment | — |") })
        #expect(line.contains("relative lift is undefined"))
    }

    @Test("Names from the data are escaped: no raw markup, no broken table rows")
    func escaping() {
        let hostile = [ReportFixtures.hostile(), ReportFixtures.pricing()]
        let html = ExperimentReport.html(hostile)
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>"))
        #expect(!html.contains("<i>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        for chart in Self.svgElements(html) {
            #expect(XMLParser(data: Data(chart.utf8)).parse())
        }
        let markdown = ExperimentReport.markdown(hostile)
        #expect(!markdown.lowercased().contains("<script"))
        #expect(!markdown.contains("<img"))
        #expect(markdown.contains("a\\|b"))
        Self.expectConsistentTables(markdown)
    }

    @Test("Markdown has the same sections, a text forest plot and consistent tables")
    func markdownStructure() {
        let markdown = ExperimentReport.markdown(Self.both)
        for heading in ["# Experiment report (2 experiments)", "## Overview", "## Experiment: checkout-redesign", "**✗ DO NOT SHIP**",
                        "**✓ SHIP**", "### Units and sample ratio", "### Metrics", "### Cumulative lift over time", "### Daily exposures",
                        "### Segments", "### Data quality", "### Settings", "⚠ MISMATCH (p = 2.1e-08)", "not valid for peeking"] {
            #expect(markdown.contains(heading), "missing \(heading)")
        }
        #expect(markdown.contains("◆"))
        #expect(markdown.contains("┃"))
        #expect(!markdown.contains("<svg"))
        Self.expectConsistentTables(markdown)
    }

    @Test("Output is byte-for-byte deterministic, also after a JSON round trip")
    func deterministic() throws {
        let html = ExperimentReport.html(Self.both)
        let markdown = ExperimentReport.markdown(Self.both)
        #expect(ExperimentReport.html(Self.both) == html)
        #expect(ExperimentReport.markdown(Self.both) == markdown)
        // Decoding rebuilds every dictionary, so a different iteration order would show here.
        var sanitised = Self.both
        sanitised[0].metrics[4].variants[0].standardError = nil  // JSON cannot carry the NaN
        let data = try JSONEncoder().encode(sanitised)
        let decoded = try JSONDecoder().decode([ExperimentResults].self, from: data)
        #expect(ExperimentReport.html(decoded) == ExperimentReport.html(sanitised))
        #expect(ExperimentReport.markdown(decoded) == ExperimentReport.markdown(sanitised))
        #expect(ExperimentReport.html(sanitised) == html, "NaN and null must render the same")
    }

    @Test("No NaN or infinity text anywhere")
    func noNonFiniteText() throws {
        var results = Self.both
        results[1].metrics[0].comparisons[0].pValue = .infinity
        results[1].metrics[0].comparisons[0].ciHigh = .nan
        results[1].timeline?.cumulativeLift[0].lift[3] = .nan
        let pattern = try Regex("(?i)\\b(nan|inf|infinity)\\b")
        for text in [ExperimentReport.html(results), ExperimentReport.markdown(results)] {
            #expect(text.firstMatch(of: pattern) == nil)
        }
    }

    @Test("Edge cases: no experiments, no timeline, no metrics")
    func edgeCases() {
        #expect(ExperimentReport.html([]).contains("nothing to report"))
        #expect(ExperimentReport.markdown([]).contains("nothing to report"))
        var bare = ReportFixtures.pricing()
        bare.timeline = nil
        bare.metrics = []
        let html = ExperimentReport.html([bare])
        #expect(html.contains("No timeline was recorded"))
        #expect(html.contains("No metrics were analysed"))
        #expect(html.contains("No daily exposures were recorded"))
        #expect(ExperimentReport.markdown([bare]).contains("No segments were analysed"))
    }

    @Test("write(_:toFolder:) writes report.html and report.md")
    func writesFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("workbench-report-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let urls = try ExperimentReport.write(Self.both, toFolder: folder)
        #expect(try String(contentsOf: urls.html, encoding: .utf8) == ExperimentReport.html(Self.both))
        #expect(try String(contentsOf: urls.markdown, encoding: .utf8) == ExperimentReport.markdown(Self.both))
        #expect(throws: ReportWriteError.self) { try ExperimentReport.write(Self.both, toFolder: urls.html) }
    }

    @Test("Writes a sample report when WORKBENCH_REPORT_SAMPLE_DIR is set (for a visual check)")
    func sample() throws {
        guard let folder = ProcessInfo.processInfo.environment["WORKBENCH_REPORT_SAMPLE_DIR"] else { return }
        let url = URL(fileURLWithPath: folder)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try ExperimentReport.html(Self.both).write(to: url.appendingPathComponent("report.html"), atomically: true, encoding: .utf8)
        try ExperimentReport.markdown(Self.both).write(to: url.appendingPathComponent("report.md"), atomically: true, encoding: .utf8)
        try ExperimentReport.html([ReportFixtures.hostile()]).write(to: url.appendingPathComponent("hostile.html"), atomically: true, encoding: .utf8)
        try ExperimentReport.markdown([ReportFixtures.hostile()]).write(to: url.appendingPathComponent("hostile.md"), atomically: true, encoding: .utf8)
        let example = try JSONDecoder().decode(ExperimentResults.self, from: fixtureData("reports/results-example.json"))
        try ExperimentReport.html([example]).write(to: url.appendingPathComponent("example.html"), atomically: true, encoding: .utf8)
    }

    // MARK: - Helpers

    static func svgElements(_ html: String) -> [String] {
        html.components(separatedBy: "<svg ").dropFirst().compactMap { part in
            part.range(of: "</svg>").map { "<svg " + part[..<$0.upperBound] }
        }
    }

    /// Every block of table lines has the same number of cells in each row (unescaped pipes).
    static func expectConsistentTables(_ markdown: String, sourceLocation: SourceLocation = #_sourceLocation) {
        var expected: Int?
        for line in markdown.components(separatedBy: "\n") {
            guard line.hasPrefix("|") else {
                expected = nil
                continue
            }
            let cells = unescapedPipes(line)
            if let expected {
                #expect(cells == expected, "row has \(cells - 1) cells, header \(expected - 1): \(line)", sourceLocation: sourceLocation)
            } else {
                expected = cells
            }
            #expect(line.hasSuffix("|"), "row does not end with a pipe: \(line)", sourceLocation: sourceLocation)
        }
    }

    static func unescapedPipes(_ line: String) -> Int {
        var count = 0
        var escaped = false
        for character in line {
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                count += 1
            }
        }
        return count
    }
}
