"""Benchmark: the median time to run every check on the largest seed report.

    python bench/bench_validation.py [--report 18217/2021Q3] [--runs 200]

Sets Django up itself, on the database of ``DATABASE_URL`` (the SQLite dev database by
default), and loads the demo data (``manage.py demo --skip-official-units``) when the seed
reports are missing. Target (issue 4): ≤ 20 ms for 18217/2021Q3, whose template has the most
rows, with all checks (rules, annex, tables, identities, across periods, narrative, period
words, document). Record the figure under "## Validation" in docs/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 20.0


def setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc_portal.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False  # measure as production runs: no query log


def seed_report(key: str):
    from django.core.management import call_command
    from django.db import DatabaseError

    from reports.models import Report

    unit, _, period = key.partition("/")
    try:
        return Report.objects.by_key(unit, period)
    except (Report.DoesNotExist, DatabaseError):  # no seed report, or no tables at all yet
        print("Nạp dữ liệu trình diễn (manage.py demo --skip-official-units)…", file=sys.stderr)
        call_command("demo", skip_official_units=True, stdout=io.StringIO())
        return Report.objects.by_key(unit, period)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", default="18217/2021Q3")
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    setup()

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from indicators import structure
    from reports.check_loading import check_report
    from reports.models import Report

    report = seed_report(args.report)
    template = report.template
    rows = template.indicators.count()
    rules = template.rules.count()

    # Cold: a fresh report object and the template's structure not yet cached in the process.
    structure._published_cache.clear()
    fresh = Report.objects.get(pk=report.pk)
    with CaptureQueriesContext(connection) as cold_queries:
        started = time.perf_counter()
        findings = check_report(fresh)
        cold_ms = (time.perf_counter() - started) * 1000
    cold_count = len(cold_queries)

    timings = []
    for _ in range(args.runs):
        fresh = Report.objects.get(pk=report.pk)
        started = time.perf_counter()
        check_report(fresh)
        timings.append((time.perf_counter() - started) * 1000)
    fresh = Report.objects.get(pk=report.pk)
    with CaptureQueriesContext(connection) as warm_queries:
        check_report(fresh)
    warm_count = len(warm_queries)

    timings.sort()
    median = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"báo cáo {args.report}: mẫu {template.code} v{template.version}, {rows} dòng, "
          f"{rules} quy tắc, {len(findings)} phát hiện")  # fmt: skip
    print(f"cơ sở dữ liệu: {connection.vendor} ({connection.settings_dict['NAME']})")
    print(f"lần đầu (chưa có cấu trúc mẫu trong bộ nhớ): {cold_ms:.1f} ms, "
          f"{cold_count} truy vấn")  # fmt: skip
    print(f"{args.runs} lần: trung vị {median:.1f} ms, p95 {p95:.1f} ms, "
          f"{warm_count} truy vấn mỗi lần")  # fmt: skip
    verdict = "đạt" if median <= TARGET_MS else "KHÔNG đạt"
    print(f"mục tiêu ≤ {TARGET_MS:.0f} ms: {verdict}")
    # The same figure as the other bench scripts print it (make bench gathers these lines).
    ok = "ok" if median <= TARGET_MS else "OVER TARGET"
    print(
        f"{'check_report ' + args.report:34} {median:8.1f} ms median "
        f"(target ≤ {TARGET_MS:.0f} ms: {ok}), {warm_count} queries"
    )


if __name__ == "__main__":
    main()
