#!/usr/bin/env bash
# The demo: runs the workbench's jobs on the bundled example export and says where the
# reports are. Called by `make demo` after a release build.
set -euo pipefail
bin="${1:-.build/release/workbench}"
out="${2:-reports/demo}"
example="datasets/example"
mkdir -p "$out"

echo "== 1. Data quality of the example export ($example)"
"$bin" inspect --exposures "$example/exposures.csv" --events "$example/events.csv.gz" --out "$out/data-quality" | tail -n 3

echo
echo "== 2. Experiment analysis (spec: $example/spec.yaml)"
"$bin" analyze --spec "$example/spec.yaml" --exposures "$example/exposures.csv" --events "$example/events.csv.gz" \
    --out "$out/analysis" | sed -n '1p'

echo
echo "== 3. Purchase-propensity model: features before 2026-01-20, label = purchase in the next 7 days"
"$bin" features --events "$example/events.csv.gz" --cutoff 2026-01-20T00:00:00Z --label-event purchase \
    --label-days 7 --out "$out/features.csv" | tail -n 1
rm -rf "$out/registry"
"$bin" train --data "$out/features.csv" --target label --ignore unit_id --model gbdt --name purchase-propensity \
    --registry "$out/registry" --seed 1 | tail -n 1
"$bin" models verify --registry "$out/registry" purchase-propensity | tail -n 1

echo
echo "== 4. Guardrail backtest: would these rules have stopped a bad rollout? (spec: $example/backtest.yaml)"
"$bin" backtest --spec "$example/backtest.yaml" --exposures "$example/exposures.csv" --events "$example/events.csv.gz" \
    --out "$out/backtest" | sed -n '1,5p'

echo
echo "== 5. Staged rollout policies replayed on the history (policies: $example/policies.yaml)"
"$bin" simulate --policy "$example/policies.yaml" --exposures "$example/exposures.csv" --events "$example/events.csv.gz" \
    --out "$out/simulation" | sed -n '1,3p'

echo
echo "== 6. Off-policy value of targeting checkout-v2 at purchase-propensity >= 0.1"
"$bin" simulate --target-model purchase-propensity --registry "$out/registry" --threshold 0.1 --sweep 5 \
    --spec "$example/spec.yaml" --exposures "$example/exposures.csv" --events "$example/events.csv.gz" \
    --out "$out/off-policy" | sed -n '1,3p'

echo
echo "Reports:"
find "$out" -type f \( -name '*.md' -o -name '*.html' -o -name '*.json' \) | sort | sed 's/^/  /'
