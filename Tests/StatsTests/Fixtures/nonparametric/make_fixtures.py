"""Reference values for the rank tests (Tests/StatsTests/Nonparametric).

Needs: numpy, scipy (the project's /work/venv) and R (Debian `r-base-core`, for `wilcox.test`).
Run from this folder:
    python make_fixtures.py
Seeded. Writes
  mannwhitneyu.json            scipy.stats.mannwhitneyu statistic and p-value per case
                               (auto / asymptotic / exact methods, three alternatives, with
                               and without continuity correction; ties, all-tied, n = 1).
  hodges_lehmann_exact.json    R wilcox.test(treatment, control, conf.int=TRUE, exact=TRUE):
                               estimate and interval (no ties, both samples < 50).
  hodges_lehmann_brute.json    (also R's asymptotic interval, rLower/rUpper, for a loose check)
                               brute force with numpy: median of all pairwise differences and
                               the k-th / (mn+1-k)-th sorted differences, k from the normal
                               approximation of U (tie-corrected SD, continuity 0.5):
                               k = max(1, ceil(mn/2 - 0.5 - z_{1-alpha/2} sigma)).
"""
import json
import math
import subprocess
import tempfile

import numpy as np
from scipy import stats

rng = np.random.default_rng(20261121)


def draw(size, kind):
    if kind == "normal":
        return np.round(rng.normal(0, 1, size), 6)
    if kind == "shifted":
        return np.round(rng.normal(0.4, 1.3, size), 6)
    if kind == "integers":  # many ties
        return rng.integers(0, 6, size).astype(float)
    if kind == "lognormal":  # heavy right tail, like revenue or latency
        return np.round(rng.lognormal(3, 1.2, size), 4)
    if kind == "constant":
        return np.full(size, 7.0)
    raise ValueError(kind)


SIZES = [1, 2, 3, 5, 7, 8, 9, 12, 20, 35, 60, 100, 250]
KINDS = ["normal", "shifted", "integers", "lognormal"]

