/// One experiment's part of an `AggregatesQuery`: its common table expressions (all named
/// with the block's prefix, so several experiments share one `WITH`) and its row `SELECT`s.
///
/// The per-unit sources come from the raw path's own `MetricLayout`, so both paths agree on
/// which aggregate of which event in which period feeds each metric variable.
struct ExperimentBlock {
    let spec: ExperimentSpec
    let prefix: String
    let query: AggregatesQuery
    let layouts: [MetricLayout]
    let sources: [MetricLayout.Source]

    init(spec: ExperimentSpec, prefix: String, query: AggregatesQuery) {
        self.spec = spec
        self.prefix = prefix
        self.query = query
        var sources: [MetricLayout.Source] = []
        layouts = MetricLayout.layouts(for: spec, sources: &sources)
        self.sources = sources
    }

    private var dialect: SQLDialect { query.dialect }
    private var dimensions: [String] { spec.dimensions.indices.map { "d\($0)" } }
    /// Metrics with aggregates (quantile metrics have none), with their position in the spec.
    private var aggregatedLayouts: [(index: Int, layout: MetricLayout)] {
        layouts.enumerated().filter { $0.element.dimension > 0 }.map { ($0.offset, $0.element) }
    }
    // Rounded to whole milliseconds exactly like `ExperimentAccumulator`.
    private var windowMilliseconds: Int64 { Int64((spec.windowDays * 86_400_000).rounded()) }
    private var preMilliseconds: Int64 { Int64((spec.prePeriodDays * 86_400_000).rounded()) }
    private var usesPrePeriod: Bool { sources.contains { $0.period == .prePeriod } }
    private var quantileCaps: [(metric: Int, variable: Int, probability: Double, source: Int)] {
        aggregatedLayouts.flatMap { index, layout -> [(metric: Int, variable: Int, probability: Double, source: Int)] in
            guard case .quantile(let probability) = layout.metric.cap else { return [] }
            return layout.variables.enumerated().map { (index, $0.offset, probability, $0.element) }
        }
    }

    private func name(_ table: String) -> String { prefix + table }
    private func column(_ role: ColumnMapping.Role) -> String { dialect.columnReference(query.mapping.column(for: role)) }
    private func text(_ expression: String) -> String { "CAST(\(expression) AS \(dialect.stringType))" }
    private func indented(_ lines: [String]) -> String { lines.map { "    " + $0 }.joined(separator: ",\n") }

    // MARK: Common table expressions

    func commonTableExpressions() -> [String] {
        var ctes = [exposures(), ranked(), firstExposures(), units()]
        if !aggregatedLayouts.isEmpty {
            ctes += [events(), unitSources()]
            if !quantileCaps.isEmpty { ctes.append(caps()) }
            ctes.append(metricValues())
        }
        return ctes
    }

    /// The experiment's exposure rows, with the dimension values as text (empty text is no value).
    private func exposures() -> String {
        let unit = column(.unitID), variant = column(.variant), time = column(.timestamp)
        var columns = ["\(unit) AS unit_id", "\(text(variant)) AS variant", "\(time) AS exposure_time"]
        for (alias, dimension) in zip(dimensions, spec.dimensions) {
            columns.append("NULLIF(\(text(dialect.quoteIdentifier(dimension))), '') AS \(alias)")
        }
        return """
            \(name("exposures")) AS (
              -- the exposures of experiment \(dialect.stringLiteral(spec.experiment))
              SELECT
            \(indented(columns))
              FROM \(query.exposuresTable)
              WHERE \(text(column(.experiment))) = \(dialect.stringLiteral(spec.experiment))
                AND \(unit) IS NOT NULL AND \(variant) IS NOT NULL AND \(time) IS NOT NULL
            )
            """
    }

