import Foundation
@testable import Workbench

/// Hand-built results for the report tests: one experiment with control, a treatment and an
/// extra treatment, five metrics (a proportion, a CUPED mean, a quantile guardrail, a ratio
/// guardrail with an absolute margin, a ratio whose relative lift is null with a note),
/// segments, sequential and Bayesian on; a second experiment with both off and an SRM
/// mismatch. The numbers are plausible, not computed: the tests check rendering, not statistics.
enum ReportFixtures {
    static let days = (1...14).map { "2026-03-\($0 < 10 ? "0" : "")\($0)" }

    static func comparison(_ variant: String, _ dimension: ExperimentResults.Segment? = nil, lift: Double?, low: Double?, high: Double?,
                           p: Double?, adjusted: Double?, units: Int = 7000) -> ExperimentResults.Comparison {
        var comparison = ExperimentResults.Comparison(variant: variant, dimension: dimension)
        comparison.units = units
        comparison.controlUnits = 7050
        comparison.relativeLift = lift
        comparison.ciLow = low
        comparison.ciHigh = high
        comparison.pValue = p
        comparison.adjustedPValue = adjusted
        comparison.absoluteLift = lift.map { $0 * 0.1 }
        comparison.absoluteCILow = low.map { $0 * 0.1 }
        comparison.absoluteCIHigh = high.map { $0 * 0.1 }
        comparison.adjustedCILow = low.map { $0 * 1.1 }
        comparison.adjustedCIHigh = high.map { $0 * 1.1 }
        return comparison
    }

    static func withSequentialAndBayesian(_ comparison: ExperimentResults.Comparison) -> ExperimentResults.Comparison {
        var comparison = comparison
        if let low = comparison.ciLow, let high = comparison.ciHigh {
            let widen = (high - low) * 0.35
            comparison.sequentialCILow = low - widen
            comparison.sequentialCIHigh = high + widen
            comparison.sequentialPValue = min(1, (comparison.pValue ?? 1) * 3)
        }
        if let lift = comparison.relativeLift {
            comparison.chanceToWin = lift > 0 ? 0.97 : 0.21
            comparison.risk = -abs(lift) * 0.05
            comparison.riskControl = -abs(lift) * 0.6
        }
        return comparison
    }

    static func summaries(_ variants: [String], means: [Double?], units: [Int] = [7050, 7000, 6980]) -> [ExperimentResults.VariantSummary] {
        variants.enumerated().map { index, variant in
            ExperimentResults.VariantSummary(variant: variant, units: units[index], mean: means[index], standardError: means[index].map { abs($0) * 0.02 })
        }
    }

