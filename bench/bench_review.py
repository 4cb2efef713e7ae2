"""The reviewer's dashboard and the aggregated XLSX of a province of 600 communes, one quarter.

Run by hand or by `make bench`: `python bench/bench_review.py [--runs 10]` (SQLite dev database;
DATABASE_URL=postgres://… for PostgreSQL). It creates the province "Tỉnh Thử Nghiệm" (code 9900)
with 600 communes and their quarter-I-2026 reports on Hà Tĩnh's 2B template (the largest), once;
later runs reuse them.
Targets: dashboard ≤ 500 ms, aggregated XLSX ≤ 2 s.
"""

from __future__ import annotations

import argparse
import time

from _setup import count_queries, figure, median_ms, setup

setup()

from dataset import generate_reports, make_province  # noqa: E402
from django.test import Client  # noqa: E402

from indicators.models import IndicatorTemplate  # noqa: E402
from reports import dashboard  # noqa: E402
from reports.aggregation import aggregate  # noqa: E402
from reports.exports.aggregate import render_aggregate_xlsx  # noqa: E402
from reports.models import Report, Role, User  # noqa: E402
from reports.seeding import ensure_period  # noqa: E402

COMMUNES = 600
TARGETS_MS = {"dashboard page": 500, "aggregated XLSX": 2000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="at most this many runs of each")
    runs = parser.parse_args().runs
    province, communes = make_province("9900", "Tỉnh Thử Nghiệm", COMMUNES)
    period = ensure_period("2026Q1")
    template = IndicatorTemplate.objects.get(code="HT-2B", version=1)
    if not Report.objects.filter(period=period, unit__parent=province).exists():
        start = time.perf_counter()
        count = generate_reports(communes, period, template)
        print(f"generated {count} values in {time.perf_counter() - start:.1f} s")
    reviewer, _ = User.objects.get_or_create(
        username="bench.reviewer", defaults={"role": Role.REVIEWER, "unit": province}
    )
    client = Client()
    client.force_login(reviewer)
    statuses = ("approved", "submitted")

    def page() -> None:
        assert client.get("/theo-doi/", {"ky": "2026Q1"}).status_code == 200

    def board() -> None:
        dashboard.build(province, period)

    def xlsx() -> None:
        render_aggregate_xlsx(aggregate(province, period, statuses, per_unit=True), statuses)

    print(f"communes: {len(communes)}, reports: {Report.objects.filter(period=period).count()}")

    def data() -> None:
        aggregate(province, period, statuses)

    for label, action, count in [
        ("dashboard page", page, 10),
        ("dashboard build", board, 10),
        ("aggregate (data)", data, 5),
        ("aggregated XLSX", xlsx, 5),
    ]:
        median = median_ms(action, runs=min(count, runs), warmup=1)
        figure(label, median, TARGETS_MS.get(label), count_queries(action))


if __name__ == "__main__":
    main()
