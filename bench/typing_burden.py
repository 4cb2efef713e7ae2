"""How much of a new period's annex the official still types, per seed template.

For each seed report, the report of the period after it is started as the "Lập báo cáo" button
starts it, with the seed report as the previous period: value cells of the form (inputs an
official can fill; group rows without a value of their own are not cells), figures carried
from the previous period, cells computed by the template's formulas (the computed rows and
the total rows of the tables by field, filled or not: nobody types them), derived (carry-over,
cumulative, sums of quarters), and what is left to type. Nothing is kept: each start is rolled
back.

    python bench/typing_burden.py [--json]

Goal: ≤ 50 % left to type on every seed template (stretch ≤ 35 %).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter

from _setup import setup

setup()

from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from indicators.table_parts import column_parts  # noqa: E402
from reports.models import Report  # noqa: E402
from reports.report_json import computed_cells, form_cells  # noqa: E402
from reports.seeding import ensure_demo_period  # noqa: E402
from reports.services.start import report_create  # noqa: E402

GOAL, STRETCH = 50.0, 35.0


class _Rollback(Exception):
    pass


def flow_cells(template) -> int:
    """Cells whose figure is new each period: flow rows, and the cells of the tables by field
    that are neither totals nor carried over from the previous period."""
    rows = template.indicators.inputs().filter(kind="flow").count()
    table_cells = 0
    for table in template.tables.prefetch_related("rows", "columns"):
        columns, table_rows = list(table.columns.all()), list(table.rows.all())
        body = [row for row in table_rows if not row.is_total]
        totals = column_parts(columns)
        typed = [c for c in columns if c.code not in totals and "hs_ky_truoc" not in c.tags]
        table_cells += len(body) * len(typed)
    return rows + table_cells


def burden(seed: Report) -> dict:
    """The figures of the period after ``seed``, started and rolled back."""
    result: dict = {}
    try:
        with transaction.atomic():
            key = str(seed.period.period_key.next())
            period = ensure_demo_period(key, timezone.localdate())
            report = report_create(unit=seed.unit, period=period, template=seed.template, user=None)
            origins = Counter(report.values.values_list("origin", flat=True))
            table_origins = Counter(report.cells.values_list("origin", flat=True))
            cells = form_cells(seed.template)
            filled = {name: origins[name] + table_origins[name] for name in ("carried", "derived")}
            # Computed cells are never typed, blank or not (their parts are typed later).
            filled["computed"] = computed_cells(seed.template)
            left = cells - sum(filled.values())
            # The floor: the cells whose figure is new each period (flows, the typed columns of
            # the tables); the rest of "left" are levels the previous report left blank.
            flows = flow_cells(seed.template)
            result = {
                "template": f"{seed.template.code} v{seed.template.version}",
                "previous": seed.key,
                "new": f"{seed.unit.code}/{key}",
                "cells": cells,
                **filled,
                "left": left,
                "left_share": round(100 * left / cells, 1) if cells else 0.0,
                "flows": flows,
                "flows_share": round(100 * flows / cells, 1) if cells else 0.0,
            }
            raise _Rollback
    except _Rollback:
        pass
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    as_json = parser.parse_args().json
    seeds = Report.objects.filter(status="approved", template__isnull=False).select_related(
        "unit", "period", "template"
    )
    rows = [burden(seed) for seed in seeds.order_by("template__code", "template__version")]
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    header = f"{'template':<14}{'previous':<16}{'cells':>6}{'carried':>9}{'computed':>10}"
    header += f"{'derived':>9}{'left':>6}{'left %':>8}{'flows':>7}{'flows %':>9}"
    print(header)
    for row in rows:
        print(
            f"{row['template']:<14}{row['previous']:<16}{row['cells']:>6}{row['carried']:>9}"
            f"{row['computed']:>10}{row['derived']:>9}{row['left']:>6}{row['left_share']:>7.1f}%"
            f"{row['flows']:>7}{row['flows_share']:>8.1f}%"
        )
    worst = max(row["left_share"] for row in rows)
    verdict = "met" if worst <= GOAL else "NOT met"
    print(
        f"worst share left to type: {worst:.1f} % (goal ≤ {GOAL:.0f} %: {verdict}; "
        f"stretch ≤ {STRETCH:.0f} %: {'met' if worst <= STRETCH else 'not met'})"
    )


if __name__ == "__main__":
    main()
