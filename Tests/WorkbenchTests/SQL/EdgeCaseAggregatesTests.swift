import Foundation
import Testing
@testable import Workbench

/// The DuckDB SQL on a small hand-made export full of edge cases (Fixtures/sql, see its
/// make_fixtures.py): its aggregates CSV must equal the rows pandas computes independently,
/// and its analysis must equal the raw-export analysis. Two experiments in one query.
@Suite(.enabled(if: PythonPeer.duckdb != nil,
                "no Python with duckdb found (WORKBENCH_PYTHON, .venv/bin/python, python3): `pip install duckdb` to run the SQL tests"))
struct EdgeCaseAggregatesTests {
    static var folder: URL {
        get throws {
            guard let base = Bundle.module.resourceURL?.appendingPathComponent("Fixtures/sql") else { throw CocoaError(.fileNoSuchFile) }
            return base
        }
    }

    static func specs() throws -> [ExperimentSpec] {
        let text = String(decoding: try fixtureData("sql/spec.yaml"), as: UTF8.self)
        return try ExperimentSpec.parse(yaml: text, file: "spec.yaml")
    }

    static let aggregates: Result<String, any Error> = Result {
        let folder = try EdgeCaseAggregatesTests.folder
        return try DuckDBAcceptanceTests.aggregates(for: try specs(), exposures: folder.appendingPathComponent("exposures.csv").path,
                                                    events: folder.appendingPathComponent("events.csv").path)
    }

    /// Rows keyed by their first six columns; values are the 15 numeric columns (nil: empty).
    static func rows(_ text: String) -> [String: [Double?]] {
        var rows: [String: [Double?]] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            rows[fields.prefix(6).joined(separator: "|")] = fields.dropFirst(6).map { Double($0) }
        }
        return rows
    }

    @Test func aggregatesEqualPandasPeer() throws {
        let actual = Self.rows(try String(contentsOfFile: try Self.aggregates.get(), encoding: .utf8))
        let expected = Self.rows(String(decoding: try fixtureData("sql/expected_aggregates.csv"), as: UTF8.self))
        #expect(expected.count == 85)
        #expect(Set(actual.keys) == Set(expected.keys),
                "only in SQL: \(Set(actual.keys).subtracting(expected.keys).sorted()); only in pandas: \(Set(expected.keys).subtracting(actual.keys).sorted())")
        for (key, values) in expected {
            guard let row = actual[key] else { continue }
            #expect(row.count == values.count, "\(key)")
            for (index, (got, want)) in zip(row, values).enumerated() {
                switch (got, want) {
                case (nil, nil): break
                case let (got?, want?): expectClose(got, want, relativeTolerance: 1e-12, absoluteFloor: 1e-6, "\(key) column \(index + 7)")
                default: Issue.record("\(key) column \(index + 7): \(String(describing: got)) vs \(String(describing: want))")
                }
            }
        }
    }

    @Test func analysisEqualsRawPath() throws {
        let specs = try Self.specs()
        let folder = try Self.folder
        let raw = try AnalyzeJob(specs: specs, options: ReadOptions()).run(source: .twoFiles(
            exposures: folder.appendingPathComponent("exposures.csv").path, events: folder.appendingPathComponent("events.csv").path))
        let warehouse = try AnalyzeJob(specs: specs, options: ReadOptions()).run(aggregates: try Self.aggregates.get())
        #expect(raw.count == 2 && warehouse.count == 2)
        for (expected, actual) in zip(raw, warehouse) {
            var expected = expected
            expected.dataQuality = nil
            #expect(actual.excluded == expected.excluded && actual.units == expected.units, "\(expected.experiment)")
            let differences = try ResultsAgreement.differences(actual, expected, relativeTolerance: 1e-9)
            #expect(differences.isEmpty, "\(expected.experiment): \(differences.count) differences:\n\(differences.prefix(20).joined(separator: "\n"))")
        }
    }

    /// The agreement check can fail: a number off by 1e-8 relative is reported.
    @Test func agreementCheckDetectsSmallDifferences() throws {
        let specs = try Self.specs()
        var results = try AnalyzeJob(specs: specs, options: ReadOptions()).run(aggregates: try Self.aggregates.get())
        let original = results[0]
        let pValue = try #require(results[0].srm.pValue)
        results[0].srm.pValue = pValue * (1 + 1e-8)
        #expect(try ResultsAgreement.differences(results[0], original, relativeTolerance: 1e-9).count == 1)
        #expect(try ResultsAgreement.differences(original, original, relativeTolerance: 0).isEmpty)
    }

    /// Each other dialect's SQL, transpiled to DuckDB by sqlglot and run on the fixture, gives
    /// the pandas rows too. This checks the dialects' semantics (day, intervals, percentiles,
    /// quoting), as far as sqlglot translates them faithfully; the day text is compared on its
    /// first 10 characters because sqlglot turns Spark's DATE arithmetic into a TIMESTAMP.
    @Test(.enabled(if: PythonPeer.duckdbWithSqlglot != nil, "no Python with both duckdb and sqlglot found"),
          arguments: [SQLDialect.spark, .bigquery, .trino, .postgres])
    func otherDialectsTranspiledToDuckDBGiveThePandasRows(_ dialect: SQLDialect) throws {
        let python = try #require(PythonPeer.duckdbWithSqlglot)
        let folder = try Self.folder
        let sql = try AggregatesQuery(specs: try Self.specs(), dialect: dialect, exposuresTable: "exposures", eventsTable: "events").render()
        let sqlPath = FileManager.default.temporaryDirectory.appendingPathComponent("workbench-sql-\(dialect.rawValue)-\(UUID().uuidString).sql").path
        try sql.write(toFile: sqlPath, atomically: true, encoding: .utf8)
        let script = """
            import sys, csv, math, duckdb, sqlglot
            sql_path, dialect, exposures, events, expected_path = sys.argv[1:6]
            con = duckdb.connect()
            con.execute(f"CREATE TABLE exposures AS SELECT * FROM read_csv('{exposures}')")
            con.execute(f"CREATE TABLE events AS SELECT * FROM read_csv('{events}')")
            query = sqlglot.transpile(open(sql_path).read(), read=dialect, write="duckdb")[0]
            relation = con.sql(query)
            names = relation.columns
            def key(row):
                return tuple("" if v is None else str(v)[:10] if n == "day" else str(v) for n, v in zip(names[:6], row[:6]))
            got = {key(r): r[6:] for r in relation.fetchall()}
            expected = {}
            with open(expected_path) as f:
                reader = csv.reader(f)
                next(reader)
                for r in reader:
                    expected[tuple(r[:6])] = [float(x) if x else None for x in r[6:]]
            problems = [f"keys only in SQL: {sorted(set(got) - set(expected))[:5]}, only in pandas: {sorted(set(expected) - set(got))[:5]}"] if set(got) != set(expected) else []
            for k, want in expected.items():
                for i, (a, b) in enumerate(zip(got.get(k, []), want)):
                    if (a is None) != (b is None) or (a is not None and abs(a - b) > 1e-12 * max(abs(b), 1e-6)):
                        problems.append(f"{k} column {i + 7}: {a} vs {b}")
            if problems:
                sys.exit("\\n".join(problems[:20]))
            """
        let result = try python.run(script: script, arguments: [
            sqlPath, dialect.rawValue, folder.appendingPathComponent("exposures.csv").path,
            folder.appendingPathComponent("events.csv").path, folder.appendingPathComponent("expected_aggregates.csv").path,
        ])
        #expect(result.status == 0, "\(dialect): \(result.standardError)")
    }
}
