"""Runs every benchmark job and its peers in one run and writes reports/bench.md and bench.json.

Needs: numpy, scikit-learn (AUC) and the peers in requirements.txt. Called by benchmarks/run.sh
after the release builds and the data exist; run it directly only with the same arguments:

    python run_jobs.py --root REPO --workbench BIN --bench BIN --data DIR [--only ingest,gbdt,...]

Every measured command runs as its own process pinned to the same cores (taskset), with the
same thread count (BENCH_THREADS, default 2) for every side; its wall time comes from the
process itself (the timed phase, printed on its `RESULT {json}` line) and its peak resident
memory from the kernel (`wait4` rusage, the figure `/usr/bin/time -v` prints as "Maximum
resident set size"). A job whose workbench side does not exist yet is reported as "not yet";
a job or peer that fails is reported as FAILED and makes the run exit non-zero. No number is
ever filled in by hand.
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import time

JOBS = ("ingest", "analysis", "gbdt", "logistic", "predict")


class Runner:
    """Runs commands with identical pinning and threads, and keeps their logs."""

    def __init__(self, log_folder: str, threads: int):
        self.log_folder = log_folder
        self.threads = threads
        os.makedirs(log_folder, exist_ok=True)
        self.pin = []
        if shutil.which("taskset") and (os.cpu_count() or 1) >= threads:
            self.pin = ["taskset", "-c", ",".join(str(core) for core in range(threads))]
        self.environment = dict(os.environ)
        for name in ("BENCH_THREADS", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            self.environment[name] = str(threads)
        # OpenMP threads (LightGBM, XGBoost, scikit-learn) spin at barriers by default. On a
        # shared, oversubscribed machine a spinning thread burns the time slice its partner
        # needs: LightGBM measured 25 s with spinning vs 2.8 s passive on the same 20k-row job
        # at load 15. Passive waiting costs a few percent at most on a quiet machine.
        self.environment["OMP_WAIT_POLICY"] = os.environ.get("BENCH_OMP_WAIT_POLICY", "PASSIVE")

    def run(self, name: str, command: list[str], cwd: str | None = None) -> dict:
        """Runs `command`; returns its RESULT fields plus wall_seconds and peak_rss_mb, or raises."""
        stdout_path = os.path.join(self.log_folder, f"{name}.out")
        stderr_path = os.path.join(self.log_folder, f"{name}.err")
        print(f"  running {name}: {' '.join(command)}", file=sys.stderr, flush=True)
        start = time.perf_counter()
        with open(stdout_path, "w") as out, open(stderr_path, "w") as err:
            process = subprocess.Popen(self.pin + command, stdout=out, stderr=err, cwd=cwd, env=self.environment)
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        if process.returncode != 0:
            with open(stderr_path) as err:
                tail = err.read()[-2000:]
            last = next((line for line in reversed(tail.splitlines()) if line.strip()), "")
            raise RuntimeError(f"{name} exited with {process.returncode} ({last.strip()[:200]}); log {stderr_path}")
        with open(stdout_path) as out:
            lines = [line for line in out.read().splitlines() if line.startswith("RESULT ")]
        result = json.loads(lines[-1][len("RESULT "):]) if lines else {}
        result["wall_seconds"] = wall
        result["peak_rss_mb"] = usage.ru_maxrss / 1024  # Linux reports kilobytes
        result["stdout_path"] = stdout_path
        print(f"  {name}: {result.get('seconds', wall):.2f} s, {result['peak_rss_mb']:.0f} MB", file=sys.stderr, flush=True)
        return result


def auc(labels, scores) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(labels, scores))


def read_doubles(path: str):
    import numpy as np

    return np.fromfile(path, dtype="<f8")


def attempt(rows: list, job: str, peer: str, body) -> None:
    """Runs one comparison; on failure records a FAILED row instead of a number."""
    try:
        rows.extend(body())
    except Exception as error:  # noqa: BLE001 - every failure is reported, none is hidden
        print(f"FAILED {job} / {peer}: {error}", file=sys.stderr, flush=True)
        rows.append({"job": job, "peer": peer, "status": "FAILED", "error": str(error)[:500]})


def row(job, peer, workbench, peer_result, quality, note=None):
    """A table row: times are the processes' timed phases in seconds; either side may be None."""
    workbench_time = workbench["seconds"] if workbench else None
    peer_time = peer_result["seconds"] if peer_result else None
    return {
        "job": job, "peer": peer, "status": "ok",
        "workbench_seconds": workbench_time, "peer_seconds": peer_time,
        "ratio": workbench_time / peer_time if workbench_time and peer_time else None,
        "workbench_peak_rss_mb": workbench["peak_rss_mb"] if workbench else None,
        "peer_peak_rss_mb": peer_result["peak_rss_mb"] if peer_result else None,
        "quality": quality, "note": note,
        "workbench_result": strip(workbench), "peer_result": strip(peer_result),
    }


