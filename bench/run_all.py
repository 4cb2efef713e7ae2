"""`make bench`: every bench/ script with quick settings, each figure with its target, the ratios
to the floors measured in the same run, then a summary of every line with a target.

    python bench/run_all.py            # quick: a few minutes the first time, about one after
    python bench/run_all.py --full     # the scripts' own numbers of runs

The demo-data scripts run on the dev database (DATABASE_URL, by default SQLite db.sqlite3, with
`manage.py demo --skip-official-units` loaded by `make bench`). The national ones run on a small
national dataset in SQLite, bench/national.sqlite3 (today's 34 provinces and 3,321 communes, one
quarter of reports: `generate.py --quarters 2026Q4`, about a minute, once); set
BENCH_NATIONAL_DATABASE_URL=postgres://… to run them on the full PostgreSQL dataset instead.
The Locust load test needs PostgreSQL, gunicorn and Locust: it is skipped, with its command.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
NATIONAL_DB = BENCH / "national.sqlite3"
NATIONAL_QUARTER = "2026Q4"  # the quarter bench_national.py measures

# (script, quick arguments, on the national dataset)
STEPS = [
    ("bench_entry.py", ["--runs", "10"], False),
    ("bench_validation.py", ["--runs", "50"], False),
    ("bench_exports.py", ["--runs", "15"], False),
    ("bench_review.py", ["--runs", "3"], False),
    ("generate.py", ["--quarters", NATIONAL_QUARTER], True),
    ("bench_national.py", ["--runs", "5"], True),
    ("bench_rush.py", ["--runs", "10"], True),
]
# Steps whose output is only progress: shown in full only when they fail.
QUIET = {"generate.py"}
SKIPPED = [
    (
        "load_test.sh (Locust deadline rush, with load_setup.py, locustfile.py, verify_load.py)",
        "needs PostgreSQL with the national dataset, gunicorn and Locust",
        "pip install -r bench/requirements-bench.txt && "
        "DATABASE_URL=postgres://postgres@127.0.0.1:5432/cchc_national "
        "bash bench/load_test.sh 200 240",
    ),
]
NOT_BENCHMARKS = ["render_docx_screenshots.py (pictures of the DOCX for docs/screenshots)"]
TARGET_WORDS = ("target",)


def run(script: str, arguments: list[str], env: dict[str, str]) -> tuple[int, list[str]]:
    """Run one script, echoing its output as it comes (unless quiet); its lines and exit code."""
    command = [sys.executable, str(BENCH / script), *arguments]
    process = subprocess.Popen(
        command,
        cwd=BENCH.parent,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines = []
    for line in process.stdout:
        lines.append(line.rstrip("\n"))
        if script not in QUIET:
            print(line, end="", flush=True)
    code = process.wait()
    if script in QUIET:
        shown = lines if code else lines[-2:]
        print("\n".join(shown), flush=True)
    return code, lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="the scripts' own numbers of runs")
    options = parser.parse_args()
    env = dict(os.environ)
    # Django's static files finder warns once per client when collectstatic never ran.
    env["PYTHONWARNINGS"] = "ignore:No directory at:UserWarning"
    national_url = env.get("BENCH_NATIONAL_DATABASE_URL", f"sqlite:///{NATIONAL_DB}")
    national_env = {**env, "DATABASE_URL": national_url}
    print(f"dev database: {env.get('DATABASE_URL', 'sqlite db.sqlite3')}")
    print(f"national dataset: {national_url}")

    summary: list[str] = []
    failed: list[str] = []
    started = time.perf_counter()
    for script, arguments, national in STEPS:
        arguments = [] if options.full and script != "generate.py" else arguments
        shown = " ".join([f"python bench/{script}", *arguments])
        print(f"\n=== {shown}{' (national dataset)' if national else ''}", flush=True)
        step_start = time.perf_counter()
        code, lines = run(script, arguments, national_env if national else env)
        print(f"--- {script}: {time.perf_counter() - step_start:.0f} s", flush=True)
        if code:
            failed.append(script)
            summary.append(f"{script}: FAILED (exit {code})")
            continue
        summary += [
            f"{script:20} {line.strip()}"
            for line in lines
            if any(word in line for word in TARGET_WORDS)
        ]

    print("\n=== Skipped")
    for name, reason, command in SKIPPED:
        print(f"{name}: {reason}. Run it by hand:\n    {command}")
    print(f"Not a benchmark: {', '.join(NOT_BENCHMARKS)}.")

    print(f"\n=== Summary: every figure, with its target ({time.perf_counter() - started:.0f} s)")
    print("\n".join(summary))
    if failed:
        sys.exit(f"failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
