"""LightGBM reference models and predictions for the LightGBM text import tests.

Needs: numpy, lightgbm (4.x). Run from this folder: `python make_fixtures.py` (seeded, re-runnable).

Numbers are JSON strings holding Python's repr (shortest exact round trip; "nan", "inf"),
because JSON has no NaN/infinity and some JSON parsers round long decimals inexactly.
Writes, for each case, `<case>.txt` (the model as LightGBM saves it) and `<case>.json` with
`features` (test rows) and `raw_score` (LightGBM's raw predictions, i.e. log-odds
for binary models, with `predict(raw_score=True)`):

* `numeric_nan`: binary, 4 numeric features; feature 0 has NaN in training (missing type NaN),
  feature 3 none (missing type None, so NaN in the test rows is read as 0). Test rows include
  NaN everywhere, +-infinity and values exactly equal to split thresholds.
* `categorical`: binary, feature 1 categorical with codes 0..11 (many-vs-many bitset splits),
  feature 2 categorical with 3 codes (one-vs-rest). Test rows include unseen codes, negative
  codes and NaN.
* `zero_missing`: regression with `zero_as_missing=true` (missing type Zero): zeros and NaN
  take the default branch. Test rows include exact zeros, +-1e-40, NaN.
"""
import json

import lightgbm as lgb
import numpy as np


def cell(value):
    """repr(float): exact round trip, "nan" and "inf" included."""
    return repr(float(value))


def tidy(matrix):
    return [[cell(v) for v in row] for row in matrix]


def thresholds(booster):
    found = []
    def walk(node):
        if "split_index" in node:
            if node["decision_type"] == "<=":
                found.append((node["split_feature"], node["threshold"]))
            walk(node["left_child"]); walk(node["right_child"])
    for tree in booster.dump_model()["tree_info"]:
        walk(tree["tree_structure"])
    return found


def save(name, booster, test):
    booster.save_model(f"{name}.txt")
    raw = booster.predict(test, raw_score=True)
    with open(f"{name}.json", "w") as handle:
        json.dump({"features": tidy(test), "raw_score": [cell(v) for v in raw]}, handle)


rng = np.random.default_rng(20261121)

# numeric_nan
n = 1500
X = rng.normal(size=(n, 4))
X[rng.random(n) < 0.15, 0] = np.nan
logit = np.where(np.isnan(X[:, 0]), 1.0, X[:, 0]) - 0.8 * X[:, 1] + 0.5 * X[:, 2] * X[:, 3]
y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(float)
params = dict(objective="binary", num_leaves=8, learning_rate=0.2, min_data_in_leaf=10, verbose=-1, seed=1, deterministic=True)
booster = lgb.train(params, lgb.Dataset(X, y), num_boost_round=25)
test = rng.normal(size=(120, 4))
test[rng.random(120) < 0.2, 0] = np.nan
test[rng.random(120) < 0.2, 3] = np.nan
test[:4, :] = [[np.nan] * 4, [np.inf, -np.inf, np.inf, -np.inf], [-np.inf, np.inf, -np.inf, np.inf], [0, 0, 0, 0]]
for row, (feature, value) in enumerate(thresholds(booster)[:40]):
    test[4 + row, feature] = value
save("numeric_nan", booster, test)

# categorical
n = 2000
X = np.column_stack([rng.normal(size=n), rng.integers(0, 12, n), rng.integers(0, 3, n), rng.normal(size=n)]).astype(float)
X[rng.random(n) < 0.1, 1] = np.nan
effect = np.array([1.2, -0.5, 0.3, -1.4, 0.8, 0.0, -0.2, 1.6, -0.9, 0.4, -1.1, 0.6])
logit = 0.7 * X[:, 0] + np.where(np.isnan(X[:, 1]), 0.5, effect[np.nan_to_num(X[:, 1]).astype(int)]) + 0.8 * (X[:, 2] == 1)
y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(float)
params = dict(objective="binary", num_leaves=8, learning_rate=0.2, min_data_in_leaf=10, min_data_per_group=10,
              cat_smooth=1.0, max_cat_to_onehot=4, verbose=-1, seed=1, deterministic=True)
booster = lgb.train(params, lgb.Dataset(X, y, categorical_feature=[1, 2]), num_boost_round=25)
test = np.column_stack([rng.normal(size=120), rng.integers(-2, 15, 120), rng.integers(-1, 4, 120), rng.normal(size=120)]).astype(float)
test[rng.random(120) < 0.15, 1] = np.nan
test[rng.random(120) < 0.1, 2] = np.nan
save("categorical", booster, test)

# zero_missing
n = 1500
X = rng.normal(size=(n, 3))
X[rng.random(n) < 0.25, 0] = 0.0
X[rng.random(n) < 0.10, 1] = np.nan
target = np.where(X[:, 0] == 0, 2.0, X[:, 0]) + np.where(np.isnan(X[:, 1]), -1.0, X[:, 1]) ** 2 + 0.3 * X[:, 2] + rng.normal(scale=0.2, size=n)
params = dict(objective="regression", num_leaves=8, learning_rate=0.2, min_data_in_leaf=10, zero_as_missing=True, verbose=-1, seed=1, deterministic=True)
booster = lgb.train(params, lgb.Dataset(X, target), num_boost_round=25)
test = rng.normal(size=(120, 3))
test[rng.random(120) < 0.2, 0] = 0.0
test[rng.random(120) < 0.2, 1] = np.nan
test[rng.random(120) < 0.1, 2] = 0.0
test[:6, 0] = [1e-40, -1e-40, np.nan, 1e-30, -1e-30, -0.0]
for row, (feature, value) in enumerate(thresholds(booster)[:40]):
    test[6 + row, feature] = value
save("zero_missing", booster, test)