def strip(result):
    if not result:
        return None
    return {key: value for key, value in result.items() if key not in ("coefficients", "statistics", "stdout_path")}


def not_yet(job, peer, reason):
    return {"job": job, "peer": peer, "status": "not yet", "note": reason}


# ---------------------------------------------------------------------------------------------
# Jobs


def job_ingest(runner, args, rows):
    exposures, events = export_files(args)
    size = os.path.getsize(exposures) + os.path.getsize(events)
    holder = {}

    def workbench_side():
        report_folder = os.path.join(args.work, "inspect")
        result = runner.run("ingest-workbench", [
            args.workbench, "inspect", "--exposures", exposures, "--events", events, "--out", report_folder])
        with open(os.path.join(report_folder, "data-quality.json")) as handle:
            report = json.load(handle)
        result["seconds"] = report["seconds"]
        result["report"] = report
        holder["workbench"] = result
        return []

    attempt(rows, "ingest", "workbench inspect", workbench_side)

    def duckdb_side():
        peer = runner.run("ingest-duckdb", [args.python, peer_script(args, "ingest_duckdb.py"),
                                            "--exposures", exposures, "--events", events], cwd=peers_folder(args))
        workbench = holder.get("workbench")
        if workbench is None:
            raise RuntimeError("the workbench side failed, so there is nothing to compare")
        report = workbench["report"]
        # data-quality.json keys are snake_case since the results schema; accept the older camelCase too.
        counts = report.get("events_by_name", report.get("eventsByName"))
        if not counts:
            raise RuntimeError("data-quality.json has no events_by_name to compare")
        differences = [abs(counts.get(name, 0) - count) for name, count in peer["events_by_name"].items()]
        differences += [abs(count - peer["events_by_name"].get(name, 0)) for name, count in counts.items()]
        unit_difference = abs(report.get("units", -1) - peer["units"])
        quality = (f"{size / 1e6 / workbench['seconds']:.0f} vs {peer['megabytes_per_second']:.0f} MB/s; "
                   f"largest event-count difference {max(differences)}, unit-count difference {unit_difference}")
        workbench = dict(workbench)
        workbench.pop("report")
        return [row("ingest (1M-unit export, %.0f MB)" % (size / 1e6), f"DuckDB {peer['version']} read_csv", workbench, peer, quality)]

    attempt(rows, "ingest", "DuckDB", duckdb_side)