    /// The main fixture: three variants, five metrics, sequential and Bayesian on.
    static func checkout() -> ExperimentResults {
        let variants = ["control", "treatment", "treatment-b"]
        let country = ["US", "DE", "BR"]
        var conversion = ExperimentResults.MetricResult(
            name: "conversion", type: "proportion", direction: "increase", role: "success",
            variants: summaries(variants, means: [0.1012, 0.1054, 0.1020]),
            comparisons: [comparison("treatment", lift: 0.0415, low: 0.0108, high: 0.0722, p: 0.0081, adjusted: 0.0162),
                          comparison("treatment-b", lift: 0.0079, low: -0.0231, high: 0.0389, p: 0.6123, adjusted: 0.6123)])
        for (index, value) in country.enumerated() {
            let segment = ExperimentResults.Segment(name: "country", value: value)
            conversion.comparisons.append(comparison("treatment", segment, lift: 0.03 + 0.01 * Double(index), low: -0.02, high: 0.09,
                                                     p: 0.21 / Double(index + 1), adjusted: min(1, 0.63 / Double(index + 1)), units: 2300))
        }
        let platform = ExperimentResults.Segment(name: "platform", value: "ios")
        conversion.comparisons.append(comparison("treatment", platform, lift: 0.081, low: 0.031, high: 0.131, p: 0.00012, adjusted: 0.00048, units: 3100))
        var web = comparison("treatment", ExperimentResults.Segment(name: "platform", value: "web"), lift: nil, low: nil, high: nil,
                             p: nil, adjusted: nil, units: 12)
        web.notes = ["too few units in this segment (12 < 100) for a test"]
        conversion.comparisons.append(web)

        var revenueTreatment = comparison("treatment", lift: 0.0213, low: -0.0042, high: 0.0468, p: 0.1012, adjusted: 0.1518)
        revenueTreatment.cupedApplied = true
        var revenueExtra = comparison("treatment-b", lift: -0.0035, low: -0.0290, high: 0.0220, p: 0.7871, adjusted: 0.7871)
        revenueExtra.cupedApplied = true
        let revenue = ExperimentResults.MetricResult(
            name: "revenue per unit", type: "mean", direction: "increase", role: "success",
            variants: summaries(variants, means: [12.41, 12.67, 12.37]), comparisons: [revenueTreatment, revenueExtra])

        var latencyTreatment = comparison("treatment", lift: 0.0121, low: -0.0051, high: 0.0293, p: 0.1687, adjusted: 0.1687)
        latencyTreatment.guardrail = .init(margin: 0.05, relative: true, pValue: 0.00031, nonInferior: true)
        var latencyExtra = comparison("treatment-b", lift: 0.0652, low: 0.0311, high: 0.0993, p: 1.7e-5, adjusted: 3.4e-5)
        latencyExtra.guardrail = .init(margin: 0.05, relative: true, pValue: 0.8123, nonInferior: false)
        let latency = ExperimentResults.MetricResult(
            name: "p95 latency (ms)", type: "quantile", direction: "decrease", role: "guardrail",
            variants: summaries(variants, means: [412.0, 417.0, 438.9]), comparisons: [latencyTreatment, latencyExtra])

        var errorsTreatment = comparison("treatment", lift: -0.031, low: -0.112, high: 0.05, p: 0.4521, adjusted: 0.4521)
        errorsTreatment.guardrail = .init(margin: 0.002, relative: false, pValue: 0.0042, nonInferior: true)
        var errorsExtra = comparison("treatment-b", lift: 0.012, low: -0.07, high: 0.094, p: 0.7712, adjusted: 0.7712)
        errorsExtra.guardrail = .init(margin: 0.002, relative: false, pValue: 0.0311, nonInferior: true)
        let errors = ExperimentResults.MetricResult(
            name: "error rate", type: "ratio", direction: "decrease", role: "guardrail",
            variants: summaries(variants, means: [0.0101, 0.0098, 0.0102]), comparisons: [errorsTreatment, errorsExtra])

        var refundsTreatment = comparison("treatment", lift: nil, low: nil, high: nil, p: 0.3173, adjusted: 0.3173)
        refundsTreatment.absoluteLift = 0.0004
        refundsTreatment.absoluteCILow = -0.0004
        refundsTreatment.absoluteCIHigh = 0.0012
        refundsTreatment.notes = ["relative lift is undefined: the control's refunds per order is 0"]
        var refundsExtra = refundsTreatment
        refundsExtra.variant = "treatment-b"
        refundsExtra.absoluteLift = 0
        refundsExtra.pValue = 1
        refundsExtra.adjustedPValue = 1
        var refundSummaries = summaries(variants, means: [0, 0.0004, 0])
        refundSummaries[0].standardError = .nan  // must render as "—", never "nan"
        let refunds = ExperimentResults.MetricResult(
            name: "refunds per order", type: "ratio", direction: "decrease", role: "success",
            variants: refundSummaries, comparisons: [refundsTreatment, refundsExtra])

        var metrics = [conversion, revenue, latency, errors, refunds]
        for index in metrics.indices { metrics[index].comparisons = metrics[index].comparisons.map(withSequentialAndBayesian) }

        var cumulative: [ExperimentResults.CumulativeLift] = []
        for metric in metrics.prefix(3) {
            for comparison in metric.overallComparisons {
                let final = comparison.relativeLift ?? 0
                let lift: [Double?] = days.indices.map { $0 == 0 ? nil : final * (1 + 0.6 * sin(Double($0)) / Double($0 + 1)) }
                let half: [Double] = days.indices.map { 0.25 / sqrt(Double($0 + 1)) }
                cumulative.append(.init(metric: metric.name, variant: comparison.variant, lift: lift,
                                        low: lift.enumerated().map { day, value in value.map { $0 - half[day] } },
                                        high: lift.enumerated().map { day, value in value.map { $0 + half[day] } }, interval: "sequential"))
            }
        }
        let exposures: [String: [Int]] = [
            "control": days.indices.map { 420 + ($0 * 37) % 90 + ($0 == 5 ? 200 : 0) },
            "treatment": days.indices.map { 415 + ($0 * 41) % 95 + ($0 == 5 ? 190 : 0) },
            "treatment-b": days.indices.map { 410 + ($0 * 29) % 85 + ($0 == 5 ? 210 : 0) },
        ]
        return ExperimentResults(
            experiment: "checkout-redesign", control: "control", units: ["control": 7050, "treatment": 7000, "treatment-b": 6980],
            excluded: ["exposed to several variants": 41, "bot traffic": 3],
            srm: .init(pValue: 0.4123, chiSquare: 1.772, plannedWeights: ["control": 1.0 / 3, "treatment": 1.0 / 3, "treatment-b": 1.0 / 3],
                       mismatch: false, threshold: 0.001, note: nil),
            metrics: metrics,
            decision: .init(ship: false, reasons: [
                "treatment-b: guardrail p95 latency (ms) failed non-inferiority (+6.52%, margin 5.00%)",
                "treatment: conversion improved +4.15% (adjusted p = 0.0162) and every guardrail passed",
                "Ship treatment, not treatment-b: the decision covers the experiment as configured; rerun with treatment-b removed to ship treatment",
            ]),
            settings: .init(alpha: 0.05, correction: "holm", correctionFamily: "success metrics x treatment variants (overall)",
                            windowDays: 14, prePeriodDays: 14, sequentialTuning: 5000, bayesianPriorMean: 0,
                            bayesianPriorStandardDeviation: 0.3),
            timeline: .init(days: days, exposuresPerDay: exposures, cumulativeLift: cumulative),
            dataQuality: quality(files: ["exposures.csv", "events.jsonl.gz"], experiment: "checkout-redesign"),
            generatedBy: "workbench 0.1.0")
    }

