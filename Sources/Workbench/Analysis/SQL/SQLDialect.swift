/// A SQL dialect `workbench sql` can write: the warehouses the aggregates query runs on.
///
/// The dialects differ in identifier quoting, string escapes, type names, timestamp
/// arithmetic, the UTC day of a timestamp and the percentile function used for capping;
/// everything else in the generated query is portable SQL (CTEs, `ROW_NUMBER()`, window
/// `MIN`/`MAX`, `LEFT JOIN`, `GROUP BY`, `UNION ALL`).
public enum SQLDialect: String, Sendable, Equatable, CaseIterable {
    /// DuckDB 0.10 or newer (also reads CSV/Parquet files directly with `read_csv(...)`).
    case duckdb
    /// Spark SQL 3.1 or newer (Databricks included).
    case spark
    /// Google BigQuery standard SQL.
    case bigquery
    /// Trino (and Presto / Athena engine 3).
    case trino
    /// PostgreSQL 12 or newer (also Redshift-like engines that accept PostgreSQL syntax).
    case postgres

    /// Whether the dialect has an exact percentile function with linear interpolation
    /// (type 7, the raw path's rule). Trino has only `approx_percentile`, so for Trino the
    /// query computes the exact quantile from ranks instead (`ExperimentBlock`).
    public var hasExactPercentileFunction: Bool { self != .trino }

    /// The identifier quoted for this dialect: `"name"` (DuckDB, Trino, PostgreSQL) or
    /// `` `name` `` (Spark, BigQuery), with the quote character escaped inside.
    public func quoteIdentifier(_ name: String) -> String {
        switch self {
        case .duckdb, .trino, .postgres:
            return "\"" + name.replacingAll("\"", with: "\"\"") + "\""
        case .spark:
            return "`" + name.replacingAll("`", with: "``") + "`"
        case .bigquery:
            return "`" + name.replacingAll("\\", with: "\\\\").replacingAll("`", with: "\\`") + "`"
        }
    }

    /// A column reference from a mapping such as `properties.ab_variant`: each dotted part is
    /// quoted, so the path reaches a nested (struct/record) field where the warehouse has one.
    public func columnReference(_ path: String) -> String {
        path.split(separator: ".", omittingEmptySubsequences: false).map { quoteIdentifier(String($0)) }.joined(separator: ".")
    }

    /// A string literal: `'...'` with `''` (DuckDB, Trino, PostgreSQL with standard strings)
    /// or backslash escapes (Spark, BigQuery, where `''` would not mean a quote).
    public func stringLiteral(_ text: String) -> String {
        switch self {
        case .duckdb, .trino, .postgres:
            return "'" + text.replacingAll("'", with: "''") + "'"
        case .spark, .bigquery:
            return "'" + text.replacingAll("\\", with: "\\\\").replacingAll("'", with: "\\'") + "'"
        }
    }

    /// The 64-bit floating-point type name.
    public var doubleType: String {
        switch self {
        case .duckdb, .spark, .trino: return "DOUBLE"
        case .bigquery: return "FLOAT64"
        case .postgres: return "DOUBLE PRECISION"
        }
    }

    /// The variable-length string type name.
    public var stringType: String {
        switch self {
        case .duckdb, .trino: return "VARCHAR"
        case .spark, .bigquery: return "STRING"
        case .postgres: return "TEXT"
        }
    }

    /// `timestamp` moved by a signed number of milliseconds. Whole milliseconds match the raw
    /// path, which keeps times in milliseconds since the epoch.
    public func adding(milliseconds: Int64, to timestamp: String) -> String {
        if milliseconds == 0 { return timestamp }
        let sign = milliseconds < 0 ? "-" : "+"
        let magnitude = milliseconds.magnitude
        switch self {
        case .duckdb:
            return "\(timestamp) \(sign) INTERVAL (\(magnitude)) MILLISECOND"
        case .spark:
            return "\(timestamp) \(sign) INTERVAL \(magnitude) MILLISECONDS"
        case .bigquery:
            return "TIMESTAMP_\(milliseconds < 0 ? "SUB" : "ADD")(\(timestamp), INTERVAL \(magnitude) MILLISECOND)"
        case .trino:
            return "date_add('millisecond', \(milliseconds), \(timestamp))"
        case .postgres:
            return "\(timestamp) \(sign) INTERVAL '\(magnitude / 1000).\(String(magnitude % 1000).leftPadded(to: 3)) seconds'"
        }
    }

    /// The UTC calendar day of `timestamp` as `YYYY-MM-DD` text (the aggregates' `day`).
    ///
    /// DuckDB and Spark compute it from epoch milliseconds, so the result does not depend on
    /// the session time zone (DuckDB reads `...Z` CSV times as `TIMESTAMP WITH TIME ZONE`).
    /// BigQuery's `DATE(timestamp)` is UTC by definition. On Trino and PostgreSQL the cast to
    /// a date follows the session time zone for zoned timestamps: run them with the session
    /// in UTC (docs/sql.md).
    public func utcDay(of timestamp: String) -> String {
        switch self {
        case .duckdb:
            return "CAST(DATE '1970-01-01' + CAST(floor(epoch_ms(\(timestamp)) / 86400000) AS INTEGER) AS VARCHAR)"
        case .spark:
            return "CAST(date_from_unix_date(CAST(floor(unix_millis(\(timestamp)) / 86400000) AS INT)) AS STRING)"
        case .bigquery:
            return "FORMAT_DATE('%Y-%m-%d', DATE(\(timestamp)))"
        case .trino:
            return "CAST(CAST(\(timestamp) AS DATE) AS VARCHAR)"
        case .postgres:
            return "to_char(\(timestamp), 'YYYY-MM-DD')"
        }
    }

    /// An aggregate giving the `probability` quantile of `expression` over the rows, with
    /// linear interpolation between order statistics (Hyndman-Fan type 7, the raw path's
    /// rule); `nil` for Trino, which has no exact percentile function (see
    /// `hasExactPercentileFunction`).
    ///
    /// BigQuery's `PERCENTILE_CONT` is only an analytic function: its form here is
    /// `PERCENTILE_CONT(x, p) OVER ()`, to be selected with `DISTINCT`
    /// (`quantileNeedsDistinctAnalytic`).
    public func quantile(of expression: String, probability: Double) -> String? {
        let p = "\(probability)"
        switch self {
        case .duckdb: return "quantile_cont(\(expression), \(p))"
        case .spark: return "percentile(\(expression), \(p))"
        case .bigquery: return "PERCENTILE_CONT(\(expression), \(p)) OVER ()"
        case .trino: return nil
        case .postgres: return "percentile_cont(\(p)) WITHIN GROUP (ORDER BY \(expression))"
        }
    }

    /// Whether `quantile(of:probability:)` is an analytic function (one value per row) rather
    /// than an aggregate, so the caps query needs `SELECT DISTINCT` instead of one group.
    public var quantileNeedsDistinctAnalytic: Bool { self == .bigquery }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        result.reserveCapacity(count)
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }

    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
