"""Server time of each request of the deadline rush (the Locust scenario), one by one: median
time and queries through the whole middleware stack, logins included.

    python bench/bench_rush.py                      # SQLite dev database
    DATABASE_URL=postgres://… python bench/bench_rush.py
    python bench/bench_rush.py --profile autosave   # cProfile of one request kind, top 25
    python bench/bench_rush.py --runs 10            # quicker (make bench, on its national dataset)

It needs today's communes (`manage.py load_units`, which `bench/generate.py` runs).

It shows where the CPU of the rush goes before Locust measures the whole (bench/load_test.sh).
"""

from __future__ import annotations

import argparse
import cProfile
import itertools
import pstats

from _setup import count_queries, figure, median_ms, setup

setup()

from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from core.models import TWO_LEVEL_START  # noqa: E402
from indicators.models import IndicatorTemplate, TemplateAssignment  # noqa: E402
from reports.models import AdministrativeUnit, Report, Role, User  # noqa: E402
from reports.seeding import ensure_period  # noqa: E402
from reports.services.start import report_start  # noqa: E402

PASSWORD = "tai-thu-2026-Cchc"
QUARTER = "2027Q3"
# The targets of the report form (bench_entry); the rush as a whole: p95 ≤ 500 ms (Locust).
TARGETS_MS = {"form": 100, "autosave": 150}


def official() -> tuple[User, Report]:
    """A commune official with a fresh draft of the open quarter on the largest template."""
    template = IndicatorTemplate.objects.get(code="HT-2B", version=1)  # the largest, 143 rows
    communes = AdministrativeUnit.objects.filter(valid_from=TWO_LEVEL_START).communes()
    unit = communes.order_by("pk").first()
    TemplateAssignment.objects.get_or_create(template=template, unit_id=unit.parent_id)
    user, _ = User.objects.get_or_create(
        username="bench.rush", defaults={"role": Role.COMMUNE_STAFF, "unit": unit}
    )
    user.unit, user.role = unit, Role.COMMUNE_STAFF
    user.set_password(PASSWORD)
    user.save()
    period = ensure_period(QUARTER)
    Report.objects.filter(unit=unit, period=period).delete()
    return user, report_start(unit=unit, period=period, user=user)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profile", help="profile one request kind instead of timing them all")
    parser.add_argument("--runs", type=int, default=30, help="runs of each kind (logins: 5)")
    args = parser.parse_args()

    user, report = official()
    template = report.template
    field = template.indicators.filter(value_type="integer").order_by("position").last()
    client = Client()
    client.force_login(user)
    htmx = {"HTTP_HX_REQUEST": "true"}
    numbers = itertools.count(1)
    stored = report.values.filter(indicator=field).values_list("printed", flat=True).first()
    last = {"base": stored or ""}

    # One client for the visitor who is not logged in yet: its cookies are dropped before each
    # request (a new Client each time would also time Django's middleware loading).
    anonymous = Client()

    def login_page() -> None:
        anonymous.cookies.clear()
        assert anonymous.get(reverse("login")).status_code == 200

    def login() -> None:
        anonymous.cookies.clear()
        response = anonymous.post(
            reverse("login"), {"username": user.username, "password": PASSWORD}
        )
        assert response.status_code == 302, response.status_code

    def form() -> None:
        assert client.get(reverse("reports:report", args=[report.pk])).status_code == 200

    def autosave() -> None:
        typed = str(next(numbers))
        response = client.post(
            reverse("reports:value_save", args=[report.pk, field.pk]),
            {"value": typed, "base": last["base"]},
            **htmx,
        )
        assert response.status_code == 200, response.content
        last["base"] = typed

    def findings() -> None:
        url = reverse("reports:report_findings", args=[report.pk])
        assert client.get(url, **htmx).status_code == 200

    def check_panel() -> None:
        url = reverse("reports:report_check", args=[report.pk])
        assert client.get(url, **htmx).status_code == 200

    def confirm() -> None:
        url = reverse("reports:prefill_confirm", args=[report.pk])
        assert client.post(url).status_code == 302

    kinds = {
        "login_page": login_page,
        "login": login,
        "form": form,
        "autosave": autosave,
        "findings": findings,
        "check_panel": check_panel,
        "confirm": confirm,
    }
    print(f"template: {template.code} v{template.version} ({template.indicators.count()} rows)")
    if args.profile:
        action = kinds[args.profile]
        action()
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(20):
            action()
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        return
    for name, action in kinds.items():
        runs = min(5, args.runs) if name == "login" else args.runs
        ms = median_ms(action, runs=runs, warmup=1)
        figure(name, ms, TARGETS_MS.get(name), count_queries(action))


if __name__ == "__main__":
    main()
