"""Median time to export the largest seed report as DOCX (báo cáo + annex) and XLSX (annex).

Run by hand (not in CI): `python bench/bench_exports.py` after
`python manage.py demo --skip-official-units` (SQLite dev database by default; the script loads
the demo data itself if the database is empty; DATABASE_URL=postgres://… for PostgreSQL).
Targets (issue 6): DOCX ≤ 300 ms, XLSX ≤ 200 ms, from the report to the file's bytes.
"""

from __future__ import annotations

import argparse

from _setup import count_queries, median_ms, setup

setup()

from reports.exports import render_report  # noqa: E402
from reports.models import Report  # noqa: E402

# Sơn Phú, quý III 2021: Hà Tĩnh's Phụ lục 2B, the seed with the most annex rows (143).
LARGEST_SEED = ("18217", "2021Q3")
TARGETS_MS = {"docx": 300, "xlsx": 200}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    options = parser.parse_args()
    report = Report.objects.by_key(*LARGEST_SEED)
    rows = report.template.indicators.count()
    sections = report.sections.count()
    print(f"report: {report.key} — {report.template.code} v{report.template.version}")
    print(f"        {rows} annex rows, {sections} narrative sections")
    for fmt, target in TARGETS_MS.items():
        for blank in (False, True):
            size = len(render_report(report, fmt, blank=blank))
            median = median_ms(
                lambda f=fmt, b=blank: render_report(report, f, blank=b), options.runs
            )
            queries = count_queries(lambda f=fmt, b=blank: render_report(report, f, blank=b))
            verdict = "ok" if median <= target else "OVER TARGET"
            label = f"{fmt}{' (blank)' if blank else ''}"
            print(
                f"{label:13} {median:6.1f} ms median (target ≤ {target} ms: {verdict}), "
                f"{queries} queries, {size / 1024:.0f} KiB"
            )


if __name__ == "__main__":
    main()
