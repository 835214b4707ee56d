#!/usr/bin/env bash
# The benchmark harness: the workbench side by side with its peers, in one run, on the same cores.
#
#   benchmarks/run.sh                 every job (builds, venv and data are made when missing)
#   benchmarks/run.sh --only gbdt,predict   a subset: ingest, analysis, gbdt, logistic, predict
#   benchmarks/run.sh --micro         hot-loop micro-benchmarks (seconds; no Python, no big data)
#
# Environment: BENCH_THREADS (default 2) threads for every side; BENCH_PYTHON to use an
# existing Python with the peers instead of creating benchmarks/.venv.
# Writes reports/bench.md and reports/bench.json (or reports/bench-micro.md with --micro).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/benchmarks"
DATA="$BENCH/data"
THREADS="${BENCH_THREADS:-2}"
export BENCH_THREADS="$THREADS" OPENBLAS_NUM_THREADS="$THREADS" OMP_NUM_THREADS="$THREADS"

fail() { echo "benchmarks: $*" >&2; exit 1; }
step() { echo "==> $*" >&2; }

MICRO=0
ONLY="ingest,analysis,gbdt,logistic,predict"
while [ $# -gt 0 ]; do
    case "$1" in
        --micro) MICRO=1 ;;
        --only) shift; [ $# -gt 0 ] || fail "--only needs a list, e.g. --only gbdt,predict"; ONLY="$1" ;;
        -h|--help) sed -n '2,11p' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) fail "unknown option $1 (see --help)" ;;
    esac
    shift
done

command -v swift >/dev/null || fail "swift is not on PATH"
mkdir -p "$ROOT/reports"

if [ "$MICRO" = 1 ]; then
    # Internal hot loops are reached with @testable import, so this build enables testing
    # in a scratch path of its own (the job binaries stay normally optimised).
    step "building workbench-micro (release, -enable-testing)"
    swift build -c release --package-path "$BENCH" --scratch-path "$BENCH/.build-micro" \
        -Xswiftc -enable-testing --product workbench-micro >&2
    MICRO_BIN="$(swift build -c release --package-path "$BENCH" --scratch-path "$BENCH/.build-micro" -Xswiftc -enable-testing --show-bin-path)/workbench-micro"
    step "micro-benchmarks (one thread each; load: $(uptime))"
    "$MICRO_BIN" | tee "$ROOT/reports/bench-micro.md"
    exit "${PIPESTATUS[0]}"
fi

step "building workbench and workbench-bench (release)"
(cd "$ROOT" && swift build -c release --product workbench >&2)
swift build -c release --package-path "$BENCH" --product workbench-bench >&2
WORKBENCH="$ROOT/.build/release/workbench"
BENCH_BIN="$(swift build -c release --package-path "$BENCH" --show-bin-path)/workbench-bench"
[ -x "$WORKBENCH" ] || fail "$WORKBENCH was not built"
[ -x "$BENCH_BIN" ] || fail "$BENCH_BIN was not built"

if [ -n "${BENCH_PYTHON:-}" ]; then
    PYTHON="$BENCH_PYTHON"
else
    PYTHON="$BENCH/.venv/bin/python"
    if [ ! -x "$PYTHON" ] || [ ! -f "$BENCH/.venv/.installed" ]; then
        step "creating benchmarks/.venv with the peers (pip; a few minutes the first time)"
        command -v python3 >/dev/null || fail "python3 is needed for the peers"
        python3 -m venv "$BENCH/.venv" || fail "python3 -m venv failed (on Debian: apt-get install python3-venv)"
        "$PYTHON" -m pip install --quiet --upgrade pip >&2
        "$PYTHON" -m pip install --quiet -r "$BENCH/requirements.txt" >&2 || fail "pip could not install the peers"
        touch "$BENCH/.venv/.installed"
    fi
fi
# Every peer must be there: a missing one fails the run instead of leaving a gap.
"$PYTHON" - <<'PY' || fail "a peer is missing from $PYTHON (delete benchmarks/.venv to reinstall)"
import importlib, sys
missing = []
for name in ("duckdb", "pandas", "scipy", "numpy", "sklearn", "lightgbm", "xgboost", "statsmodels", "onnxruntime"):
    try:
        importlib.import_module(name)
    except Exception as error:
        missing.append(f"{name} ({error})")
if missing:
    sys.exit("missing peers: " + ", ".join(missing))
PY

# Inputs are deterministic (fixed seeds) and made only when missing; each is written to a
# temporary folder and renamed, so an interrupted run never leaves a half-written input.
EXPORT="$DATA/export-1m"
if [ ! -f "$EXPORT/spec.yaml" ]; then
    step "generating the 1M-unit export (workbench generate --units 1000000 --seed 42)"
    rm -rf "$EXPORT.partial" && mkdir -p "$DATA"
    "$WORKBENCH" generate --units 1000000 --seed 42 --out "$EXPORT.partial" >&2
    rm -rf "$EXPORT" && mv "$EXPORT.partial" "$EXPORT"
fi
TABULAR="$DATA/tabular"
if [ ! -f "$TABULAR/meta.json" ]; then
    step "generating the tabular data (1M + 200k rows x 28, seed 42)"
    rm -rf "$TABULAR.partial"
    "$PYTHON" "$BENCH/harness/make_tabular.py" "$TABULAR.partial" --seed 42 >&2
    rm -rf "$TABULAR" && mv "$TABULAR.partial" "$TABULAR"
fi

step "running jobs ($ONLY) with $THREADS threads; load: $(uptime)"
"$PYTHON" "$BENCH/harness/run_jobs.py" --root "$ROOT" --workbench "$WORKBENCH" --bench "$BENCH_BIN" \
    --data "$TABULAR" --export "$EXPORT" --work "$BENCH/out" --reports "$ROOT/reports" \
    --threads "$THREADS" --only "$ONLY" && status=0 || status=$?
step "done; load: $(uptime)"
exit $status
