"""Checks across periods of the same unit: carried over = previous pending, cumulative figures
never decrease within a year, a 6-month report's flows are its quarters'."""

from __future__ import annotations

from decimal import Decimal

import pytest

from indicators.validation.findings import WARNING
from reports.check_loading import check_report
from reports.models import IndicatorValue, Report, TableCellValue
from reports.seeding import ensure_period, historical_unit
from tests.indicators.validation.helpers import of_check

BINH_THANH = "5605"


def make_report(template, key: str, values=None, totals=None) -> Report:
    """A report of xã Bình Thành with some annex values and table total-row cells."""
    report = Report.objects.create(
        unit=historical_unit(BINH_THANH), period=ensure_period(key), template=template
    )
    indicators = {i.code: i for i in template.indicators.all()}
    IndicatorValue.objects.bulk_create(
        IndicatorValue(report=report, indicator=indicators[code], value=Decimal(value))
        for code, value in (values or {}).items()
    )
    table = template.tables.get(code="tthc")
    total = table.rows.get(is_total=True)
    columns = {c.code: c for c in table.columns.all()}
    TableCellValue.objects.bulk_create(
        TableCellValue(report=report, row=total, column=columns[code], value=Decimal(value))
        for code, value in (totals or {}).items()
    )
    return report


@pytest.fixture
def quarter_one(seed_report) -> Report:
    """Seed 003: quý I/2024, 7 applications pending at 14/3/2024, resolved 514."""
    return seed_report("5605/2024Q1")


def test_carried_over_must_be_what_was_pending_at_the_end_of_the_previous_period(quarter_one):
    quarter_two = make_report(quarter_one.template, "2024Q2", totals={"carried_over": 3})
    (carried,) = of_check(check_report(quarter_two), "history.carried_over")
    assert carried.severity == WARNING
    assert carried.codes == ("tthc:tong-cong:carried_over",)
    assert carried.values == ("3", "7")
    assert "báo cáo quý I năm 2024 còn 7 hồ sơ đang giải quyết" in carried.message


def test_carried_over_equal_to_the_previous_pending_stays_silent(quarter_one):
    quarter_two = make_report(quarter_one.template, "2024Q2", totals={"carried_over": 7})
    assert of_check(check_report(quarter_two), "history.carried_over") == []


def test_a_first_report_has_nothing_to_carry_over_from(quarter_one):
    assert of_check(check_report(quarter_one), "history.carried_over") == []


def test_a_cumulative_figure_must_not_decrease_within_the_year(quarter_one):
    template = quarter_one.template
    make_report(template, "2024Q2", values={"1.2.2": "50"})
    quarter_three = make_report(template, "2024Q3", values={"1.2.2": "40"})
    (cumulative,) = of_check(check_report(quarter_three), "history.cumulative")
    assert cumulative.codes == ("1.2.2",)
    assert "giảm từ 50 (quý II năm 2024) xuống 40" in cumulative.message


def test_a_cumulative_figure_may_start_again_in_a_new_year(quarter_one):
    template = quarter_one.template
    make_report(template, "2024Q4", values={"1.2.2": "100"})
    next_year = make_report(template, "2025Q1", values={"1.2.2": "10"})
    assert of_check(check_report(next_year), "history.cumulative") == []


def test_a_six_month_report_adds_up_its_two_quarters(quarter_one):
    template = quarter_one.template
    make_report(template, "2024Q2", totals={"resolved": 300, "resolved_early": 200})
    half = make_report(template, "2024H1", totals={"resolved": 800, "resolved_early": 599})
    sums = of_check(check_report(half), "history.period_sum")
    # resolved 514 + 300 = 814 ≠ 800; early 399 + 200 = 599 holds.
    assert [(f.codes, f.values) for f in sums] == [
        (("tthc:tong-cong:resolved",), ("800", "514", "300"))
    ]
    assert "quý I năm 2024 + quý II năm 2024 cộng lại 514 + 300 = 814" in sums[0].message


def test_a_six_month_report_without_all_its_quarters_is_not_compared(quarter_one):
    half = make_report(quarter_one.template, "2024H1", totals={"resolved": 800})
    assert of_check(check_report(half), "history.period_sum") == []
