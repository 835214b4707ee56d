import Foundation
import Testing
@testable import Workbench

/// `offpolicy.html`: written next to the JSON and Markdown, self-contained, escaping hostile
/// names, one value chart and one sweep chart per metric, undefined estimates with their reason.
/// Built on the synthetic rollouts of `OffPolicyGroundTruthTests` (fast: no export, no model).
@Suite("Off-policy HTML report")
struct OffPolicyHTMLReportTests {
    static let hostileMetric = "<script>alert(1)</script> & revenue"
    static let hostileModel = "buyers<script>&"

    /// A report over `units`, with the metrics renamed to hostile names and a three-point sweep.
    static func report(_ units: LoggedUnits, replicates: Int = 50) throws -> OffPolicyReport {
        var settings = OffPolicySettings(thresholds: [0.5])
        settings.sweepThresholds = [0.3, 0.4, 0.6]
        settings.replicates = replicates
        let metrics = [OffPolicyMetric(name: hostileMetric, numerator: 0),
                       OffPolicyMetric(name: "conversion", numerator: 1, isGuardrail: true)]
        let evaluation = try OffPolicyEvaluator.evaluate(
            units, metrics: metrics, folds: OffPolicyEvaluator.folds(unitCount: units.count, foldCount: 5, seed: 1), settings: settings)
        return OffPolicyReport(
            format: OffPolicyReport.currentFormat,
            model: OffPolicyReport.ModelSummary(name: hostileModel, version: 2, modelType: "logistic", modelSHA256: "00",
                                                features: ["count_<b>"], absentCounts: []),
            experiment: "exp \"quoted\" 'single'", control: "off&on", treatment: "<on>", cutoff: "2026-01-05T00:00:00Z",
            cutoffSource: "earliest exposure", unitsExposedBeforeCutoff: 0, unitsExcludedSeveralVariants: 3, unitsWithoutHistory: 7,
            propensityMethod: "estimated per stratum", propensityHomogeneity: PropensityHomogeneity(counts: [[10, 10]]),
            valueMetric: hostileMetric, skippedMetrics: [], evaluation: evaluation)
    }

    /// Ids of the `<svg>` charts (their `<title id="...-title">`), in document order.
    static func chartIdentifiers(_ html: String) -> [String] {
        html.components(separatedBy: "<title id=\"").dropFirst().compactMap { $0.components(separatedBy: "-title\"").first }
    }

    @Test("Written by OffPolicyOutput, self-contained, hostile names escaped, one chart per metric")
    func writtenAndEscaped() throws {
        let report = try Self.report(OffPolicyGroundTruthTests.rollout(units: 600, seed: 5, shares: [0.4]))
        let folder = try makeTemporaryFolder("offpolicy-html")
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try OffPolicyOutput.write(report, to: folder)
        #expect(written.map { URL(fileURLWithPath: $0).lastPathComponent } == ["offpolicy.json", "offpolicy.md", "offpolicy.html"])
        let html = try String(contentsOfFile: written[2], encoding: .utf8)
        #expect(html == report.html)
        // The Markdown escapes the same names (as entities, so a renderer shows them as text).
        let markdown = try String(contentsOfFile: written[1], encoding: .utf8)
        #expect(!markdown.contains("<script") && !markdown.contains("<on>") && !markdown.contains("count_<b>"))
        #expect(markdown.contains("&lt;script&gt;"))
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))

        // Nothing from the network, no script: the only `<script` text is the escaped name.
        #expect(!html.lowercased().contains("<script"))
        let withoutNamespaces = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        #expect(!withoutNamespaces.contains("http") && !withoutNamespaces.contains("src=") && !html.contains("<link"))
        // Hostile names appear escaped, in headings, tables and chart titles.
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; revenue"))
        #expect(html.contains("buyers&lt;script&gt;&amp;@2"))
        #expect(html.contains("off&amp;on") && html.contains("&lt;on&gt;") && html.contains("exp &quot;quoted&quot; &#39;single&#39;"))
        #expect(!html.contains("off&on") && !html.contains("<on>") && !html.contains("count_<b>"))
        // Every `&` starts an entity: no raw ampersand from the data slipped through.
        for piece in html.components(separatedBy: "&").dropFirst() {
            #expect(["amp;", "lt;", "gt;", "quot;", "#39;"].contains { piece.hasPrefix($0) }, "raw & before \(piece.prefix(20))")
        }

        // One value chart and one sweep chart per metric, the shares chart and the support chart.
        let charts = Self.chartIdentifiers(html)
        #expect(charts == ["offpolicy-value-1", "offpolicy-value-2", "offpolicy-sweep-1", "offpolicy-sweep-2", "offpolicy-shares", "offpolicy-support"])
        #expect(html.components(separatedBy: "<svg ").count - 1 == 6)
        #expect(html.components(separatedBy: "</svg>").count - 1 == 6)
        // The value metric's section comes first, then the guardrail's.
        let value = try #require(html.range(of: "Value metric: &lt;script&gt;"))
        let guardrail = try #require(html.range(of: "Guardrail: conversion"))
        #expect(value.lowerBound < guardrail.lowerBound)
        // Policies: the requested threshold, three sweep thresholds, both baselines and the log.
        for name in ["score &gt;= 0.5", "(sweep)", "all control", "all treatment", "logged", "Support by score decile", "Propensities"] {
            #expect(html.contains(name), "missing \(name)")
        }
        for word in ["nan", "NaN", "inf"] { #expect(!html.contains(">\(word)") && !html.contains(" \(word)<"), "\(word) in the report") }
    }

    @Test("An unsupported policy shows undefined with its reason, in the chart, the tables and the notes; warnings come first")
    func undefinedReason() throws {
        // A 0% rollout: only control logged, so every policy that treats anyone has no support.
        var units = OffPolicyGroundTruthTests.rollout(units: 400, seed: 2, shares: [0.5])
        units.arms = Array(repeating: .control, count: units.count)
        let report = try Self.report(units)
        let html = report.html
        let treatment = try #require(report.evaluation.policy(.allTreatment)?.estimate(Self.hostileMetric, .ips)?.value)
        #expect(treatment.estimate == nil)
        let reason = try #require(treatment.undefinedReason)
        #expect(reason.hasPrefix("no support"))
        // In the chart (beside the missing marker), in the notes list, and as "undefined" cells.
        #expect(html.contains("IPS undefined: \(ReportEscaping.html(String(reason.prefix(40))))"))
        #expect(html.contains("<li id=\"note-") && html.contains(">\(ReportEscaping.html(reason))</li>"))
        #expect(html.contains("<td class=\"num missing\">undefined<sup><a href=\"#note-"))
        // The warnings box precedes the first number table and lists every evaluation warning.
        #expect(!report.evaluation.warnings.isEmpty)
        let box = try #require(html.range(of: "⚠ Warnings (\(report.evaluation.warnings.count))"))
        let setup = try #require(html.range(of: "<h2>Setup</h2>"))
        #expect(box.lowerBound < setup.lowerBound)
        for warning in report.evaluation.warnings { #expect(html.contains("<li>\(ReportEscaping.html(warning))</li>")) }
    }
}
