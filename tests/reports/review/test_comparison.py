"""The reviewer sees a report's key figures beside the unit's previous period."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from reports.comparison import compare_with_previous
from reports.models import IndicatorValue
from reports.seeding import ensure_demo_period
from reports.services.start import report_start


def test_key_figures_are_set_beside_the_previous_period(client, clerk, reviewer):
    report = report_start(
        unit=clerk.unit, period=ensure_demo_period("2024Q4", timezone.localdate()), user=clerk
    )
    row = report.template.indicators.get(code="3.3.1")
    IndicatorValue.objects.create(report=report, indicator=row, value=800, printed="800")
    previous, figures = compare_with_previous(report)
    assert previous.period.key == "2024Q3"
    received = figures[0]
    assert (received.label, received.previous, received.current) == (
        "Hồ sơ tiếp nhận",
        Decimal(729),
        Decimal(800),
    )
    assert received.change == 71
    client.force_login(reviewer)
    page = client.get(reverse("reports:report", args=[report.pk])).content.decode()
    assert "So với kỳ trước (quý III năm 2024)" in page
    assert "+71" in page


def test_a_first_report_has_nothing_to_compare(seed_report):
    previous, figures = compare_with_previous(seed_report("18217/2021Q3"))
    assert previous is None
    assert all(f.previous is None for f in figures)
