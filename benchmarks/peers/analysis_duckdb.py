"""Runs analysis_duckdb.sql over an export and prints the per-variant sufficient statistics.

Needs: duckdb. Run: python analysis_duckdb.py --exposures FILE --events FILE [--experiment KEY]
  [--window-days 14] [--pre-period-days 14] [--cap-quantile 0.999] [--out stats.json]
Threads: BENCH_THREADS (DuckDB `threads`). Timed: connecting, reading, the whole query.
Besides the sums it reports each metric's per-variant mean (conversion rate, revenue per
unit, mean latency per request, errors per request) for comparison with other peers.
"""
import argparse
import json
import os

from common import Stopwatch, print_result, thread_count


def quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def means(row: dict) -> dict:
    units = row["units"]
    return {
        "conversion": row["conversion_sum"] / units,
        "revenue": row["revenue_sum"] / units,
        "revenue_capped": row["revenue_capped_sum"] / units,
        "latency": row["latency_numerator_sum"] / row["requests_sum"] if row["requests_sum"] else None,
        "error_rate": row["errors_sum"] / row["requests_sum"] if row["requests_sum"] else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--exposures", required=True)
    parser.add_argument("--events", required=True)
    parser.add_argument("--experiment", default="checkout-v2")
    parser.add_argument("--window-days", type=int, default=14)
    parser.add_argument("--pre-period-days", type=int, default=14)
    parser.add_argument("--cap-quantile", type=float, default=0.999)
    parser.add_argument("--out")
    args = parser.parse_args()
    import duckdb

    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "analysis_duckdb.sql")) as handle:
        sql = handle.read().format(
            exposures=quote(args.exposures), events=quote(args.events), experiment=quote(args.experiment),
            window_days=int(args.window_days), pre_period_days=int(args.pre_period_days),
            cap_quantile=float(args.cap_quantile))
    threads = thread_count()
    with Stopwatch() as watch:
        connection = duckdb.connect(config={"threads": threads})
        cursor = connection.execute(sql)
        names = [column[0] for column in cursor.description]
        rows = [dict(zip(names, row)) for row in cursor.fetchall()]
    statistics = {row["variant"]: row for row in rows}
    if args.out:
        with open(args.out, "w") as handle:
            json.dump(statistics, handle, indent=2, sort_keys=True)
    print_result({
        "seconds": watch.seconds, "statistics": statistics,
        "means": {variant: means(row) for variant, row in statistics.items()},
        "version": duckdb.__version__, "threads": threads,
    })


if __name__ == "__main__":
    main()
