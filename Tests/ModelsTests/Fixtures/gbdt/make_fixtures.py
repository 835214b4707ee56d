"""Reference values for the gradient-boosting tests (Tests/ModelsTests/GradientBoosting).

Needs: numpy, lightgbm (4.x), scikit-learn. Run from this folder: `python make_fixtures.py`.
Seeded; rewrites:
  data.csv            4500 rows (3000 train, 1500 test): 6 numeric features (x1, x4 with
                      missing values as `nan`), 2 categorical (c6: 8 levels, c7: 3 levels), label.
  lightgbm_metrics.json  LightGBM's test AUC / logloss under the hyperparameters listed in it.
  lightgbm_model.json    a small LightGBM model converted to GradientBoostingModel's Codable
                      layout (initial score folded into tree 0, as LightGBM does).
  lightgbm_contributions.json  raw scores and pred_contrib of that model for 200 test rows.
"""
import json

import lightgbm as lgb
import numpy as np
from sklearn.metrics import log_loss, roc_auc_score

rng = np.random.default_rng(20261121)
n_train, n_test = 3000, 1500
n = n_train + n_test
x = rng.normal(size=(n, 6))
c6 = rng.choice(8, size=n, p=[0.25, 0.2, 0.15, 0.12, 0.1, 0.08, 0.06, 0.04])
c7 = rng.choice(3, size=n, p=[0.5, 0.3, 0.2])
cat_effect = np.array([0.0, 0.8, -0.6, 0.3, -1.0, 1.2, -0.2, 0.5])
logit = (np.sin(2 * x[:, 0]) + 0.8 * x[:, 1] * x[:, 2] + 0.5 * x[:, 3] ** 2 - 0.5
         + cat_effect[c6] + 0.5 * (c7 == 1))
missing1 = rng.random(n) < 0.10
missing4 = rng.random(n) < 0.05
logit += 0.6 * missing4  # missingness carries signal, so the default direction matters
x[missing1, 1] = np.nan
x[missing4, 4] = np.nan
y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(float)
# Five decimals keep data.csv small; LightGBM trains on exactly the values written.
features = np.column_stack([np.round(x, 5), c6.astype(float), c7.astype(float)])
names = ["x0", "x1", "x2", "x3", "x4", "x5", "c6", "c7"]
categorical = [6, 7]

with open("data.csv", "w") as f:
    f.write(",".join(names + ["label", "is_test"]) + "\n")
    for i in range(n):
        cells = ["nan" if np.isnan(v) else repr(float(v)) for v in features[i]]
        f.write(",".join(cells + [str(int(y[i])), str(int(i >= n_train))]) + "\n")

train_x, test_x = features[:n_train], features[n_train:]
train_y, test_y = y[:n_train], y[n_train:]

params = dict(objective="binary", num_leaves=15, learning_rate=0.1, min_data_in_leaf=20,
              min_sum_hessian_in_leaf=1e-3, lambda_l2=0.0, max_bin=255, max_cat_to_onehot=4,
              cat_smooth=10, cat_l2=10, max_cat_threshold=32, min_data_per_group=100,
              num_threads=1, deterministic=True, seed=7, verbose=-1)
rounds = 60
booster = lgb.train(params, lgb.Dataset(train_x, train_y, feature_name=names, categorical_feature=categorical),
                    num_boost_round=rounds)
p = booster.predict(test_x)
json.dump({"params": params, "num_boost_round": rounds,
           "test_auc": roc_auc_score(test_y, p), "test_logloss": log_loss(test_y, p),
           "lightgbm_version": lgb.__version__}, open("lightgbm_metrics.json", "w"), indent=1)

# A small model to check prediction semantics and TreeSHAP against LightGBM exactly.
small = lgb.train(dict(params, num_leaves=7), lgb.Dataset(train_x, train_y, feature_name=names,
                  categorical_feature=categorical), num_boost_round=8)


