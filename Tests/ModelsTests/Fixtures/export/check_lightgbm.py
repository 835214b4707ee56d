"""Loads a LightGBM text model written by the workbench into the real `lightgbm` package.

Needs: numpy, lightgbm (4.x).
Usage: `python check_lightgbm.py model.txt features.json`
`features.json` holds `{"features": [[...], ...]}`, every number a string ("0.25", "nan", "inf").
Prints `{"raw_score": [...]}` (repr strings): LightGBM's raw predictions (`predict(raw_score=True)`) in
row order. The Swift test compares them with its own model; this script judges nothing.
"""
import json
import sys

import lightgbm
import numpy as np

def main(model_path, features_path):
    with open(features_path) as handle:
        rows = json.load(handle)["features"]
    matrix = np.array([[float(v) for v in row] for row in rows], dtype=np.float64)
    booster = lightgbm.Booster(model_file=model_path)
    raw = booster.predict(matrix, raw_score=True)
    print(json.dumps({"raw_score": [repr(float(v)) for v in raw]}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
