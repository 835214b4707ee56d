import ArgumentParser
import Workbench

extension WorkbenchCommand {
    /// `workbench sql`: prints the SQL that computes the warehouse aggregates of specs.
    struct SQL: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sql",
            abstract: "Print SQL that computes the aggregates CSV `workbench analyze --aggregates` reads, inside your warehouse.",
            discussion: """
                Run the printed query in the warehouse, save its result as CSV (with a header), then \
                `workbench analyze --aggregates FILE.csv --spec S --out DIR`. Per-warehouse instructions: docs/sql.md; \
                the CSV columns: docs/aggregates-format.md. Timestamps are expected as TIMESTAMP columns in UTC.
                """)

        @Option(name: .customLong("spec"), help: "Experiment spec (YAML); repeat for several, or put several documents in one file.")
        var specPaths: [String]

        @Option(help: "SQL dialect: duckdb, spark, bigquery, trino or postgres.")
        var dialect: SQLDialect

        @Option(name: .customLong("exposures-table"), help: ArgumentHelp(
            "Exposures table or table expression, inserted verbatim (e.g. analytics.exposures, or in DuckDB \"read_csv('exposures.csv')\").",
            valueName: "TABLE"))
        var exposuresTable = "exposures"

        @Option(name: .customLong("events-table"), help: ArgumentHelp("Events table or table expression, inserted verbatim.", valueName: "TABLE"))
        var eventsTable = "events"

        @Option(name: .customLong("map"), help: ArgumentHelp(
            "Point a role at your column: ROLE=COLUMN (repeatable or comma-separated), e.g. unit_id=user_id,variant=properties.ab_variant.",
            valueName: "ROLE=COLUMN"))
        var mappings: [String] = []

        func validate() throws {
            do { _ = try ColumnMapping.parse(mappings) } catch let error as MappingError {
                throw ValidationError(error.message)
            }
        }

        func run() throws {
            let specs = try runReporting { try specPaths.flatMap { try loadSpecs(path: $0) } }
            let query = AggregatesQuery(specs: specs, dialect: dialect, exposuresTable: exposuresTable, eventsTable: eventsTable,
                                        mapping: try ColumnMapping.parse(mappings))
            print(try runReporting { try query.render() }, terminator: "")
        }
    }
}

extension SQLDialect: ExpressibleByArgument {}