    /// Ranks each unit's exposures by time and spots units seen in more than one variant.
    private func ranked() -> String {
        // Ties on time are broken by variant and dimension values so that every warehouse picks
        // the same row (the raw path keeps the first such row in file order).
        let order = ["exposure_time", "variant"] + dimensions.map { "\($0) NULLS LAST" }
        return """
            \(name("ranked")) AS (
              SELECT
                unit_id, variant, exposure_time\(dimensions.map { ", " + $0 }.joined()),
                ROW_NUMBER() OVER (PARTITION BY unit_id ORDER BY \(order.joined(separator: ", "))) AS exposure_rank,
                MIN(variant) OVER (PARTITION BY unit_id) AS lowest_variant,
                MAX(variant) OVER (PARTITION BY unit_id) AS highest_variant
              FROM \(name("exposures"))
            )
            """
    }

    /// Each unit's first exposure: its variant, time and dimension values.
    private func firstExposures() -> String {
        """
        \(name("first")) AS (
          SELECT
            unit_id, variant, exposure_time AS first_time\(dimensions.map { ", " + $0 }.joined()),
            CASE WHEN lowest_variant <> highest_variant THEN 1 ELSE 0 END AS in_several_variants
          FROM \(name("ranked"))
          WHERE exposure_rank = 1
        )
        """
    }

    /// The analysed units (exposed to one variant only) with their UTC enrollment day.
    private func units() -> String {
        """
        \(name("units")) AS (
          SELECT
            unit_id, variant, first_time, \(dialect.utcDay(of: "first_time")) AS enrollment_day\(dimensions.map { ", " + $0 }.joined())
          FROM \(name("first"))
          WHERE in_several_variants = 0
        )
        """
    }

    /// The events the metrics use; an empty value counts 1, as in the file readers.
    private func events() -> String {
        let unit = column(.unitID), event = column(.event), time = column(.timestamp)
        var columns = ["\(unit) AS unit_id", "\(text(event)) AS event_name", "\(time) AS event_time"]
        if sources.contains(where: { $0.function != .count }) {
            columns.append("COALESCE(CAST(\(column(.value)) AS \(dialect.doubleType)), 1) AS event_value")
        }
        var names: [String] = []
        for source in sources where !names.contains(source.event) { names.append(source.event) }
        return """
            \(name("events")) AS (
              SELECT
            \(indented(columns))
              FROM \(query.eventsTable)
              WHERE \(text(event)) IN (\(names.map(dialect.stringLiteral).joined(separator: ", ")))
                AND \(unit) IS NOT NULL AND \(time) IS NOT NULL
            )
            """
    }

    /// One row per analysed unit with every per-unit source; units without events get 0.
    private func unitSources() -> String {
        let keys = ["u.unit_id", "u.variant", "u.enrollment_day"] + dimensions.map { "u." + $0 }
        var columns = keys
        for (index, source) in sources.enumerated() {
            let period = source.period == .window ? "e.event_time >= u.first_time" : "e.event_time < u.first_time"
            let condition = "e.event_name = \(dialect.stringLiteral(source.event)) AND \(period)"
            switch source.function {
            case .count:
                columns.append("COALESCE(SUM(CASE WHEN \(condition) THEN 1 ELSE 0 END), 0) AS s\(index)")
            case .sum:
                columns.append("COALESCE(SUM(CASE WHEN \(condition) THEN e.event_value ELSE 0 END), 0) AS s\(index)")
            case .max:
                // The raw path starts every unit at 0, so its max is never below 0.
                columns.append("COALESCE(MAX(CASE WHEN \(condition) THEN e.event_value ELSE 0 END), 0) AS s\(index)")
            }
        }
        let lower = dialect.adding(milliseconds: usesPrePeriod ? -preMilliseconds : 0, to: "u.first_time")
        let upper = dialect.adding(milliseconds: windowMilliseconds, to: "u.first_time")
        return """
            \(name("unit_sources")) AS (
              -- window [first, first + \(windowMilliseconds) ms)\(usesPrePeriod ? ", pre-period [first - \(preMilliseconds) ms, first)" : "")
              SELECT
            \(indented(columns))
              FROM \(name("units")) AS u
              LEFT JOIN \(name("events")) AS e
                ON e.unit_id = u.unit_id AND e.event_time >= \(lower) AND e.event_time < \(upper)
              GROUP BY \(keys.joined(separator: ", "))
            )
            """
    }

