"""Prediction peers: LightGBM `predict` of the test split with the model saved by gbdt_peers.py, or
onnxruntime running the workbench model exported as ONNX (fed in the graph input's element type: float64
for the default double-precision export, float32 for `--precision float` exports).

Needs: numpy, lightgbm or onnxruntime. Run: python predict_peers.py lightgbm|onnxruntime --data DIR --model FILE --predictions OUT.f64 [--repeats 5]
Reports the median of `repeats` timed predictions (model loading is not timed).
"""
import argparse
import statistics

from common import Stopwatch, load_tabular, print_result, thread_count, write_doubles


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("peer", choices=["lightgbm", "onnxruntime"])
    parser.add_argument("--data", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--predictions", required=True)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    threads = thread_count()
    test_x, _ = load_tabular(args.data, "test")
    times = []
    if args.peer == "lightgbm":
        import lightgbm

        version = lightgbm.__version__
        booster = lightgbm.Booster(model_file=args.model)
        predict = lambda: booster.predict(test_x, num_threads=threads)
    else:
        import numpy
        import onnxruntime

        version = onnxruntime.__version__
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        session = onnxruntime.InferenceSession(args.model, options, providers=["CPUExecutionProvider"])
        double_input = session.get_inputs()[0].type == "tensor(double)"
        features = numpy.ascontiguousarray(test_x, dtype=numpy.float64 if double_input else numpy.float32)
        predict = lambda: session.run(["probability"], {"features": features})[0].reshape(-1)
    for _ in range(args.repeats):
        with Stopwatch() as watch:
            predictions = predict()
        times.append(watch.seconds)
    write_doubles(predictions, args.predictions)
    seconds = statistics.median(times)
    print_result({
        "seconds": seconds, "all_seconds": times, "rows": int(test_x.shape[0]), "rows_per_second": test_x.shape[0] / seconds,
        "version": version, "threads": threads,
    })


if __name__ == "__main__":
    main()
