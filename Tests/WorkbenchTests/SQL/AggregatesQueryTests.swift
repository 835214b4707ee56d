import Foundation
import Testing
@testable import Workbench

/// The generated SQL's structure per dialect, and (where a parser is available) that the
/// other dialects' SQL parses.
@Suite struct AggregatesQueryTests {
    static let spec: ExperimentSpec = {
        var spec = ExperimentSpec(experiment: "checkout-v2", control: "off", metrics: [])
        spec.dimensions = ["country", "platform"]
        var conversion = MetricSpec(name: "conversion", kind: .proportion(event: "purchase"))
        conversion.cap = nil
        var revenue = MetricSpec(name: "revenue", kind: .mean(.init(event: "purchase", function: .sum)))
        revenue.cuped = true
        revenue.cap = .quantile(0.999)
        let latency = MetricSpec(name: "latency", kind: .ratio(numerator: .init(event: "request", function: .sum),
                                                               denominator: .init(event: "request", function: .count)))
        var peak = MetricSpec(name: "peak", kind: .mean(.init(event: "request", function: .max)))
        peak.cap = .value(5000)
        let p95 = MetricSpec(name: "latency_p95", kind: .quantile(event: "request", probability: 0.95))
        spec.metrics = [conversion, revenue, latency, peak, p95]
        return spec
    }()

    static func sql(_ dialect: SQLDialect, mapping: ColumnMapping = ColumnMapping()) throws -> String {
        try AggregatesQuery(specs: [spec], dialect: dialect, exposuresTable: "analytics.exposures", eventsTable: "analytics.events",
                            mapping: mapping).render()
    }

    struct Expectation: Sendable, CustomStringConvertible {
        var dialect: SQLDialect
        var quantile: String
        var window: String
        var preStart: String
        var day: String
        var quoted: String
        var double: String
        var description: String { dialect.rawValue }
    }

    static let expectations: [Expectation] = [
        .init(dialect: .duckdb, quantile: "quantile_cont(s1, 0.999) AS c1_0", window: "u.first_time + INTERVAL (1209600000) MILLISECOND",
              preStart: "u.first_time - INTERVAL (1209600000) MILLISECOND", day: "epoch_ms(first_time)", quoted: "\"unit_id\"", double: "AS DOUBLE)"),
        .init(dialect: .spark, quantile: "percentile(s1, 0.999) AS c1_0", window: "u.first_time + INTERVAL 1209600000 MILLISECONDS",
              preStart: "u.first_time - INTERVAL 1209600000 MILLISECONDS", day: "unix_millis(first_time)", quoted: "`unit_id`", double: "AS DOUBLE)"),
        .init(dialect: .bigquery, quantile: "PERCENTILE_CONT(s1, 0.999) OVER () AS c1_0",
              window: "TIMESTAMP_ADD(u.first_time, INTERVAL 1209600000 MILLISECOND)",
              preStart: "TIMESTAMP_SUB(u.first_time, INTERVAL 1209600000 MILLISECOND)", day: "DATE(first_time)", quoted: "`unit_id`",
              double: "AS FLOAT64)"),
        .init(dialect: .trino, quantile: "ROW_NUMBER() OVER (ORDER BY s1) AS r1_0", window: "date_add('millisecond', 1209600000, u.first_time)",
              preStart: "date_add('millisecond', -1209600000, u.first_time)", day: "CAST(first_time AS DATE)", quoted: "\"unit_id\"",
              double: "AS DOUBLE)"),
        .init(dialect: .postgres, quantile: "percentile_cont(0.999) WITHIN GROUP (ORDER BY s1) AS c1_0",
              window: "u.first_time + INTERVAL '1209600.000 seconds'", preStart: "u.first_time - INTERVAL '1209600.000 seconds'",
              day: "to_char(first_time, 'YYYY-MM-DD')", quoted: "\"unit_id\"", double: "AS DOUBLE PRECISION)"),
    ]

    @Test(arguments: expectations) func dialectSpecificPieces(_ expectation: Expectation) throws {
        let sql = try Self.sql(expectation.dialect)
        for piece in [expectation.quantile, expectation.window, expectation.preStart, expectation.day, expectation.quoted, expectation.double] {
            #expect(sql.contains(piece), "\(expectation.dialect): missing \(piece)")
        }
        // Trino has only approximate percentiles: the caps come from ranks there, and the query says so.
        #expect(!sql.contains("approx_percentile("))
        #expect(sql.contains("exact type-7 quantiles from ranks") == (expectation.dialect == .trino))
        #expect(sql.contains("-- trino has only approximate percentile functions") == (expectation.dialect == .trino))
    }

