"""What a new report starts with, and where each figure says it comes from."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from core.models import AdministrativeUnit
from indicators.models import IndicatorTemplate
from indicators.template_io import template_from_dict
from reports.models import IndicatorValue, Report, ReportingPeriod, ReportStatus
from reports.seeding import ensure_demo_period, ensure_period
from reports.services.entry import value_save
from reports.services.start import report_create, report_start
from reports.typed_values import parse_typed


def open_period(key: str) -> ReportingPeriod:
    """A period still open for entry today (its due date ahead)."""
    return ensure_demo_period(key, timezone.localdate())


def figures(report: Report) -> dict[str, IndicatorValue]:
    return {v.indicator.code: v for v in report.values.select_related("indicator")}


def filed(unit, key: str, template: IndicatorTemplate, values: dict[str, str]) -> Report:
    """A report of ``unit`` for ``key`` as approved, with these figures typed."""
    report = Report.objects.create(
        unit=unit, period=ensure_period(key), template=template, status=ReportStatus.APPROVED
    )
    rows = {row.code: row for row in template.indicators.all()}
    IndicatorValue.objects.bulk_create(
        IndicatorValue(report=report, indicator=rows[code], value=Decimal(v), printed=v)
        for code, v in values.items()
    )
    return report


@pytest.fixture
def small_template(db) -> IndicatorTemplate:
    """A flow, its cumulative row, a stock and a yes/no answer."""
    return template_from_dict(
        {
            "code": "THU",
            "version": 1,
            "title": "Mẫu thử",
            "status": "published",
            "rows": [
                {"code": "1", "name": "Số văn bản ban hành trong kỳ", "value_type": "integer"},
                {"code": "2", "name": "Số văn bản ban hành từ đầu năm", "value_type": "integer",
                 "derivation": "cumulative", "derive_from": "1"},
                {"code": "3", "name": "Tổng số biên chế có mặt", "value_type": "integer"},
                {"code": "4", "name": "Có quy chế chi tiêu nội bộ", "value_type": "yesno",
                 "choices": [{"value": 0, "label": "Không"}, {"value": 1, "label": "Có"}]},
            ],
        }
    )  # fmt: skip


def test_carried_figures_name_the_report_they_come_from(clerk):
    report = report_start(
        unit=clerk.unit, period=ReportingPeriod.objects.by_key("2024Q4"), user=clerk
    )
    carried = figures(report)["3.1.3"]
    assert (carried.value, carried.origin, carried.prefilled) == (217, "carried", True)
    assert carried.source == "Từ báo cáo quý III/2024"
    # Flows are not carried: the official types what happened this quarter.
    assert "3.3.1.a" not in figures(report) and "2.1" not in figures(report)


def test_cumulative_rows_add_this_period_to_last_period_s_cumulative(clerk, small_template):
    filed(clerk.unit, "2025Q1", small_template, {"1": "5", "2": "5", "3": "20"})
    report = report_create(
        unit=clerk.unit, period=open_period("2025Q2"), template=small_template, user=clerk
    )
    assert "2" not in figures(report)  # nothing this quarter yet: nothing to add
    row = small_template.indicators.get(code="1")
    value_save(
        report=report, indicator=row, typed=parse_typed(row, "3"), base="", force=False,
        user=clerk,
    )  # fmt: skip
    cumulative = figures(report)["2"]
    assert (cumulative.value, cumulative.origin, cumulative.prefilled) == (8, "derived", True)
    # A year's first quarter starts the count again.
    first = report_create(
        unit=clerk.unit, period=open_period("2026Q1"), template=small_template, user=clerk
    )
    value_save(
        report=first, indicator=row, typed=parse_typed(row, "4"), base="", force=False,
        user=clerk,
    )  # fmt: skip
    assert figures(first)["2"].value == 4


def test_a_half_year_starts_from_the_sum_of_its_quarters(clerk, small_template):
    filed(clerk.unit, "2025Q1", small_template, {"1": "5", "3": "20", "4": "1"})
    filed(clerk.unit, "2025Q2", small_template, {"1": "7", "3": "22", "4": "1"})
    report = report_create(
        unit=clerk.unit, period=ensure_period("2025H1"), template=small_template, user=clerk
    )
    found = figures(report)
    assert (found["1"].value, found["1"].origin) == (12, "derived")
    assert found["1"].source == "Cộng quý I, II/2025 (các quý đã báo cáo)"
    # A stock is the level at the period's end: the second quarter's.
    assert (found["3"].value, found["3"].origin) == (22, "carried")
    assert found["3"].source == "Từ báo cáo quý II/2025"


def test_table_by_field_carry_over_is_last_quarter_s_pending_and_its_total_is_computed(db):
    from reports.models import User

    user = User.objects.get(username="binhthanh")
    report = report_start(unit=user.unit, period=open_period("2024Q2"), user=user)
    carried = report.cells.filter(column__code="carried_over", row__is_total=False)
    assert carried.exists()
    assert {cell.origin for cell in carried} == {"derived"}
    assert {cell.source for cell in carried} == {"Tồn cuối kỳ trước, báo cáo quý I/2024"}
    total = report.cells.get(column__code="carried_over", row__is_total=True)
    parts = sum(c.value for c in carried)
    assert (total.value, total.origin) == (parts, "computed")


def test_a_merged_commune_starts_from_its_predecessors_last_reports(db, clerk):
    kim = clerk.unit  # Hoằng Kim filed quarter III 2024 (3.1.3 = 217, 4.1 = 10, 6.1 = Có)
    quy = AdministrativeUnit.objects.get(code="15886", valid_from__isnull=True)
    template = figures_template(clerk)
    filed(quy, "2024Q3", template, {"3.1.3": "200", "4.1": "8", "6.1": "0", "7.5.1": "100"})
    merged = AdministrativeUnit.objects.create(
        code="99977", name="Xã Hợp Nhất", kind="xa", parent=kim.parent
    )
    merged.predecessors.set([kim, quy])
    report = report_create(
        unit=merged, period=ensure_period("2024Q4"), template=template, user=clerk
    )
    found = figures(report)
    assert found["3.1.3"].value == 217 + 200  # summed, as the template says for counts
    assert found["4.1"].value == 10 + 8
    assert found["6.1"].value == 0  # "Có" only if every predecessor said "Có"
    assert found["3.1.3"].origin == "carried" and found["3.1.3"].prefilled
    assert found["3.1.3"].source == (
        "Từ báo cáo của đơn vị cũ: Xã Hoằng Kim (quý III/2024), Xã Hoằng Quỳ (quý III/2024)"
    )


def test_a_report_older_than_a_year_is_offered_never_used_silently(db, clerk):
    from reports.prefill import old_report_offer

    report = report_create(
        unit=clerk.unit, period=ensure_period("2026Q1"), template=figures_template(clerk),
        user=clerk,
    )  # fmt: skip
    assert not report.values.exclude(origin="computed").exists()
    assert old_report_offer(report).period.key == "2024Q3"


def figures_template(clerk) -> IndicatorTemplate:
    return Report.objects.filter(unit=clerk.unit).get().template
