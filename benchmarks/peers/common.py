"""Shared helpers of the peer scripts: the tabular data layout, timing, the RESULT line.

Every peer script prints exactly one line `RESULT {json}` on standard output; the harness
reads it. Progress and warnings go to standard error.
"""
import json
import math
import os
import sys
import time

import numpy as np


def load_tabular(folder: str, name: str) -> tuple[np.ndarray, np.ndarray]:
    """Reads split `name` written by harness/make_tabular.py: (rows x features C-ordered, labels)."""
    with open(os.path.join(folder, "meta.json")) as handle:
        features = json.load(handle)["features"]
    labels = np.fromfile(os.path.join(folder, f"{name}.y.f64"), dtype="<f8")
    columns = np.fromfile(os.path.join(folder, f"{name}.x.f64"), dtype="<f8")
    if columns.size != labels.size * features:
        sys.exit(f"{folder}/{name}.x.f64 holds {columns.size} values, expected {labels.size} x {features}")
    # The file is column-major; peers are fastest on row-major (C) arrays, so convert before timing.
    return np.ascontiguousarray(columns.reshape(features, labels.size).T), labels


def write_doubles(values, path: str) -> None:
    np.ascontiguousarray(values, dtype="<f8").tofile(path)


class Stopwatch:
    """`with Stopwatch() as watch: ...` then `watch.seconds` (monotonic wall clock)."""

    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start
        return False


def print_result(fields: dict) -> None:
    def check(value):
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"result holds a non-finite number: {fields}")
        return value

    for value in fields.values():
        check(value)
    print("RESULT " + json.dumps(fields, sort_keys=True), flush=True)


def thread_count() -> int:
    return int(os.environ.get("BENCH_THREADS", "2"))
