"""Logistic-regression peers on the training split, missing values replaced by 0 (as the workbench job does).

Needs: numpy, scikit-learn, statsmodels.
Run: python logistic_peers.py {sklearn|statsmodels} --data DIR
Both fits are unpenalised so their coefficients are comparable with the workbench's
maximum-likelihood fit: scikit-learn lbfgs with C=inf (its defaults otherwise, max_iter
raised so it converges), statsmodels Logit with Newton's method. Only the fit is timed.
"""
import argparse

import numpy as np

from common import Stopwatch, load_tabular, print_result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("peer", choices=["sklearn", "statsmodels"])
    parser.add_argument("--data", required=True)
    args = parser.parse_args()
    x, y = load_tabular(args.data, "train")
    x = np.nan_to_num(x, nan=0.0)
    if args.peer == "sklearn":
        import sklearn
        from sklearn.linear_model import LogisticRegression

        model = LogisticRegression(C=np.inf, solver="lbfgs", max_iter=1000)
        with Stopwatch() as watch:
            model.fit(x, y)
        intercept, coefficients = float(model.intercept_[0]), model.coef_[0].tolist()
        iterations, version = int(model.n_iter_[0]), sklearn.__version__
    else:
        import statsmodels
        import statsmodels.api as sm

        design = sm.add_constant(x, has_constant="add")
        with Stopwatch() as watch:
            result = sm.Logit(y, design).fit(method="newton", disp=0)
        intercept, coefficients = float(result.params[0]), result.params[1:].tolist()
        iterations, version = int(result.mle_retvals["iterations"]), statsmodels.__version__
    print_result({
        "seconds": watch.seconds, "intercept": intercept, "coefficients": coefficients, "iterations": iterations,
        "version": version, "rows": int(x.shape[0]),
    })


if __name__ == "__main__":
    main()
