"""GBDT training peers: 100 trees, 31 leaves, learning rate 0.1, 255 bins, BENCH_THREADS threads.

Needs: numpy, lightgbm, xgboost, scikit-learn.
Run: python gbdt_peers.py {lightgbm|xgboost|sklearn} --data DIR --predictions OUT.f64 [--model OUT]

The timed part is dataset construction (binning) plus boosting, as in the workbench job;
loading the files is not timed. Test-set probabilities are written for the harness's AUC.
"""
import argparse
import os

from common import Stopwatch, load_tabular, print_result, thread_count, write_doubles

TREES, LEAVES, LEARNING_RATE, BINS = 100, 31, 0.1, 255


def train_lightgbm(x, y, threads):
    import lightgbm

    params = dict(
        objective="binary", num_leaves=LEAVES, learning_rate=LEARNING_RATE, max_bin=BINS,
        num_threads=threads, verbose=-1, seed=0,
    )
    with Stopwatch() as watch:
        booster = lightgbm.train(params, lightgbm.Dataset(x, label=y), num_boost_round=TREES)
    return booster, watch.seconds, lightgbm.__version__


def train_xgboost(x, y, threads):
    import xgboost

    params = dict(
        objective="binary:logistic", tree_method="hist", grow_policy="lossguide", max_leaves=LEAVES,
        max_depth=0, eta=LEARNING_RATE, max_bin=BINS, nthread=threads, reg_lambda=0.0,
        min_child_weight=1e-3, seed=0,
    )
    with Stopwatch() as watch:
        matrix = xgboost.QuantileDMatrix(x, label=y, max_bin=BINS, nthread=threads)
        booster = xgboost.train(params, matrix, num_boost_round=TREES)
    return booster, watch.seconds, xgboost.__version__


def train_sklearn(x, y, threads):
    import sklearn
    from sklearn.ensemble import HistGradientBoostingClassifier

    # Threads come from OMP_NUM_THREADS, which the harness sets to BENCH_THREADS.
    model = HistGradientBoostingClassifier(
        max_iter=TREES, learning_rate=LEARNING_RATE, max_leaf_nodes=LEAVES, max_bins=BINS,
        early_stopping=False, l2_regularization=0.0, min_samples_leaf=20, random_state=0,
    )
    with Stopwatch() as watch:
        model.fit(x, y)
    return model, watch.seconds, sklearn.__version__


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("peer", choices=["lightgbm", "xgboost", "sklearn"])
    parser.add_argument("--data", required=True)
    parser.add_argument("--predictions", required=True)
    parser.add_argument("--model")
    args = parser.parse_args()
    threads = thread_count()
    if args.peer == "sklearn" and os.environ.get("OMP_NUM_THREADS") != str(threads):
        raise SystemExit(f"set OMP_NUM_THREADS={threads} so scikit-learn uses the same threads as the others")
    x, y = load_tabular(args.data, "train")
    test_x, _ = load_tabular(args.data, "test")
    model, seconds, version = {"lightgbm": train_lightgbm, "xgboost": train_xgboost, "sklearn": train_sklearn}[args.peer](
        x, y, threads)
    if args.peer == "lightgbm":
        predictions = model.predict(test_x, num_threads=threads)
        if args.model:
            model.save_model(args.model)
    elif args.peer == "xgboost":
        import xgboost

        predictions = model.predict(xgboost.DMatrix(test_x, nthread=threads))
    else:
        predictions = model.predict_proba(test_x)[:, 1]
    write_doubles(predictions, args.predictions)
    print_result({"seconds": seconds, "version": version, "rows": int(x.shape[0]), "threads": threads})


if __name__ == "__main__":
    main()