def convert(tree_info):
    t = dict(splitFeature=[], threshold=[], defaultLeft=[], isCategorical=[], leftCategories=[],
             leftChild=[], rightChild=[], splitGain=[], nodeCount=[], nodeHessian=[],
             leafValue=[], leafCount=[], leafHessian=[])
    root = tree_info["tree_structure"]
    if "leaf_value" in root:
        t["leafValue"] = [root["leaf_value"]]
        t["leafCount"] = [root.get("leaf_count", 0)]
        t["leafHessian"] = [root.get("leaf_weight", 0.0)]
        return t
    internal, leaves = {}, {}

    def walk(node):
        if "leaf_index" in node:
            leaves[node["leaf_index"]] = node
            return ~node["leaf_index"]
        internal[node["split_index"]] = node
        node["_left"] = walk(node["left_child"])
        node["_right"] = walk(node["right_child"])
        return node["split_index"]

    walk(root)
    for k in range(len(internal)):
        node = internal[k]
        categorical_split = node["decision_type"] == "=="
        t["splitFeature"].append(node["split_feature"])
        t["isCategorical"].append(categorical_split)
        if categorical_split:
            t["threshold"].append(0.0)
            t["leftCategories"].append(sorted(int(c) for c in str(node["threshold"]).split("||")))
            t["defaultLeft"].append(False)
        else:
            t["threshold"].append(float(node["threshold"]))
            t["leftCategories"].append([])
            # missing_type None: LightGBM maps NaN to 0 before comparing.
            if node["missing_type"] == "NaN":
                t["defaultLeft"].append(bool(node["default_left"]))
            else:
                t["defaultLeft"].append(bool(0.0 <= float(node["threshold"])))
        t["leftChild"].append(node["_left"])
        t["rightChild"].append(node["_right"])
        t["splitGain"].append(node["split_gain"])
        t["nodeCount"].append(node["internal_count"])
        t["nodeHessian"].append(node["internal_weight"])
    for k in range(len(leaves)):
        t["leafValue"].append(leaves[k]["leaf_value"])
        t["leafCount"].append(leaves[k]["leaf_count"])
        t["leafHessian"].append(leaves[k]["leaf_weight"])
    return t


dump = small.dump_model()
model = dict(objective="binaryLogloss", initialScore=0.0,
             trees=[convert(info) for info in dump["tree_info"]], featureNames=names,
             categoricalFeatures=categorical, validationLossHistory=[])
json.dump(model, open("lightgbm_model.json", "w"))
rows = test_x[:200]
json.dump({"rows": [[None if np.isnan(v) else float(v) for v in r] for r in rows],
           "raw": small.predict(rows, raw_score=True).tolist(),
           "contributions": small.predict(rows, pred_contrib=True).tolist()},
          open("lightgbm_contributions.json", "w"))
print(open("lightgbm_metrics.json").read())

# Identically binned data: numeric features rounded to one decimal have fewer distinct values
# than max_bin, so LightGBM and the Swift learner put every distinct value in its own bin with
# the same midpoint edges; the trees should then agree split for split. Squared error keeps
# hessians at 1, so LightGBM's hessian-based row-count estimate (cnt_factor) is exact too.
coarse = features.copy()
coarse[:, :6] = np.round(coarse[:, :6], 1)
coarse_train, coarse_test = coarse[:n_train], coarse[n_train:]
# min_data_in_bin=1 stops LightGBM merging rare tail values into a neighbour's bin.
exact = lgb.train(dict(params, objective="regression", num_leaves=15, min_data_in_leaf=20, min_data_in_bin=1),
                  lgb.Dataset(coarse_train, train_y, feature_name=names, categorical_feature=categorical),
                  num_boost_round=10)
json.dump({"num_leaves": 15, "num_boost_round": 10,
           "raw_test": exact.predict(coarse_test, raw_score=True).tolist(),
           "trees": [convert(info) for info in exact.dump_model()["tree_info"]]},
          open("lightgbm_coarse.json", "w"))