    @Test(arguments: SQLDialect.allCases) func structureFollowsTheAggregatesFormat(_ dialect: SQLDialect) throws {
        let sql = try Self.sql(dialect)
        // Every CTE of the pipeline, in order.
        let ctes = ["exposures", "ranked", "first", "units", "events", "unit_sources", "caps", "metric_values"].map { "e0_\($0) AS (" }
        let positions = ctes.compactMap { sql.range(of: $0)?.lowerBound }
        #expect(positions.count == ctes.count && positions == positions.sorted(), "\(dialect): CTEs missing or out of order")
        // One overall SELECT per aggregated metric, one per metric and dimension, plus _units and _excluded.
        #expect(sql.components(separatedBy: "UNION ALL").count == 4 * 3 + 2, "\(dialect)")
        #expect(!sql.contains("'latency_p95' AS"), "\(dialect): quantile metrics have no rows")
        #expect(sql.contains("quantile metrics (latency_p95)"))
        #expect(sql.contains("'_units' AS") && sql.contains("'_excluded' AS") && sql.contains("'exposed to several variants' AS"))
        // The 21 documented columns, quoted, in order, in the first SELECT.
        let columns = ["experiment", "variant", "metric", "dimension", "dimension_value", "day", "units"]
            + (0..<4).map { "sum_v\($0)" } + AggregatesReader.productColumns
        let firstSelect = try #require(sql.components(separatedBy: "UNION ALL").first?.components(separatedBy: "SELECT\n").last)
        let aliases = columns.compactMap { firstSelect.range(of: " AS \(dialect.quoteIdentifier($0))") }.map(\.lowerBound)
        #expect(aliases.count == 21 && aliases == aliases.sorted(), "\(dialect): \(aliases.count) of 21 columns")
        // Sources deduplicated like the raw path: purchase count, purchase sum (window, pre), request sum, count, max.
        #expect(sql.contains(" AS s5") && !sql.contains(" AS s6"), "\(dialect)")
        // CUPED revenue has 2 variables, the ratio 2: products beyond are NULL.
        #expect(sql.contains("SUM(m1_v0 * m1_v1)") && !sql.contains("m1_v2") && !sql.contains("m2_v2"))
        // Caps: the quantile on the uncapped pre-period source too, the fixed cap as a literal.
        #expect(sql.contains("c1_1") && sql.contains("LEAST(u.s5, CAST(5000.0 AS \(dialect.doubleType)))"))
        #expect(sql.contains("CASE WHEN u.s0 > 0 THEN 1 ELSE 0 END"))
        #expect(sql.contains("ROW_NUMBER() OVER (PARTITION BY unit_id ORDER BY exposure_time, variant, d0 NULLS LAST, d1 NULLS LAST)"))
    }

    @Test func mappingAndQuotingReachTheQuery() throws {
        let mapping = try ColumnMapping.parse(["unit_id=user_id,variant=properties.ab_variant", "experiment=feature_key"])
        let duckdb = try Self.sql(.duckdb, mapping: mapping)
        #expect(duckdb.contains("\"user_id\" AS unit_id") && duckdb.contains("\"properties\".\"ab_variant\"")
            && duckdb.contains("CAST(\"feature_key\" AS VARCHAR) = 'checkout-v2'"))
        #expect(SQLDialect.duckdb.quoteIdentifier("we\"ird") == "\"we\"\"ird\"")
        #expect(SQLDialect.spark.quoteIdentifier("we`ird") == "`we``ird`")
        #expect(SQLDialect.bigquery.quoteIdentifier("we`ird") == "`we\\`ird`")
        #expect(SQLDialect.postgres.stringLiteral("it's") == "'it''s'")
        #expect(SQLDialect.bigquery.stringLiteral("it's \\") == "'it\\'s \\\\'")
        #expect(SQLDialect.postgres.adding(milliseconds: -1500, to: "t") == "t - INTERVAL '1.500 seconds'")
        #expect(throws: AnalysisError.self) { try AggregatesQuery(specs: [], dialect: .duckdb).render() }
    }

    /// The non-DuckDB dialects' SQL parses in sqlglot (when a Python with sqlglot is found).
    @Test(.enabled(if: PythonPeer.sqlglot != nil, "no Python with sqlglot found: `pip install sqlglot` to parse the other dialects"),
          arguments: [SQLDialect.spark, .bigquery, .trino, .postgres])
    func parsesInSqlglot(_ dialect: SQLDialect) throws {
        let python = try #require(PythonPeer.sqlglot)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("workbench-sql-\(dialect.rawValue)-\(UUID().uuidString).sql").path
        try Self.sql(dialect).write(toFile: path, atomically: true, encoding: .utf8)
        let script = """
            import sys, sqlglot
            from sqlglot.errors import ErrorLevel
            trees = sqlglot.parse(open(sys.argv[1]).read(), read=sys.argv[2], error_level=ErrorLevel.RAISE)
            assert len(trees) == 1 and trees[0] is not None, "expected exactly one statement"
            assert trees[0].find(sqlglot.exp.Union) is not None
            """
        let result = try python.run(script: script, arguments: [path, dialect.rawValue])
        #expect(result.status == 0, "\(dialect): sqlglot could not parse the query: \(result.standardError)")
    }
}
