"""Median server time to render and to save the report form of the largest seed template.

Run by hand or by `make bench` (not in CI): `python bench/bench_entry.py [--runs 30]` (SQLite dev
database by default; DATABASE_URL=postgres://… for PostgreSQL). Targets: render ≤ 100 ms, save
≤ 150 ms.
"""

from __future__ import annotations

import argparse
import itertools

from _setup import count_queries, figure, median_ms, setup

setup()

from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from indicators.models import IndicatorTemplate  # noqa: E402
from reports.models import Report, User  # noqa: E402
from reports.seeding import ensure_demo_period  # noqa: E402

TARGETS_MS = {"render": 100, "save": 150}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    # The largest template: Hà Tĩnh's 2B (143 rows), filled by Sơn Phú for a new quarter.
    largest = max(IndicatorTemplate.objects.all(), key=lambda t: t.indicators.count())
    user = User.objects.get(username="sonphu")
    period = ensure_demo_period("2021Q4", timezone.localdate())  # open for entry today
    report, _ = Report.objects.get_or_create(
        unit=user.unit, period=period, template=largest, defaults={"status": "draft"}
    )
    client = Client()
    client.force_login(user)
    page = reverse("reports:report", args=[report.pk])
    row = largest.indicators.get(code="7.2.5.1")
    save_url = reverse("reports:value_save", args=[report.pk, row.pk])
    numbers = itertools.count(1)
    stored = report.values.filter(indicator=row).first()
    last = {"value": stored.printed if stored else ""}

    def render() -> None:
        assert client.get(page).status_code == 200

    def save() -> None:
        typed = f"{next(numbers):,}".replace(",", ".")
        response = client.post(
            save_url, {"value": typed, "base": last["value"]}, HTTP_HX_REQUEST="true"
        )
        assert response.status_code == 200, response.content
        last["value"] = typed

    rows = largest.indicators.count()
    print(f"template: {largest.code} v{largest.version} ({rows} rows)")
    for label, action in (("render", render), ("save", save)):
        median = median_ms(action, runs)
        figure(label, median, TARGETS_MS[label], count_queries(action))


if __name__ == "__main__":
    main()