def job_analysis(runner, args, rows):
    exposures, events = export_files(args)
    spec = os.path.join(args.export, "spec.yaml")
    job = "analysis (1M-unit export)"
    workbench = None
    has_analyze = has_subcommand(args.workbench, "analyze")
    if not has_analyze:
        rows.append(not_yet(job, "workbench analyze", "`workbench analyze` does not exist in this build"))
    holder = {}

    def workbench_side():
        out = os.path.join(args.work, "analyze")
        shutil.rmtree(out, ignore_errors=True)
        result = runner.run("analysis-workbench", [
            args.workbench, "analyze", "--spec", spec, "--exposures", exposures, "--events", events, "--out", out])
        # One experiment: OUT/results.json; several: OUT/EXPERIMENT/results.json.
        found = [os.path.join(folder, "results.json") for folder, _, files in os.walk(out) if "results.json" in files]
        if not found:
            raise RuntimeError(f"workbench analyze wrote no results.json under {out}")
        with open(sorted(found)[0]) as handle:
            result["results"] = json.load(handle)
        # The whole process: reading, analysis and writing the reports (analyze prints no timing).
        result["seconds"] = result["wall_seconds"]
        holder["workbench"] = result
        return []

    if has_analyze:
        attempt(rows, job, "workbench analyze", workbench_side)
    workbench = holder.get("workbench")

    def duckdb_side():
        peer = runner.run("analysis-duckdb", [args.python, peer_script(args, "analysis_duckdb.py"),
                                              "--exposures", exposures, "--events", events,
                                              "--out", os.path.join(args.work, "analysis-duckdb.json")], cwd=peers_folder(args))
        holder["duckdb_means"] = peer["means"]
        name = f"DuckDB {peer['version']} SQL (all metrics)"
        if workbench is None:
            return [peer_only_row(job, name, peer, None)]
        return [row(job, name, strip_results(workbench), peer, compare_means(results_means(workbench["results"]), peer["means"]))]

    def pandas_side():
        peer = runner.run("analysis-pandas", [args.python, peer_script(args, "analysis_pandas.py"),
                                              "--exposures", exposures, "--events", events], cwd=peers_folder(args))
        name = f"{peer['version']} + scipy (2 metrics)"
        if workbench is None:
            duckdb_means = holder.get("duckdb_means")
            check = None if duckdb_means is None else "vs DuckDB: " + compare_means(duckdb_means, peer["means"])
            return [peer_only_row(job, name, peer, check)]
        return [row(job, name, strip_results(workbench), peer, compare_means(results_means(workbench["results"]), peer["means"]))]

    attempt(rows, job, "DuckDB", duckdb_side)
    attempt(rows, job, "pandas + scipy", pandas_side)


def has_subcommand(binary: str, name: str) -> bool:
    """Whether `binary --help` lists subcommand `name` (an unknown subcommand's --help exits 0 too)."""
    text = subprocess.run([binary, "--help"], capture_output=True, text=True).stdout
    listing = text.split("SUBCOMMANDS:", 1)[-1] if "SUBCOMMANDS:" in text else ""
    return any(line.split()[:1] == [name] for line in listing.splitlines())


def peer_only_row(job, peer_name, peer, quality):
    entry = row(job, peer_name, None, peer, quality, note="workbench side not yet: peer time for reference")
    entry["status"] = "peer only"
    return entry


def strip_results(result):
    result = dict(result)
    result.pop("results", None)
    return result


# results.json metric name -> the peers' per-variant mean of the same quantity. The spec caps
# revenue at its 99.9% quantile, so the capped revenue is the comparable one.
PEER_MEAN_NAMES = {"conversion": "conversion", "revenue": "revenue_capped", "latency": "latency", "error_rate": "error_rate"}


def results_means(results: dict) -> dict:
    """Per-variant means from a workbench results.json, keyed like the peers' means."""
    means: dict = {}
    for metric in results.get("metrics", []):
        peer_name = PEER_MEAN_NAMES.get(metric.get("name"))
        for variant in metric.get("variants", []) if peer_name else []:
            if variant.get("mean") is not None:
                means.setdefault(variant["variant"], {})[peer_name] = variant["mean"]
    return means


def compare_means(reference: dict, other: dict) -> str:
    """Max relative difference over the per-variant means both sides computed."""
    worst, compared = 0.0, 0
    for variant, values in reference.items():
        for name, value in values.items():
            other_value = other.get(variant, {}).get(name)
            if value is None or other_value is None:
                continue
            worst = max(worst, abs(value - other_value) / max(abs(value), 1e-300))
            compared += 1
    if compared == 0:
        raise RuntimeError("no per-variant metric means in common to compare")
    return f"max rel diff of {compared} variant means {worst:.1e}"