    /// Quantile caps over the analysed units' uncapped values, one per metric variable.
    private func caps() -> String {
        guard dialect.hasExactPercentileFunction else { return rankedCaps() }
        let columns = quantileCaps.map { cap in
            "\(dialect.quantile(of: "s\(cap.source)", probability: cap.probability) ?? "NULL") AS c\(cap.metric)_\(cap.variable)"
        }
        return """
            \(name("caps")) AS (
              -- exact quantiles, linear interpolation between order statistics (type 7) like the raw path
              SELECT\(dialect.quantileNeedsDistinctAnalytic ? " DISTINCT" : "")
            \(indented(columns))
              FROM \(name("unit_sources"))
            )
            """
    }

    /// The caps from ranks, for dialects without an exact percentile function (Trino has only
    /// `approx_percentile`, whose error is large in the tail where caps sit). Type 7, written
    /// exactly as the raw path computes it: with h = p (n - 1), x[floor h] + (h - floor h) *
    /// (x[min(floor h + 1, n - 1)] - x[floor h]) over the sorted values (0-based). One sort of
    /// the units per capped variable.
    private func rankedCaps() -> String {
        var ranks = ["COUNT(*) OVER () AS unit_count"]
        var columns: [String] = []
        for cap in quantileCaps {
            let rank = "r\(cap.metric)_\(cap.variable)", value = "s\(cap.source)"
            ranks.append("\(value) AS x\(cap.metric)_\(cap.variable)")
            ranks.append("ROW_NUMBER() OVER (ORDER BY \(value)) AS \(rank)")
            let position = "CAST(\(cap.probability) AS \(dialect.doubleType)) * (unit_count - 1)"
            let lower = "MAX(CASE WHEN \(rank) = floor(\(position)) + 1 THEN x\(cap.metric)_\(cap.variable) END)"
            let upper = "MAX(CASE WHEN \(rank) = least(floor(\(position)) + 2, unit_count) THEN x\(cap.metric)_\(cap.variable) END)"
            columns.append("\(lower) + MAX(\(position) - floor(\(position))) * (\(upper) - \(lower)) AS c\(cap.metric)_\(cap.variable)")
        }
        return """
            \(name("caps")) AS (
              -- exact type-7 quantiles from ranks: \(dialect.rawValue) has only approximate percentile functions
              SELECT
            \(indented(columns))
              FROM (
                SELECT
            \(indented(ranks.map { "    " + $0 }))
                FROM \(name("unit_sources"))
              ) AS \(name("ranked_units"))
            )
            """
    }

    /// Each metric's per-unit variables (conversion flags, caps applied), as doubles.
    private func metricValues() -> String {
        var columns = ["u.variant", "u.enrollment_day"] + dimensions.map { "u." + $0 }
        for (index, layout) in aggregatedLayouts {
            for (variable, source) in layout.variables.enumerated() {
                var value = "u.s\(source)"
                if layout.isProportion && variable == 0 { value = "CASE WHEN \(value) > 0 THEN 1 ELSE 0 END" }
                switch layout.metric.cap {
                case .quantile?: value = "LEAST(\(value), c.c\(index)_\(variable))"
                case .value(let level)?: value = "LEAST(\(value), CAST(\(level) AS \(dialect.doubleType)))"
                case nil: break
                }
                columns.append("CAST(\(value) AS \(dialect.doubleType)) AS m\(index)_v\(variable)")
            }
        }
        return """
            \(name("metric_values")) AS (
              SELECT
            \(indented(columns))
              FROM \(name("unit_sources")) AS u\(quantileCaps.isEmpty ? "" : "\n  CROSS JOIN \(name("caps")) AS c")
            )
            """
    }

