"""Training fixtures for the Training/Registry tests.

Needs: numpy, pandas, statsmodels (run with /work/venv/bin/python make_fixtures.py).
Writes (seeded, re-runnable):
  churn.csv            600 rows: numeric x1..x3 (x3 with ~5% empty cells), categorical
                       `plan` (basic/plus/pro), id column `unit_id`, 0/1 label `churned`.
  churn_logit.json     statsmodels Logit on ALL rows with the workbench's logistic design:
                       x3 missing -> mean of observed x3, `plan` one-hot with `basic`
                       (first level by bytes) as the reference. Coefficients and SEs;
                       also the SHA-256 of churn.csv (hashlib).
"""
import hashlib
import json

import numpy as np
import pandas as pd
import statsmodels.api as sm

rng = np.random.default_rng(20261121)
n = 600
x1 = rng.normal(size=n)
x2 = rng.uniform(-2, 2, size=n)
x3 = rng.normal(1.0, 2.0, size=n)
plan = rng.choice(["basic", "plus", "pro"], size=n, p=[0.5, 0.3, 0.2])
logit = -0.4 + 1.1 * x1 - 0.7 * x2 + 0.3 * x3 + np.where(plan == "pro", -0.9, np.where(plan == "plus", 0.4, 0.0))
y = (rng.uniform(size=n) < 1 / (1 + np.exp(-logit))).astype(int)
missing = rng.uniform(size=n) < 0.05
x3_text = [("" if m else repr(float(round(v, 6)))) for v, m in zip(x3, missing)]

with open("churn.csv", "w") as f:
    f.write("unit_id,x1,x2,x3,plan,churned\n")
    for i in range(n):
        f.write(f"u{i:04d},{float(round(x1[i], 6))!r},{float(round(x2[i], 6))!r},{x3_text[i]},{plan[i]},{y[i]}\n")

frame = pd.read_csv("churn.csv", keep_default_na=False, na_values=[""])
x3_observed = frame["x3"]
design = pd.DataFrame({
    "x1": frame["x1"], "x2": frame["x2"], "x3": x3_observed.fillna(x3_observed.mean()),
    "plan=plus": (frame["plan"] == "plus").astype(float), "plan=pro": (frame["plan"] == "pro").astype(float),
})
fit = sm.Logit(frame["churned"], sm.add_constant(design)).fit(method="newton", tol=1e-12, disp=0)
json.dump({
    "terms": list(design.columns),
    "intercept": fit.params["const"],
    "coefficients": [fit.params[c] for c in design.columns],
    "intercept_standard_error": fit.bse["const"],
    "standard_errors": [fit.bse[c] for c in design.columns],
    "x3_mean": float(x3_observed.mean()),
    "churn_csv_sha256": hashlib.sha256(open("churn.csv", "rb").read()).hexdigest(),
}, open("churn_logit.json", "w"), indent=1)
print("wrote churn.csv, churn_logit.json")