def job_gbdt(runner, args, rows):
    test_labels = read_doubles(os.path.join(args.data, "test.y.f64"))
    holder = {}
    job = "GBDT train 1M x 28 (100 trees, 31 leaves)"

    def workbench_side():
        predictions = os.path.join(args.work, "gbdt-workbench.pred.f64")
        result = runner.run("gbdt-workbench", [
            args.bench, "gbdt-train", "--data", args.data, "--threads", str(runner.threads),
            "--model", os.path.join(args.work, "gbdt-workbench.model.json"), "--predictions", predictions])
        result["auc"] = auc(test_labels, read_doubles(predictions))
        holder["workbench"] = result
        return []

    attempt(rows, job, "workbench", workbench_side)
    names = {"lightgbm": "LightGBM", "xgboost": "XGBoost hist lossguide", "sklearn": "sklearn HistGradientBoosting"}
    for peer_key, peer_name in names.items():
        def peer_side(peer_key=peer_key, peer_name=peer_name):
            predictions = os.path.join(args.work, f"gbdt-{peer_key}.pred.f64")
            command = [args.python, peer_script(args, "gbdt_peers.py"), peer_key, "--data", args.data, "--predictions", predictions]
            if peer_key == "lightgbm":
                command += ["--model", os.path.join(args.work, "gbdt-lightgbm.model.txt")]
            peer = runner.run(f"gbdt-{peer_key}", command, cwd=peers_folder(args))
            peer["auc"] = auc(test_labels, read_doubles(predictions))
            workbench = holder.get("workbench")
            if workbench is None:
                raise RuntimeError("the workbench side failed, so there is nothing to compare")
            quality = f"test AUC {workbench['auc']:.4f} vs {peer['auc']:.4f}"
            return [row(job, f"{peer_name} {peer['version']}", workbench, peer, quality)]

        attempt(rows, job, peer_name, peer_side)


def job_logistic(runner, args, rows):
    import numpy as np

    job = "logistic regression 1M x 28"
    holder = {}

    def workbench_side():
        holder["workbench"] = runner.run("logistic-workbench", [args.bench, "logistic", "--data", args.data])
        return []

    attempt(rows, job, "workbench", workbench_side)
    for peer_key, peer_name in (("sklearn", "sklearn lbfgs"), ("statsmodels", "statsmodels Logit (Newton)")):
        def peer_side(peer_key=peer_key, peer_name=peer_name):
            peer = runner.run(f"logistic-{peer_key}", [args.python, peer_script(args, "logistic_peers.py"), peer_key,
                                                       "--data", args.data], cwd=peers_folder(args))
            workbench = holder.get("workbench")
            if workbench is None:
                raise RuntimeError("the workbench side failed, so there is nothing to compare")
            ours = np.array([workbench["intercept"]] + workbench["coefficients"])
            theirs = np.array([peer["intercept"]] + peer["coefficients"])
            difference = float(np.max(np.abs(ours - theirs)))
            quality = f"max coefficient difference {difference:.1e} (incl. intercept; {peer['iterations']} vs {workbench['iterations']} iterations)"
            return [row(job, f"{peer_name} {peer['version']}", workbench, peer, quality)]

        attempt(rows, job, peer_name, peer_side)


