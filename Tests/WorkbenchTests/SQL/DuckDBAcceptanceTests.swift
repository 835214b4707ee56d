import Foundation
import Testing
@testable import Workbench

/// The acceptance test: the DuckDB SQL run on the bundled example export gives
/// aggregates whose analysis matches the raw-export analysis to 1e-9 relative.
///
/// Needs a Python with the `duckdb` package (PythonPeer); skipped with that reason otherwise.
@Suite(.enabled(if: PythonPeer.duckdb != nil,
                "no Python with duckdb found (WORKBENCH_PYTHON, .venv/bin/python, python3): `pip install duckdb` to run the SQL acceptance test"))
struct DuckDBAcceptanceTests {
    static let example = PythonPeer.repositoryRoot.appendingPathComponent("datasets/example")

    static func exampleSpec() throws -> ExperimentSpec {
        let text = try String(contentsOf: example.appendingPathComponent("spec.yaml"), encoding: .utf8)
        guard let spec = try ExperimentSpec.parse(yaml: text, file: "spec.yaml").first else { throw AnalysisError("the example spec is empty") }
        return spec
    }

    /// Runs the DuckDB query for `specs` on the example export; returns the aggregates CSV path.
    static func aggregates(for specs: [ExperimentSpec], exposures: String, events: String) throws -> String {
        guard let python = PythonPeer.duckdb else { throw AnalysisError("no Python with duckdb") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("workbench-sql-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let query = AggregatesQuery(specs: specs, dialect: .duckdb, exposuresTable: "read_csv('\(exposures)')",
                                    eventsTable: "read_csv('\(events)')")
        let sqlPath = folder.appendingPathComponent("aggregates.sql").path
        let csvPath = folder.appendingPathComponent("aggregates.csv").path
        try query.render().write(toFile: sqlPath, atomically: true, encoding: .utf8)
        let script = """
            import sys, duckdb
            sql = open(sys.argv[1]).read()
            duckdb.connect().execute("COPY (" + sql + ") TO '" + sys.argv[2] + "' (HEADER)")
            """
        let result = try python.run(script: script, arguments: [sqlPath, csvPath])
        guard result.status == 0 else { throw AnalysisError("DuckDB failed on the generated SQL: \(result.standardError)") }
        return csvPath
    }

    /// The raw-path and warehouse-path results of the example spec as shipped (`[0]`) and
    /// without its quantile metric (`[1]`): one pass over the export for both specs, and one
    /// DuckDB run (the quantile metric has no aggregate rows, so one CSV serves both specs).
    static let runs: Result<(raw: [ExperimentResults], warehouse: [ExperimentResults]), any Error> = Result {
        let full = try exampleSpec()
        var reduced = full
        reduced.metrics.removeAll { if case .quantile = $0.kind { return true } else { return false } }
        let exposures = example.appendingPathComponent("exposures.csv").path
        let events = example.appendingPathComponent("events.csv.gz").path
        let raw = try AnalyzeJob(specs: [full, reduced], options: ReadOptions()).run(source: .twoFiles(exposures: exposures, events: events))
        let csv = try aggregates(for: [full], exposures: exposures, events: events)
        let warehouse = try [full, reduced].flatMap { try AnalyzeJob(specs: [$0], options: ReadOptions()).run(aggregates: csv) }
        return (raw, warehouse)
    }

    /// Without the quantile metric every number of results.json must agree, adjusted p-values,
    /// sequential and Bayesian figures, timeline and decision included.
    @Test func exampleWithoutQuantileMetricMatchesRawPathEverywhere() throws {
        let (raw, warehouse) = try Self.runs.get()
        var expected = try #require(raw.last)
        let actual = try #require(warehouse.last)
        #expect(raw.count == 2 && warehouse.count == 2)
        expected.dataQuality = nil  // the aggregates path has no rows to report on, by design
        #expect(actual.units == expected.units && actual.excluded == expected.excluded)
        let differences = try ResultsAgreement.differences(actual, expected, relativeTolerance: 1e-9)
        #expect(differences.isEmpty, "\(differences.count) differences:\n\(differences.prefix(20).joined(separator: "\n"))")
    }

    /// With the example spec as shipped, everything but the quantile metric agrees. The
    /// success family of the multiple-testing correction is smaller on the aggregates path
    /// (the quantile metric has no p-value there), so the adjusted figures of success metrics
    /// are compared only in the test above.
    @Test func exampleSpecMatchesRawPathExceptQuantileMetric() throws {
        let spec = try Self.exampleSpec()
        let (raw, warehouse) = try Self.runs.get()
        func comparable(_ result: ExperimentResults) -> ExperimentResults {
            var result = result
            result.dataQuality = nil
            let quantiles = Set(spec.metrics.filter { if case .quantile = $0.kind { return true } else { return false } }.map(\.name))
            result.metrics.removeAll { quantiles.contains($0.name) }
            for metric in result.metrics.indices where result.metrics[metric].role == "success" {
                for comparison in result.metrics[metric].comparisons.indices {
                    result.metrics[metric].comparisons[comparison].adjustedPValue = nil
                    result.metrics[metric].comparisons[comparison].adjustedCILow = nil
                    result.metrics[metric].comparisons[comparison].adjustedCIHigh = nil
                }
            }
            result.decision.reasons.removeAll { reason in quantiles.contains { reason.contains(" \($0):") } }
            return result
        }
        let expected = comparable(try #require(raw.first))
        let actual = comparable(try #require(warehouse.first))
        #expect(actual.decision.ship == expected.decision.ship)
        let differences = try ResultsAgreement.differences(actual, expected, relativeTolerance: 1e-9)
        #expect(differences.isEmpty, "\(differences.count) differences:\n\(differences.prefix(20).joined(separator: "\n"))")
        let quantileMetric = try #require(warehouse.first?.metrics.first { $0.name == "latency_p95" })
        #expect(quantileMetric.comparisons.allSatisfy { $0.pValue == nil })
    }
}
