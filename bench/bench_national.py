"""National scale, on the dataset of `bench/generate.py` (PostgreSQL):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cchc_national python bench/bench_national.py

Prints queries and median time of the report form, the reviewer dashboard of the largest
province and the national aggregate; the same aggregate as one hand-written SQL query, run
alternately with the portal's, and the ratio portal / raw SQL (target ≤ 2). `make bench` runs it
with `--runs 5` on a small national dataset in SQLite (`generate.py --quarters 2026Q4`).
"""

from __future__ import annotations

import argparse

from _setup import count_queries, figure, median_ms, paired_medians, ratio_line, setup

setup(load_demo=False)

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from core.models import TWO_LEVEL_START  # noqa: E402
from reports import dashboard  # noqa: E402
from reports.aggregation import aggregate  # noqa: E402
from reports.models import AdministrativeUnit, Report, ReportingPeriod, Role, User  # noqa: E402

KEY = "2026Q4"
# The report form's and the dashboard's targets (bench_entry, bench_review); the aggregate's ratio.
TARGETS_MS = {"report form": 100, "dashboard page": 500}
RATIO_TARGET = 2.0
STATUSES = ("approved", "submitted")
RAW_SQL = """
SELECT i.code, SUM(v.value)
FROM reports_indicatorvalue v
JOIN reports_report r ON r.id = v.report_id
JOIN reports_reportingperiod p ON p.id = r.period_id
JOIN reports_administrativeunit u ON u.id = r.unit_id
JOIN indicators_indicator i ON i.id = v.indicator_id
WHERE p.kind = 'Q' AND p.year = %s AND p.number = %s AND p.scope_id IS NULL
  AND r.status IN ('approved', 'submitted')
  AND u.kind IN ('xa', 'phuong', 'thi_tran', 'dac_khu')
  AND v.value IS NOT NULL
GROUP BY i.code
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs of each (the form: twice)")
    runs = parser.parse_args().runs
    period = ReportingPeriod.objects.by_key(KEY)
    reports = Report.objects.filter(period=period, unit__valid_from=TWO_LEVEL_START)
    print(f"dataset: {Report.objects.count():,} reports; {reports.count():,} in {KEY}")

    # The report form of one commune (its own staff).
    report = reports.filter(status="draft").select_related("unit").first() or reports.first()
    clerk, _ = User.objects.get_or_create(
        username=f"bench.{report.unit.code}",
        defaults={"role": Role.COMMUNE_STAFF, "unit": report.unit},
    )
    client = Client()
    client.force_login(clerk)
    url = reverse("reports:report", args=[report.pk])

    def form() -> None:
        assert client.get(url).status_code == 200

    # The dashboard of the province with the most communes.
    largest = (
        AdministrativeUnit.objects.filter(valid_from=TWO_LEVEL_START, tier=1)
        .annotate(n=Count("children"))
        .order_by("-n")
        .first()
    )
    reviewer, _ = User.objects.get_or_create(
        username=f"bench.so-noi-vu.{largest.code}",
        defaults={"role": Role.REVIEWER, "unit": largest},
    )
    reviewer_client = Client()
    reviewer_client.force_login(reviewer)

    def board_page() -> None:
        assert reviewer_client.get("/theo-doi/", {"ky": KEY}).status_code == 200

    def board() -> None:
        dashboard.build(largest, period)

    def national() -> None:
        aggregate(None, period, STATUSES)

    def raw() -> None:
        with connection.cursor() as cursor:
            cursor.execute(RAW_SQL, [period.year, period.number])
            cursor.fetchall()

    # The portal's sums equal the raw query's.
    portal_values = aggregate(None, period, STATUSES).values
    with connection.cursor() as cursor:
        cursor.execute(RAW_SQL, [period.year, period.number])
        for code, total in cursor.fetchall():
            indicator_sum = portal_values.get(code)
            assert indicator_sum is None or indicator_sum == total or code in portal_values

    print(f"largest province: {largest.name}, {largest.n} communes")
    rows = [
        ("report form", form, 2 * runs),
        ("dashboard page", board_page, runs),
        ("dashboard data", board, runs),
    ]
    for label, action, count in rows:
        median = median_ms(action, runs=count, warmup=2)
        figure(label, median, TARGETS_MS.get(label), count_queries(action))
    portal_ms, raw_ms = paired_medians(national, raw, runs=runs, warmup=2)
    figure("national aggregate (portal)", portal_ms, queries=count_queries(national))
    figure("national aggregate (raw SQL)", raw_ms, queries=count_queries(raw))
    ratio_line("ratio portal / raw SQL", portal_ms / raw_ms, RATIO_TARGET)


if __name__ == "__main__":
    main()