def job_predict(runner, args, rows):
    job = "GBDT predict 200k rows (median of 5)"
    test_labels = read_doubles(os.path.join(args.data, "test.y.f64"))
    workbench_model = os.path.join(args.work, "gbdt-workbench.model.json")
    lightgbm_model = os.path.join(args.work, "gbdt-lightgbm.model.txt")
    holder = {}

    def workbench_side():
        if not os.path.exists(workbench_model):
            raise RuntimeError(f"{workbench_model} is missing: the gbdt job must run first")
        predictions = os.path.join(args.work, "predict-workbench.pred.f64")
        result = runner.run("predict-workbench", [args.bench, "gbdt-predict", "--data", args.data, "--threads", str(runner.threads),
                                                  "--model", workbench_model, "--predictions", predictions])
        trained = read_doubles(os.path.join(args.work, "gbdt-workbench.pred.f64"))
        result["auc"] = auc(test_labels, read_doubles(predictions))
        result["max_difference_to_training_run"] = float(abs(read_doubles(predictions) - trained).max())
        holder["workbench"] = result
        return []

    attempt(rows, job, "workbench", workbench_side)

    def lightgbm_side():
        if not os.path.exists(lightgbm_model):
            raise RuntimeError(f"{lightgbm_model} is missing: the gbdt job must run first")
        predictions = os.path.join(args.work, "predict-lightgbm.pred.f64")
        peer = runner.run("predict-lightgbm", [args.python, peer_script(args, "predict_peers.py"), "lightgbm", "--data", args.data,
                                               "--model", lightgbm_model, "--predictions", predictions], cwd=peers_folder(args))
        peer["auc"] = auc(test_labels, read_doubles(predictions))
        workbench = holder.get("workbench")
        if workbench is None:
            raise RuntimeError("the workbench side failed, so there is nothing to compare")
        quality = (f"{workbench['rows_per_second'] / 1e6:.2f} vs {peer['rows_per_second'] / 1e6:.2f} M rows/s; "
                   f"AUC {workbench['auc']:.4f} vs {peer['auc']:.4f} (own models); "
                   f"reloaded model max diff {workbench['max_difference_to_training_run']:.1e}")
        return [row(job, f"LightGBM {peer['version']} predict", workbench, peer, quality)]

    attempt(rows, job, "LightGBM", lightgbm_side)
    def onnxruntime_side():
        onnx_model = os.path.join(args.work, "gbdt-workbench.onnx")
        runner.run("export-onnx", [args.bench, "gbdt-export-onnx", "--model", workbench_model, "--out", onnx_model])
        predictions = os.path.join(args.work, "predict-onnxruntime.pred.f64")
        peer = runner.run("predict-onnxruntime", [args.python, peer_script(args, "predict_peers.py"), "onnxruntime", "--data", args.data,
                                                  "--model", onnx_model, "--predictions", predictions], cwd=peers_folder(args))
        workbench = holder.get("workbench")
        if workbench is None:
            raise RuntimeError("the workbench side failed, so there is nothing to compare")
        onnx_predictions = read_doubles(predictions)
        difference = float(abs(onnx_predictions - read_doubles(os.path.join(args.work, "predict-workbench.pred.f64"))).max())
        quality = (f"{workbench['rows_per_second'] / 1e6:.2f} vs {peer['rows_per_second'] / 1e6:.2f} M rows/s; "
                   f"same model: max probability difference {difference:.1e} (double-precision ONNX graph)")
        return [row(job, f"onnxruntime {peer['version']} (the workbench model as ONNX)", workbench, peer, quality)]

    attempt(rows, job, "onnxruntime", onnxruntime_side)


# ---------------------------------------------------------------------------------------------
# Report


def export_files(args):
    """The export's two files; `.csv.gz` is accepted too (the small bundled example is compressed)."""
    paths = []
    for name in ("exposures", "events"):
        plain = os.path.join(args.export, f"{name}.csv")
        paths.append(plain if os.path.exists(plain) or not os.path.exists(plain + ".gz") else plain + ".gz")
    return tuple(paths)


def peers_folder(args):
    return os.path.join(args.root, "benchmarks", "peers")


def peer_script(args, name):
    return os.path.join(peers_folder(args), name)


