"""A national dataset on PostgreSQL: today's 34 provinces and 3,321 communes (`load_units`),
8 quarters of reports on the largest seed template (Hà Tĩnh's 2B, 143 rows), realistic values.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cchc_national python bench/generate.py

Idempotent: quarters already generated are kept. Takes a few minutes (≈ 3 million values).
``--quarters 2026Q4`` generates only the quarter that `bench_national.py` measures (≈ 340,000
values, under a minute on SQLite): the small national dataset of `make bench`.
"""

from __future__ import annotations

import argparse
import time

from _setup import setup

setup()

from dataset import generate_reports  # noqa: E402
from django.core.management import call_command  # noqa: E402

from core.models import TWO_LEVEL_START  # noqa: E402
from indicators.models import IndicatorTemplate  # noqa: E402
from reports.models import AdministrativeUnit, Report  # noqa: E402
from reports.seeding import ensure_period  # noqa: E402

QUARTERS = ["2025Q3", "2025Q4", "2026Q1", "2026Q2", "2026Q3", "2026Q4", "2027Q1", "2027Q2"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quarters",
        default=",".join(QUARTERS),
        help="comma-separated quarters to generate (default: the 8 of the national dataset)",
    )
    quarters = [key.strip() for key in parser.parse_args().quarters.split(",") if key.strip()]
    call_command("load_units", verbosity=0)
    communes = list(
        AdministrativeUnit.objects.filter(valid_from=TWO_LEVEL_START).communes().order_by("pk")
    )
    template = IndicatorTemplate.objects.get(code="HT-2B", version=1)
    print(
        f"communes: {len(communes)}; template {template.code} ({template.indicators.count()} rows)"
    )
    for key in quarters:
        # The same figures for a quarter whichever quarters are generated with it.
        index = QUARTERS.index(key) if key in QUARTERS else len(QUARTERS) + quarters.index(key)
        period = ensure_period(key)
        if Report.objects.filter(period=period, unit__valid_from=TWO_LEVEL_START).exists():
            print(f"{key}: already there")
            continue
        start = time.perf_counter()
        values = generate_reports(communes, period, template, seed=index)
        print(f"{key}: {values:,} values in {time.perf_counter() - start:.0f} s")
    # Fresh statistics, so the planner knows the tables' sizes.
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


if __name__ == "__main__":
    main()
