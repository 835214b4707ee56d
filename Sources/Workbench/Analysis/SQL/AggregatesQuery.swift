/// The SQL that computes the warehouse aggregates CSV (docs/aggregates-format.md) for one or
/// more specs, in one query, inside the user's warehouse.
///
/// The query reproduces the raw-export pipeline step by step: per experiment, the exposures
/// of that experiment; each unit's first exposure (ties on time broken by variant, then the
/// dimension values, so the result is deterministic); units seen in several variants left
/// out and counted in the `_excluded` row; the dimension values at first exposure; one
/// pass over the spec's events joined to the units on `[first - pre_period, first + window)`
/// giving every per-unit source (sum / count / max of one event in the window or the
/// pre-period, deduplicated across metrics exactly like the raw path's `MetricLayout`);
/// quantile caps over the analysed units (each variable at its own quantile, computed on
/// the uncapped per-unit values); then per variant x enrollment day (overall rows) and per
/// variant x dimension value (segment rows) the units, the sums of the variables and the
/// sums of their products, plus the `_units` rows.
///
/// The output is one `SELECT` (no trailing semicolon, so it can be wrapped in
/// `COPY (...) TO`), ordered by experiment, metric, dimension, value, day and variant.
/// Cost: one scan of each table per experiment, one window sort of the experiment's
/// exposures by unit, one hash join of events to units.
public struct AggregatesQuery: Sendable {
    /// The experiments to compute aggregates for (one block of the `UNION ALL` each).
    public var specs: [ExperimentSpec]
    public var dialect: SQLDialect
    /// A table name or any table expression, inserted verbatim (e.g. `analytics.exposures`,
    /// `` `project.dataset.exposures` ``, or in DuckDB `read_csv('exposures.csv')`).
    public var exposuresTable: String
    /// As `exposuresTable`, for the events.
    public var eventsTable: String
    /// Which columns play the roles `timestamp`, `unit_id`, `experiment`, `variant`, `event`,
    /// `value` (the same `--map ROLE=COLUMN` mapping as the file readers).
    public var mapping: ColumnMapping

    public init(specs: [ExperimentSpec], dialect: SQLDialect, exposuresTable: String = "exposures", eventsTable: String = "events",
                mapping: ColumnMapping = ColumnMapping()) {
        self.specs = specs
        self.dialect = dialect
        self.exposuresTable = exposuresTable
        self.eventsTable = eventsTable
        self.mapping = mapping
    }

    /// The SQL text. Throws `AnalysisError` when there is nothing to compute (no spec) or a
    /// table expression is empty. O(metrics x dimensions) text.
    public func render() throws -> String {
        guard !specs.isEmpty else { throw AnalysisError("no experiment to write SQL for: give at least one spec") }
        guard !exposuresTable.allSatisfy(\.isWhitespace), !eventsTable.allSatisfy(\.isWhitespace) else {
            throw AnalysisError("the exposures and events tables must be named: pass --exposures-table and --events-table")
        }
        var header = [
            "-- workbench sql: warehouse aggregates for `workbench analyze --aggregates` (docs/aggregates-format.md).",
            "-- Dialect: \(dialect.rawValue). Experiments: \(specs.map(\.experiment).joined(separator: ", ")).",
            "-- Timestamps are expected as TIMESTAMP values in UTC; enrollment days are UTC days (docs/sql.md).",
        ]
        if !dialect.hasExactPercentileFunction && specs.contains(where: { $0.metrics.contains { if case .quantile = $0.cap { return true } else { return false } } }) {
            header.append("-- \(dialect.rawValue) has only approximate percentile functions (approx_percentile): the quantile caps are")
            header.append("-- computed exactly from ranks instead (type 7, as the raw-export path), at the cost of one sort per capped variable.")
        }
        var ctes: [String] = []
        var selects: [String] = []
        for (index, spec) in specs.enumerated() {
            let block = ExperimentBlock(spec: spec, prefix: "e\(index)_", query: self)
            ctes += block.commonTableExpressions()
            selects += block.rowSelects()
            let skipped = spec.metrics.filter { if case .quantile = $0.kind { return true } else { return false } }.map(\.name)
            if !skipped.isEmpty {
                header.append("-- \(spec.experiment): quantile metrics (\(skipped.joined(separator: ", "))) need event-level values and are not aggregated.")
            }
        }
        // The union is wrapped so that ORDER BY names columns, which every dialect accepts after
        // a set operation.
        let order = ["experiment", "metric", "dimension", "dimension_value", "day", "variant"].map(dialect.quoteIdentifier)
        let union = selects.joined(separator: "\nUNION ALL\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { "  " + $0 }.joined(separator: "\n")
        return header.joined(separator: "\n") + "\nWITH\n" + ctes.joined(separator: ",\n") + "\n"
            + "SELECT * FROM (\n" + union + "\n) AS aggregates\nORDER BY " + order.joined(separator: ", ") + "\n"
    }
}
