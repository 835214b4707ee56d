import Foundation
import Testing
@testable import Workbench

/// The raw-export pipeline against an independent pandas computation on the bundled example
/// (Fixtures/analysis/make_fixtures.py): units, exclusions, caps, windows, ratios, quantiles,
/// segments. The statistics themselves are checked in StatsTests.
@Suite struct AnalyzeJobTests {
    struct Reference: Decodable {
        struct Variant: Decodable {
            var units: Int
            var conversion, revenue, latency, errorRate, latencyP95: Double
            enum CodingKeys: String, CodingKey {
                case units, conversion, revenue, latency, errorRate = "error_rate", latencyP95 = "latency_p95"
            }
        }
        var excludedSeveralVariants: Int
        var overall: [String: Variant]
        var countryUS: [String: Variant]
        enum CodingKeys: String, CodingKey {
            case excludedSeveralVariants = "excluded_several_variants", overall, countryUS = "country_US"
        }
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../..").standardized

    static func analyseExample() throws -> ExperimentResults {
        let example = repository.appendingPathComponent("datasets/example")
        let specText = try String(contentsOf: example.appendingPathComponent("spec.yaml"), encoding: .utf8)
        let specs = try ExperimentSpec.parse(yaml: specText, file: "spec.yaml")
        let job = AnalyzeJob(specs: specs, options: ReadOptions())
        let results = try job.run(source: .twoFiles(exposures: example.appendingPathComponent("exposures.csv").path,
                                                    events: example.appendingPathComponent("events.csv.gz").path))
        return try #require(results.first)
    }

    @Test func perVariantFiguresMatchPandas() throws {
        let reference = try JSONDecoder().decode(Reference.self, from: fixtureData("analysis/example_reference.json"))
        let results = try Self.analyseExample()
        #expect(results.excluded == ["exposed to several variants": reference.excludedSeveralVariants])
        #expect(results.units == reference.overall.mapValues(\.units))
        func mean(_ metric: String, _ variant: String) -> Double? {
            results.metrics.first { $0.name == metric }?.variants.first { $0.variant == variant }?.mean
        }
        for (variant, expected) in reference.overall {
            expectClose(try #require(mean("conversion", variant)), expected.conversion, relativeTolerance: 1e-12)
            expectClose(try #require(mean("revenue", variant)), expected.revenue, relativeTolerance: 1e-12)
            expectClose(try #require(mean("latency", variant)), expected.latency, relativeTolerance: 1e-12)
            expectClose(try #require(mean("error_rate", variant)), expected.errorRate, relativeTolerance: 1e-12)
            expectClose(try #require(mean("latency_p95", variant)), expected.latencyP95, relativeTolerance: 1e-12)
        }
    }

    @Test func segmentLiftsMatchPandas() throws {
        let reference = try JSONDecoder().decode(Reference.self, from: fixtureData("analysis/example_reference.json"))
        let results = try Self.analyseExample()
        let us = reference.countryUS
        func absoluteLift(_ metric: String) -> Double? {
            results.metrics.first { $0.name == metric }?.comparisons
                .first { $0.dimension == .init(name: "country", value: "US") && $0.variant == "on" }?.absoluteLift
        }
        let on = try #require(us["on"]), off = try #require(us["off"])
        expectClose(try #require(absoluteLift("conversion")), on.conversion - off.conversion, relativeTolerance: 1e-9)
        expectClose(try #require(absoluteLift("latency")), on.latency - off.latency, relativeTolerance: 1e-9)
        expectClose(try #require(absoluteLift("error_rate")), on.errorRate - off.errorRate, relativeTolerance: 1e-9)
        expectClose(try #require(absoluteLift("latency_p95")), on.latencyP95 - off.latencyP95, relativeTolerance: 1e-9)
        let comparison = try #require(results.metrics.first { $0.name == "conversion" }?.comparisons
            .first { $0.dimension == .init(name: "country", value: "US") })
        #expect(comparison.units == on.units && comparison.controlUnits == off.units)
    }

    @Test func resultsJSONKeepsThePublicContract() throws {
        let results = try Self.analyseExample()
        let object = try #require(try JSONSerialization.jsonObject(with: AnalysisOutput.encode(results)) as? [String: Any])
        for key in ["schema_version", "experiment", "control", "units", "excluded", "srm", "metrics", "decision"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect((object["srm"] as? [String: Any])?["p_value"] is Double)
        let metric = try #require((object["metrics"] as? [[String: Any]])?.first)
        for key in ["name", "type", "variants", "comparisons"] { #expect(metric[key] != nil, "missing metrics[].\(key)") }
        let variant = try #require((metric["variants"] as? [[String: Any]])?.first)
        for key in ["variant", "units", "mean"] { #expect(variant[key] != nil, "missing variants[].\(key)") }
        let comparison = try #require((metric["comparisons"] as? [[String: Any]])?.first)
        for key in ["variant", "dimension", "absolute_lift", "relative_lift", "ci_low", "ci_high", "p_value", "adjusted_p_value",
                    "cuped_applied", "sequential_ci_low", "sequential_ci_high", "chance_to_win", "risk"] {
            #expect(comparison.keys.contains(key), "missing comparisons[].\(key)")
        }
        #expect(comparison["dimension"] is NSNull)
        let decision = try #require(object["decision"] as? [String: Any])
        #expect(decision["ship"] is Bool && decision["reasons"] is [String])
        // Deterministic: the same input gives the same bytes.
        #expect(try AnalysisOutput.encode(results) == AnalysisOutput.encode(Self.analyseExample()))
    }

    @Test func cupedIsAppliedToRevenueAndGuardrailsAreJudged() throws {
        let results = try Self.analyseExample()
        let revenue = try #require(results.metrics.first { $0.name == "revenue" }?.comparisons.first { $0.dimension == nil })
        #expect(revenue.cupedApplied)
        let latency = try #require(results.metrics.first { $0.name == "latency" }?.comparisons.first { $0.dimension == nil })
        #expect(latency.guardrail != nil && results.metrics.first { $0.name == "latency" }?.role == "guardrail")
        #expect(results.decision.reasons.contains { $0.contains("guardrail latency") })
        #expect(results.srm.pValue != nil && results.srm.mismatch == false)
    }
}