    /// Two variants, sequential and Bayesian off, a sample ratio mismatch, no data quality.
    static func pricing() -> ExperimentResults {
        let variants = ["A", "B"]
        let conversion = ExperimentResults.MetricResult(
            name: "conversion", type: "proportion", direction: "increase", role: "success",
            variants: summaries(variants, means: [0.0512, 0.0561]),
            comparisons: [comparison("B", lift: 0.0957, low: 0.0212, high: 0.1702, p: 0.0118, adjusted: nil)])
        let lift: [Double?] = days.indices.map { 0.0957 + 0.04 * cos(Double($0)) / Double($0 + 1) }
        let cumulative = ExperimentResults.CumulativeLift(
            metric: "conversion", variant: "B", lift: lift,
            low: lift.enumerated().map { day, value in value.map { $0 - 0.2 / sqrt(Double(day + 1)) } },
            high: lift.enumerated().map { day, value in value.map { $0 + 0.2 / sqrt(Double(day + 1)) } }, interval: "fixed")
        return ExperimentResults(
            experiment: "pricing-page", control: "A", units: ["A": 10_400, "B": 9_600], excluded: [:],
            srm: .init(pValue: 2.1e-8, chiSquare: 32.0, plannedWeights: ["A": 0.5, "B": 0.5], mismatch: true, threshold: 0.001,
                       note: "B was paused for two hours on 2026-03-06"),
            metrics: [conversion],
            decision: .init(ship: true, reasons: ["conversion improved +9.57% (p = 0.0118)"]),
            settings: .init(alpha: 0.05, correction: "none", correctionFamily: "none", windowDays: 7, prePeriodDays: 0,
                            sequentialTuning: nil, bayesianPriorMean: nil, bayesianPriorStandardDeviation: nil),
            timeline: .init(days: days, exposuresPerDay: ["A": days.indices.map { 700 + $0 * 3 }, "B": days.indices.map { 640 + $0 * 3 }],
                            cumulativeLift: [cumulative]),
            dataQuality: nil, generatedBy: "workbench 0.1.0")
    }

