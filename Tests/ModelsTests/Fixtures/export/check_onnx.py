"""Scores an exported ONNX model with onnxruntime, for the Swift ONNX export tests.

Needs: numpy, onnxruntime (onnx optional: when importable, onnx.checker validates the file too).
Usage: `python check_onnx.py model.onnx features.json`
`features.json` holds `{"features": [[...], ...]}`, every number a string ("0.25", "nan", "inf");
rows are parsed as float64 and fed as a tensor named `features` of the graph input's element type
(float64 for double exports; rounded to nearest float32 for float exports). Prints one JSON object
mapping every graph output name to its values (flattened, row order, as repr strings), plus
`"checker": "ok"|"skipped"`, `"input_type"` (e.g. "tensor(double)") and `"onnxruntime"` (version).
The session runs with onnxruntime's default thread pool, as a serving component would.
The Swift test compares these values with its own model; this script judges nothing.
"""
import json
import sys

import numpy as np
import onnxruntime

def main(model_path, features_path):
    checker = "skipped"
    try:
        import onnx
        onnx.checker.check_model(onnx.load(model_path), full_check=True)
        checker = "ok"
    except ImportError:
        pass
    with open(features_path) as handle:
        rows = json.load(handle)["features"]
    session = onnxruntime.InferenceSession(model_path, providers=["CPUExecutionProvider"])
    input_type = session.get_inputs()[0].type
    dtype = np.float64 if input_type == "tensor(double)" else np.float32
    matrix = np.array([[float(v) for v in row] for row in rows], dtype=np.float64).astype(dtype)
    names = [output.name for output in session.get_outputs()]
    values = session.run(names, {"features": matrix})
    result = {name: [repr(float(v)) for v in np.asarray(value, dtype=np.float64).ravel()] for name, value in zip(names, values)}
    result["checker"] = checker
    result["input_type"] = input_type
    result["onnxruntime"] = onnxruntime.__version__
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
