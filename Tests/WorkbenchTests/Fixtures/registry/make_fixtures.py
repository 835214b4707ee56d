"""LightGBM peer fixture for `workbench models import` and `models export`.

Needs: numpy, pandas, lightgbm (run with /work/venv/bin/python make_fixtures.py).
Writes (seeded, re-runnable):
  lightgbm_churn.txt         a LightGBM binary model (10 trees, 7 leaves) trained on the numeric
                             columns x1, x2, x3 of ../training/churn.csv (x3 has empty cells = NaN).
  lightgbm_churn_scores.json LightGBM's predicted probabilities for every row of churn.csv.
"""
import json

import lightgbm as lgb
import pandas as pd

frame = pd.read_csv("../training/churn.csv", keep_default_na=False, na_values=[""])
features = frame[["x1", "x2", "x3"]]
booster = lgb.train(
    {"objective": "binary", "num_leaves": 7, "learning_rate": 0.2, "min_data_in_leaf": 20, "seed": 1,
     "deterministic": True, "num_threads": 1, "verbose": -1},
    lgb.Dataset(features, label=frame["churned"]), num_boost_round=10)
booster.save_model("lightgbm_churn.txt")
json.dump({"probabilities": [float(p) for p in booster.predict(features)]}, open("lightgbm_churn_scores.json", "w"))
print("wrote lightgbm_churn.txt, lightgbm_churn_scores.json")