    // MARK: Rows

    /// The `SELECT`s of the experiment's rows, to be joined with `UNION ALL`.
    func rowSelects() -> [String] {
        var selects: [String] = []
        for (index, layout) in aggregatedLayouts {
            let metric = layout.metric.name
            selects.append(row(metric: metric, dimension: nil, variables: (index, layout.dimension),
                               from: name("metric_values"), filter: nil, groupBy: "variant, enrollment_day"))
            for (alias, dimension) in zip(dimensions, spec.dimensions) {
                selects.append(row(metric: metric, dimension: (dimension, alias), variables: (index, layout.dimension),
                                   from: name("metric_values"), filter: "\(alias) IS NOT NULL", groupBy: "variant, \(alias)"))
            }
        }
        selects.append(row(metric: "_units", dimension: nil, variables: nil, from: name("units"), filter: nil,
                           groupBy: "variant, enrollment_day"))
        selects.append(excludedRow())
        return selects
    }

    private func row(metric: String, dimension: (name: String, alias: String)?, variables: (metric: Int, count: Int)?,
                     from table: String, filter: String?, groupBy: String) -> String {
        let null = "CAST(NULL AS \(dialect.stringType))"
        var columns = [
            alias(dialect.stringLiteral(spec.experiment), "experiment"),
            alias("variant", "variant"),
            alias(dialect.stringLiteral(metric), "metric"),
            alias(dimension.map { dialect.stringLiteral($0.name) } ?? null, "dimension"),
            alias(dimension?.alias ?? null, "dimension_value"),
            alias(dimension == nil ? "enrollment_day" : null, "day"),
            alias("COUNT(*)", "units"),
        ]
        columns += sumColumns(variables)
        return """
            SELECT
            \(indented(columns))
            FROM \(table)\(filter.map { "\nWHERE " + $0 } ?? "")
            GROUP BY \(groupBy)
            """
    }

    /// `sum_v0..sum_v3` then the upper-triangle products, NULL (an empty CSV field) when unused.
    private func sumColumns(_ variables: (metric: Int, count: Int)?) -> [String] {
        let null = "CAST(NULL AS \(dialect.doubleType))"
        let count = variables?.count ?? 0
        let metric = variables?.metric ?? 0
        var columns = (0..<4).map { variable in
            alias(variable < count ? "SUM(m\(metric)_v\(variable))" : null, "sum_v\(variable)")
        }
        for row in 0..<4 {
            for column in row..<4 {
                let used = row < count && column < count
                columns.append(alias(used ? "SUM(m\(metric)_v\(row) * m\(metric)_v\(column))" : null, "sum_v\(row)_v\(column)"))
            }
        }
        return columns
    }

    private func excludedRow() -> String {
        let null = "CAST(NULL AS \(dialect.stringType))"
        var columns = [
            alias(dialect.stringLiteral(spec.experiment), "experiment"),
            alias(null, "variant"),
            alias(dialect.stringLiteral("_excluded"), "metric"),
            alias(dialect.stringLiteral("exposed to several variants"), "dimension"),
            alias(null, "dimension_value"),
            alias(null, "day"),
            alias("excluded_units", "units"),
        ]
        columns += sumColumns(nil)
        // A subquery rather than HAVING without GROUP BY, which not every dialect accepts; no
        // row at all when nobody is excluded, as in the raw path.
        return """
            SELECT
            \(indented(columns))
            FROM (SELECT COUNT(*) AS excluded_units FROM \(name("first")) WHERE in_several_variants = 1) AS \(name("excluded"))
            WHERE excluded_units > 0
            """
    }

    private func alias(_ expression: String, _ column: String) -> String { "\(expression) AS \(dialect.quoteIdentifier(column))" }
}
