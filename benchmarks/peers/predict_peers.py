"""Prediction peer: LightGBM `predict` of the test split with the model saved by gbdt_peers.py.

Needs: numpy, lightgbm. Run: python predict_peers.py lightgbm --data DIR --model FILE --predictions OUT.f64 [--repeats 5]
Reports the median of `repeats` timed predictions (model loading is not timed).
"""
import argparse
import statistics

from common import Stopwatch, load_tabular, print_result, thread_count, write_doubles


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("peer", choices=["lightgbm"])
    parser.add_argument("--data", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--predictions", required=True)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    import lightgbm

    threads = thread_count()
    booster = lightgbm.Booster(model_file=args.model)
    test_x, _ = load_tabular(args.data, "test")
    times = []
    for _ in range(args.repeats):
        with Stopwatch() as watch:
            predictions = booster.predict(test_x, num_threads=threads)
        times.append(watch.seconds)
    write_doubles(predictions, args.predictions)
    seconds = statistics.median(times)
    print_result({
        "seconds": seconds, "all_seconds": times, "rows": int(test_x.shape[0]), "rows_per_second": test_x.shape[0] / seconds,
        "version": lightgbm.__version__, "threads": threads,
    })


if __name__ == "__main__":
    main()
