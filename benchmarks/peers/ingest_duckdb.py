"""Ingest peer: DuckDB reads the whole export with `read_csv` (typed columns) and answers
what `workbench inspect` counts: rows per event name, the sum of values, distinct units.

Needs: duckdb. Run: python ingest_duckdb.py --exposures FILE --events FILE
Threads: BENCH_THREADS (DuckDB `threads`). Timed: connecting, reading and aggregating.
"""
import argparse
import os

from common import Stopwatch, print_result, thread_count

# Declared types, so DuckDB parses exactly what the workbench parses (no sniffing cost or
# TIMESTAMPTZ, which would need the pytz module to fetch). Exports carry UTC `Z` times.
EXPOSURE_COLUMNS = "{'timestamp': 'TIMESTAMP', 'unit_id': 'VARCHAR', 'experiment': 'VARCHAR', 'variant': 'VARCHAR', 'country': 'VARCHAR', 'platform': 'VARCHAR'}"
EVENT_COLUMNS = "{'timestamp': 'TIMESTAMP', 'unit_id': 'VARCHAR', 'event': 'VARCHAR', 'value': 'DOUBLE'}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--exposures", required=True)
    parser.add_argument("--events", required=True)
    args = parser.parse_args()
    import duckdb

    threads = thread_count()
    with Stopwatch() as watch:
        connection = duckdb.connect(config={"threads": threads})
        connection.execute(
            f"CREATE TEMP TABLE exposures AS SELECT * FROM read_csv(?, header = true, columns = {EXPOSURE_COLUMNS})",
            [args.exposures])
        connection.execute(
            f"CREATE TEMP TABLE events AS SELECT * FROM read_csv(?, header = true, columns = {EVENT_COLUMNS})",
            [args.events])
        by_event = connection.execute(
            "SELECT event, count(*), sum(coalesce(value, 1)) FROM events GROUP BY event ORDER BY event").fetchall()
        exposure_rows, exposure_min, exposure_max = connection.execute(
            "SELECT count(*), min(timestamp), max(timestamp) FROM exposures").fetchone()
        units = connection.execute(
            "SELECT count(*) FROM (SELECT unit_id FROM exposures UNION SELECT unit_id FROM events)").fetchone()[0]
    size = os.path.getsize(args.exposures) + os.path.getsize(args.events)
    print_result({
        "seconds": watch.seconds, "bytes": size, "megabytes_per_second": size / 1e6 / watch.seconds,
        "events_by_name": {name: count for name, count, _ in by_event},
        "value_sum_by_name": {name: total for name, _, total in by_event},
        "exposure_rows": exposure_rows, "units": units, "version": duckdb.__version__, "threads": threads,
    })


if __name__ == "__main__":
    main()
