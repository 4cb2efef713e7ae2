"""Migration reports 0008: a figure stored beyond the bound (before it existed) becomes a
refused input, its text kept, and every page of its report reads again."""

from __future__ import annotations

import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from reports.models import IndicatorValue, TableCellValue
from reports.seeding import ensure_demo_period
from reports.services.start import report_start
from tests.readers import read_everywhere

migration = importlib.import_module("reports.migrations.0008_figures_within_bound")

# 16 digits: PostgreSQL's numeric(22, 6) holds it; SQLite reads it back as 1e16 and fails.
BEYOND = Decimal("9999999999999999")


def store_as_before(model, **fields) -> None:
    """What a save did before the bound: the figure written as it came."""
    row = model(**fields)
    row.save()


@pytest.fixture
def broken(db, clerk):
    report = report_start(
        unit=clerk.unit, period=ensure_demo_period("2024Q4", timezone.localdate()), user=clerk
    )
    row = report.template.indicators.get(code="3.3.3")
    store_as_before(
        IndicatorValue, report=report, indicator=row, value=BEYOND, printed="9999999999999999"
    )
    ratio = report.template.indicators.get(code="3.2.4")
    IndicatorValue.objects.filter(report=report, indicator=ratio).delete()  # carried over
    # 16 digits in all: exact on PostgreSQL, stored changed on SQLite (its text says it all).
    store_as_before(
        IndicatorValue,
        report=report,
        indicator=ratio,
        value=Decimal("1234567890.123456"),
        printed="1.234.567.890,123456",
    )
    kept = report.template.indicators.get(code="3.1.3")
    IndicatorValue.objects.update_or_create(
        report=report, indicator=kept, defaults={"value": Decimal("217"), "printed": "217"}
    )
    return report


def test_a_figure_beyond_the_bound_becomes_a_refused_input_with_its_text(
    client, clerk, reviewer, broken
):
    migration.refuse_figures_beyond_the_bound(apps, connection.schema_editor())
    values = {v.indicator.code: v for v in broken.values.select_related("indicator")}
    assert (values["3.3.3"].value, values["3.3.3"].printed) == (None, "9999999999999999")
    assert (values["3.2.4"].value, values["3.2.4"].printed) == (None, "1.234.567.890,123456")
    assert values["3.1.3"].value == 217
    assert not IndicatorValue.history.filter(report_id=broken.pk, value__gte=10**15).exists()
    client.force_login(clerk)
    page = client.get(reverse("reports:report", args=[broken.pk])).content.decode()
    assert 'value="9999999999999999"' in page
    assert "Số quá lớn" in page
    assert "Số quá dài" in page and "Dùng 1.234.567.890,12346" in page
    read_everywhere(client, broken, clerk, reviewer)


def test_table_cells_and_their_history_are_repaired_too(client, django_user_model):
    user = django_user_model.objects.get(username="binhthanh")
    reviewer = django_user_model.objects.get(username="noivu.dinhhoa")
    report = report_start(
        unit=user.unit, period=ensure_demo_period("2024Q2", timezone.localdate()), user=user
    )
    table = report.template.tables.get()
    row, column = table.rows.first(), table.columns.get(code="received_online")
    store_as_before(TableCellValue, report=report, row=row, column=column, value=BEYOND)
    migration.refuse_figures_beyond_the_bound(apps, connection.schema_editor())
    cell = TableCellValue.objects.get(report=report, row=row, column=column)
    assert (cell.value, cell.printed) == (None, "9.999.999.999.999.999")
    assert [h.value for h in cell.history.all()] == [None]
    read_everywhere(client, report, user, reviewer)