cases = []
for case in range(360):
    m = int(rng.choice(SIZES))
    n = int(rng.choice(SIZES))
    if case % 40 == 0:
        x, y = draw(m, "constant"), draw(n, "constant")
    else:
        x, y = draw(m, KINDS[case % 4]), draw(n, KINDS[(case // 4) % 4])
    if case % 17 == 0:  # an extreme separation: tiny p-values
        y = y - 50
    alternative = ["two-sided", "greater", "less"][case % 3]
    continuity = bool(case % 5 != 0)
    has_ties = len(np.unique(np.concatenate([x, y]))) < m + n
    methods = ["auto", "asymptotic"]
    if not has_ties and m * n <= 2500:
        methods.append("exact")
    results = []
    for method in methods:
        res = stats.mannwhitneyu(x, y, use_continuity=continuity, alternative=alternative, method=method)
        p = float(res.pvalue)
        results.append({"method": method, "statistic": float(res.statistic), "pValue": None if math.isnan(p) else p})
    cases.append({"treatment": x.tolist(), "control": y.tolist(), "alternative": alternative,
                  "continuity": continuity, "results": results})
# One small sample against a large one: scipy's automatic rule still picks the exact test.
for m, n, alternative in [(1, 3000, "two-sided"), (3, 4000, "greater"), (5, 2000, "less"), (8, 1200, "two-sided"),
                          (8, 301, "greater"), (6, 700, "two-sided"), (2, 900, "less")]:
    pool = rng.choice(10**7, size=m + n, replace=False) / 1000.0  # distinct values: no ties
    x, y = pool[:m] + 2000.0 * (m % 2), pool[m:]
    results = []
    for method in ["auto", "asymptotic"]:
        res = stats.mannwhitneyu(x, y, alternative=alternative, method=method)
        results.append({"method": method, "statistic": float(res.statistic), "pValue": float(res.pvalue)})
    cases.append({"treatment": x.tolist(), "control": y.tolist(), "alternative": alternative,
                  "continuity": True, "results": results})
with open("mannwhitneyu.json", "w") as f:
    json.dump(cases, f)

# Hodges-Lehmann, exact regime, against R.
exact_cases = []
for case in range(300):
    m = int(rng.choice([1, 2, 3, 4, 6, 9, 15, 25, 40, 49]))
    n = int(rng.choice([1, 2, 3, 5, 8, 13, 21, 34, 49]))
    x = np.round(rng.normal(0.5, 1, m), 6)
    y = np.round(rng.standard_t(3, n), 6)
    if len(np.unique(np.concatenate([x, y]))) < m + n:
        continue
    level = float(rng.choice([0.8, 0.9, 0.95, 0.99]))
    exact_cases.append({"treatment": x.tolist(), "control": y.tolist(), "confidenceLevel": level})

with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
    for c in exact_cases:
        f.write(",".join(repr(v) for v in c["treatment"]) + ";" + ",".join(repr(v) for v in c["control"]) + ";" + repr(c["confidenceLevel"]) + "\n")
    input_path = f.name
exact_input_path = input_path
r_program = f"""
lines <- readLines("{input_path}")
for (line in lines) {{
  parts <- strsplit(line, ";")[[1]]
  x <- as.numeric(strsplit(parts[1], ",")[[1]])
  y <- as.numeric(strsplit(parts[2], ",")[[1]])
  level <- as.numeric(parts[3])
  r <- suppressWarnings(wilcox.test(x, y, conf.int = TRUE, exact = TRUE, conf.level = level))
  cat(sprintf("%.17g %.17g %.17g\\n", r$estimate, r$conf.int[1], r$conf.int[2]))
}}
"""
out = subprocess.run(["Rscript", "-e", r_program], capture_output=True, text=True, check=True).stdout.split("\n")
for c, line in zip(exact_cases, out):
    estimate, lower, upper = (float(v) for v in line.split())
    c.update({"shift": estimate, "lower": lower, "upper": upper})
with open("hodges_lehmann_exact.json", "w") as f:
    json.dump(exact_cases, f)

# Hodges-Lehmann, asymptotic regime (ties or a sample of 50 or more), brute force.
brute_cases = []
for case in range(330):
    m = int(rng.choice([3, 10, 50, 120, 250]))
    n = int(rng.choice([2, 10, 49, 100, 200]))
    kind = ["integers", "lognormal", "normal", "shifted"][case % 4]
    # Three decimals keep the file small; ties from rounding are welcome here.
    x, y = np.round(draw(m, kind), 3), np.round(draw(n, KINDS[(case + 1) % 4]), 3)
    if kind == "integers":
        y = draw(n, "integers")
    has_ties = len(np.unique(np.concatenate([x, y]))) < m + n
    if not has_ties and m < 50 and n < 50:
        continue  # exact regime, covered by R above
    level = float(rng.choice([0.8, 0.9, 0.95, 0.99]))
    diffs = np.sort(np.subtract.outer(x, y).ravel())
    mn = m * n
    pooled = np.concatenate([x, y])
    _, t = np.unique(pooled, return_counts=True)
    big_n = m + n
    sigma = math.sqrt(m * n / 12 * ((big_n + 1) - float(np.sum(t.astype(float) ** 3 - t)) / (big_n * (big_n - 1))))
    z = stats.norm.isf((1 - level) / 2)
    k = max(1, math.ceil(mn / 2 - 0.5 - z * sigma))
    k = min(k, (mn + 1) // 2)
    brute_cases.append({
        "treatment": x.tolist(), "control": y.tolist(), "confidenceLevel": level,
        "shift": float(np.median(diffs)), "lowerRank": k,
        "lower": float(diffs[k - 1]), "upper": float(diffs[mn - k]),
    })
# R's asymptotic interval (exact=FALSE, correct=TRUE) inverts the continuity-corrected z
# numerically instead of taking order statistics; kept for a loose comparison.
with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
    for c in brute_cases:
        f.write(",".join(repr(v) for v in c["treatment"]) + ";" + ",".join(repr(v) for v in c["control"]) + ";" + repr(c["confidenceLevel"]) + "\n")
    input_path = f.name
r_program = r_program.replace("exact = TRUE", "exact = FALSE").replace(exact_input_path, input_path)
out = subprocess.run(["Rscript", "-e", r_program], capture_output=True, text=True, check=True).stdout.split("\n")
for c, line in zip(brute_cases, out):
    _, lower, upper = (float(v) for v in line.split())
    c.update({"rLower": lower, "rUpper": upper})
with open("hodges_lehmann_brute.json", "w") as f:
    json.dump(brute_cases, f)
print(len(cases), "U cases,", len(exact_cases), "exact HL cases,", len(brute_cases), "brute HL cases")
