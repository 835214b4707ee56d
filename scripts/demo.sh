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
    --out "$out/analysis" | head -n 1

echo
echo "Reports:"
find "$out" -type f \( -name '*.md' -o -name '*.html' -o -name '*.json' \) | sort | sed 's/^/  /'