    static func quality(files: [String], experiment: String) -> DataQualityReport {
        var reports = files.map { IngestReport(file: $0) }
        for index in reports.indices {
            reports[index].rowsRead = 120_000 + index * 5_000
            reports[index].rowsDelivered = reports[index].rowsRead - 3 - index
            reports[index].bytesRead = 4_200_000 * (index + 1)
        }
        reports[0].rowsSkipped = ["bad timestamp": 2, "missing field": 1]
        reports[0].examples = ["\(files[0]):17:12: bad timestamp \"2026-13-01\" (expected ISO-8601)", "\(files[0]):230:1: missing field unit"]
        if reports.count > 1 {
            reports[1].rowsSkipped = ["invalid JSON": 4]
            reports[1].examples = ["\(files[1]):99:40: invalid JSON: unexpected character '}'"]
        }
        return DataQualityReport(
            files: reports, units: 21_074,
            experiments: [.init(name: experiment, exposureRows: 25_310, unitsPerVariant: ["control": 7067, "treatment": 7012, "treatment-b": 6995],
                                unitsInSeveralVariants: 41)],
            eventsByName: ["purchase": 2_310, "request": 98_112, "refund": 3], eventsOfUnexposedUnits: 120, eventsOutsideWindows: 57,
            windowDays: 14, prePeriodDays: 14, firstTimestamp: "2026-02-15T00:00:03Z", lastTimestamp: "2026-03-28T23:59:58Z",
            bytesRead: 12_600_000, seconds: 0.8)
    }

    /// The main fixture with every name from the data replaced by hostile text.
    static func hostile() -> ExperimentResults {
        let script = "<script>alert(1)</script>"
        var results = checkout()
        let rename = ["control": "ctl|<b>", "treatment": script, "treatment-b": "a|b\\"]
        func renamed(_ name: String) -> String { rename[name] ?? name }
        results.experiment = "exp \(script) | \"quoted\" & 'single'"
        results.control = renamed(results.control)
        results.units = Dictionary(uniqueKeysWithValues: results.units.map { (renamed($0.key), $0.value) })
        results.excluded = ["a|b\n<script>": 2]
        results.srm.plannedWeights = Dictionary(uniqueKeysWithValues: results.srm.plannedWeights.map { (renamed($0.key), $0.value) })
        results.srm.note = "note | with <script>alert(2)</script>"
        results.decision.reasons.append("reason with | pipe and \(script)\nand a newline")
        for index in results.metrics.indices {
            results.metrics[index].name = "metric \(index) a|b \(script)"
            results.metrics[index].type = "<i>type</i>"
            results.metrics[index].variants = results.metrics[index].variants.map { var summary = $0; summary.variant = renamed(summary.variant); return summary }
            results.metrics[index].comparisons = results.metrics[index].comparisons.map { comparison in
                var comparison = comparison
                comparison.variant = renamed(comparison.variant)
                if let dimension = comparison.dimension {
                    comparison.dimension = .init(name: "dim|\(script)", value: "\(dimension.value)|<img src=x onerror=alert(1)>`")
                }
                comparison.notes.append("note | \(script)")
                return comparison
            }
        }
        results.settings.correctionFamily = "family | \(script)"
        if var timeline = results.timeline {
            timeline.days = timeline.days.map { "\($0)|<script>" }
            timeline.exposuresPerDay = Dictionary(uniqueKeysWithValues: timeline.exposuresPerDay.map { (renamed($0.key), $0.value) })
            timeline.cumulativeLift = timeline.cumulativeLift.map { line in
                var line = line
                line.metric = "metric a|b \(script)"
                line.variant = renamed(line.variant)
                return line
            }
            results.timeline = timeline
        }
        results.dataQuality = quality(files: ["evil|\(script).csv", "x`y|z.jsonl"], experiment: script)
        results.dataQuality?.eventsByName = [script: 1, "a|b": 2]
        results.generatedBy = "workbench \(script)"
        return results
    }
}
