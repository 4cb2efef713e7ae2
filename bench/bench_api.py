"""The REST API at national scale, on the dataset of `bench/generate.py` (PostgreSQL):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cchc_national python bench/bench_api.py

Prints, per request (test client through every middleware, DEBUG off): queries and median
time of listing one period's reports page by page (pages of 100 and of 1,000), and of one
province's detail pulls (every report of its communes: the detail, the same with
`If-None-Match` answered 304, and the DHIS2 dataValueSets).
"""

from __future__ import annotations

import statistics
import sys
import time

from _setup import count_queries, setup

setup(load_demo=False)

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from rest_framework.settings import api_settings  # noqa: E402

from api.tokens import create_token  # noqa: E402
from core.models import TWO_LEVEL_START  # noqa: E402
from reports.models import AdministrativeUnit, Report, ReportingPeriod, User  # noqa: E402

KEY = "2026Q4"


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    call_command("migrate", "api", verbosity=0)
    # The bench measures the server, not the rate limits.
    settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {
        "token": "1000000/minute",
        "token_write": "1000000/minute",
    }
    api_settings.reload()
    period = ReportingPeriod.objects.by_key(KEY)
    reports = Report.objects.filter(period=period, unit__valid_from=TWO_LEVEL_START)
    total = reports.count()
    print(f"dataset: {Report.objects.count():,} reports; {total:,} in {KEY}")

    admin, _ = User.objects.get_or_create(
        username="bench.api.admin", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client(HTTP_AUTHORIZATION=f"Token {create_token(admin, 'bench').secret}")
    client.get("/api/v1/me/")  # the token's first use notes it; not part of the figures

    def page(size: int, number: int):
        response = client.get(
            "/api/v1/reports/", {"period": KEY, "page_size": size, "page": number}
        )
        assert response.status_code == 200, response.content[:200]
        return response

    print()
    print(f"Listing {KEY} page by page (superuser token):")
    for size in (100, 1000):
        pages = -(-total // size)
        seen = 0
        times, queries = [], set()
        for number in range(1, pages + 1):
            queries.add(count_queries(lambda n=number, s=size: page(s, n)))
            times.append(timed(lambda n=number, s=size: page(s, n)))
            seen += len(page(size, number).json()["results"])
        assert seen == total, (seen, total)
        print(
            f"  page_size={size:<5} {pages:3} pages: {statistics.median(times):7.1f} ms median, "
            f"max {max(times):7.1f} ms, {sum(times) / 1000:5.1f} s in all; "
            f"queries per page: {sorted(queries)}"
        )

    largest = (
        AdministrativeUnit.objects.filter(valid_from=TWO_LEVEL_START, tier=1)
        .annotate(n=Count("children"))
        .order_by("-n")
        .first()
    )
    system, _ = User.objects.get_or_create(username=f"bench.api.system.{largest.code}")
    token = create_token(system, "bench", service_account=True, scope=largest).secret
    province = Client(HTTP_AUTHORIZATION=f"Token {token}")
    province.get("/api/v1/me/")
    mine = list(
        reports.filter(unit__path__startswith=largest.path)
        .select_related("unit")
        .order_by("unit__code")
    )
    print()
    print(f"Detail pulls of {largest.name} ({len(mine)} reports of {KEY}, service account):")
    measures = {
        "detail": lambda r: province.get(f"/api/v1/reports/{r.pk}/"),
        "detail, If-None-Match → 304": None,
        "dataValueSets": lambda r: province.get(
            f"/api/v1/reports/{r.unit.code}/{KEY}/dataValueSets"
        ),
    }
    etags = {r.pk: province.get(f"/api/v1/reports/{r.pk}/")["ETag"] for r in mine}
    measures["detail, If-None-Match → 304"] = lambda r: province.get(
        f"/api/v1/reports/{r.pk}/", HTTP_IF_NONE_MATCH=etags[r.pk]
    )
    for label, action in measures.items():
        times, queries = [], set()
        for report in mine:
            response = action(report)
            assert response.status_code in (200, 304), response.status_code
            queries.add(count_queries(lambda r=report, a=action: a(r)))
            times.append(timed(lambda r=report, a=action: a(r)))
        print(
            f"  {label:30} {statistics.median(times):7.1f} ms median, "
            f"max {max(times):7.1f} ms, {sum(times) / 1000:5.1f} s in all; "
            f"queries: {sorted(queries)}"
        )


if __name__ == "__main__":
    sys.exit(main())