def machine_facts(args) -> dict:
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    commit = subprocess.run(["git", "-C", args.root, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True)
    return {
        "date_utc": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC"),
        "nproc": os.cpu_count(), "cpu_model": model, "threads": args.threads,
        "load_average_start": os.getloadavg(), "kernel": platform.release(), "commit": commit,
        "swift": (swift.stdout or swift.stderr).splitlines()[0] if (swift.stdout or swift.stderr) else "unknown",
        "python": platform.python_version(),
        "omp_wait_policy": os.environ.get("BENCH_OMP_WAIT_POLICY", "PASSIVE"),
    }


def format_seconds(value):
    return "-" if value is None else f"{value:.2f}"


def format_memory(value):
    return "-" if value is None else f"{value:.0f}"


def markdown(facts: dict, rows: list) -> str:
    lines = [
        "# Benchmarks: workbench vs peers",
        "",
        f"{facts['date_utc']}; commit {facts['commit']}; {facts['nproc']} cores ({facts['cpu_model']}); "
        f"{facts['threads']} threads for every side (OMP_WAIT_POLICY={facts['omp_wait_policy']}); load average at start {facts['load_average_start'][0]:.2f}, "
        f"at end {facts['load_average_end'][0]:.2f}; {facts['swift']}; Python {facts['python']}.",
        "",
        "Times are each process's timed phase in seconds (see benchmarks/README.md); ratio = workbench / peer "
        "(below 1: the workbench is faster). Compare ratios, not absolute times: the machine is shared.",
        "",
        "| job | workbench s | peer | peer s | ratio | workbench peak MB | peer peak MB | quality |",
        "|---|---:|---|---:|---:|---:|---:|---|",
    ]
    for entry in rows:
        if entry["status"] in ("ok", "peer only"):
            ratio = "-" if entry["ratio"] is None else f"{entry['ratio']:.2f}"
            workbench = format_seconds(entry["workbench_seconds"]) if entry["status"] == "ok" else "not yet"
            lines.append(
                f"| {entry['job']} | {workbench} | {entry['peer']} | {format_seconds(entry['peer_seconds'])} | {ratio} | "
                f"{format_memory(entry['workbench_peak_rss_mb'])} | {format_memory(entry['peer_peak_rss_mb'])} | "
                f"{entry['quality'] or entry.get('note') or '-'} |")
        else:
            detail = entry.get("note") or entry.get("error", "").splitlines()[0]
            lines.append(f"| {entry['job']} | {entry['status']} | {entry['peer']} | - | - | - | - | {detail} |")
    lines.append("")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", required=True)
    parser.add_argument("--workbench", required=True, help="the release `workbench` binary")
    parser.add_argument("--bench", required=True, help="the release `workbench-bench` binary")
    parser.add_argument("--data", required=True, help="tabular data folder (make_tabular.py)")
    parser.add_argument("--export", required=True, help="the 1M-unit export folder (workbench generate)")
    parser.add_argument("--work", required=True, help="scratch folder for models, predictions and logs")
    parser.add_argument("--reports", required=True)
    parser.add_argument("--threads", type=int, default=int(os.environ.get("BENCH_THREADS", "2")))
    parser.add_argument("--only", default=",".join(JOBS), help="comma-separated subset of " + ",".join(JOBS))
    args = parser.parse_args()
    args.python = sys.executable
    for name in ("root", "workbench", "bench", "data", "export", "work", "reports"):
        setattr(args, name, os.path.abspath(getattr(args, name)))
    selected = [job for job in args.only.split(",") if job]
    unknown = [job for job in selected if job not in JOBS]
    if unknown:
        parser.error(f"unknown job(s) {unknown}; choose from {JOBS}")
    os.makedirs(args.work, exist_ok=True)
    os.makedirs(args.reports, exist_ok=True)
    runner = Runner(os.path.join(args.work, "logs"), args.threads)
    facts = machine_facts(args)
    print(f"benchmarks on {facts['nproc']} cores ({facts['cpu_model']}), load {facts['load_average_start']}", file=sys.stderr)
    rows: list = []
    for job in JOBS:
        if job in selected:
            print(f"job {job}", file=sys.stderr, flush=True)
            {"ingest": job_ingest, "analysis": job_analysis, "gbdt": job_gbdt, "logistic": job_logistic,
             "predict": job_predict}[job](runner, args, rows)
    facts["load_average_end"] = os.getloadavg()
    text = markdown(facts, rows)
    with open(os.path.join(args.reports, "bench.md"), "w") as handle:
        handle.write(text)
    with open(os.path.join(args.reports, "bench.json"), "w") as handle:
        json.dump({"machine": facts, "rows": rows}, handle, indent=2, sort_keys=True)
    print(text)
    failed = [entry for entry in rows if entry["status"] == "FAILED"]
    if failed:
        print(f"{len(failed)} comparison(s) FAILED; logs in {runner.log_folder}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
