"""Computed figures live on the server: recomputed in the save's transaction, stored with their
origin, and read as such by report_json, the exports, the aggregate and the API."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from docx import Document
from openpyxl import load_workbook

from reports.aggregation import aggregate
from reports.exports import render_report
from reports.models import IndicatorValue, Report, ReportingPeriod, ReportStatus
from reports.report_json import report_as_dict
from reports.services.entry import ReasonRequired, value_save
from reports.services.start import report_start
from reports.typed_values import parse_typed


@pytest.fixture
def draft(db, clerk) -> Report:
    return report_start(
        unit=clerk.unit, period=ReportingPeriod.objects.by_key("2024Q4"), user=clerk
    )


def type_in(report: Report, user, code: str, typed: str, base: str = "", **extra):
    row = report.template.indicators.get(code=code)
    return value_save(
        report=report, indicator=row, typed=parse_typed(row, typed), base=base, force=False,
        user=user, **extra,
    )  # fmt: skip


def stored(report: Report, code: str) -> IndicatorValue | None:
    return IndicatorValue.objects.filter(report=report, indicator__code=code).first()


def fill_received(draft, clerk):
    for code, typed in [("3.3.1.a", "300"), ("3.3.1.b", "40"), ("3.3.1.c", "3")]:
        type_in(draft, clerk, code, typed)


def test_saving_a_part_recomputes_the_total_on_the_server(draft, clerk):
    result = type_in(draft, clerk, "3.3.1.a", "300")
    # The total of the parts, and the group row 3.3 that repeats it (as the template prints).
    assert result.recomputed == ("3.3.1", "3.3")
    assert (stored(draft, "3.3.1").value, stored(draft, "3.3.1").origin) == (300, "computed")
    type_in(draft, clerk, "3.3.1.b", "43")
    total = stored(draft, "3.3.1")
    assert (total.value, total.printed, total.prefilled) == (343, "343", False)
    type_in(draft, clerk, "3.3.1.b", "", base="43")
    assert stored(draft, "3.3.1").value == 300
    # The history says who changed the total, as for a typed figure.
    assert total.history.first().history_user == clerk


def test_a_computed_row_reading_carried_parts_is_computed_at_the_start(db):
    from django.utils import timezone

    from reports.models import User
    from reports.seeding import ensure_demo_period

    # Định Hóa's 3.2.3 (share of online procedures integrated) = 3.2.3.b / 3.2.3.a, both
    # levels carried from Bình Thành's quarter I.
    user = User.objects.get(username="binhthanh")
    period = ensure_demo_period("2024Q2", timezone.localdate())
    report = report_start(unit=user.unit, period=period, user=user)
    part, base = stored(report, "3.2.3.b").value, stored(report, "3.2.3.a").value
    assert stored(report, "3.2.3").value == round(part / base * 100, 2)
    assert (stored(report, "3.2.3").origin, stored(report, "3.2.3").prefilled) == (
        "computed",
        False,
    )


def test_typing_over_a_computed_figure_needs_a_reason_which_is_kept(draft, clerk):
    fill_received(draft, clerk)
    with pytest.raises(ReasonRequired) as refused:
        type_in(draft, clerk, "3.3.1", "350", base="343")
    assert "3.3.1" in refused.value.message and "lý do" in refused.value.message
    assert stored(draft, "3.3.1").value == 343
    reason = "Số chính thức theo phần mềm một cửa: 7 hồ sơ qua dịch vụ công quốc gia."
    type_in(draft, clerk, "3.3.1", "350", base="343", override_reason=reason)
    total = stored(draft, "3.3.1")
    assert (total.value, total.origin, total.override_reason) == (350, "typed", reason)
    # A part saved later does not overwrite the commune's own figure.
    type_in(draft, clerk, "3.3.1.d", "1")
    assert stored(draft, "3.3.1").value == 350
    # A blank gives the row back to its formula.
    type_in(draft, clerk, "3.3.1", "", base="350")
    assert (stored(draft, "3.3.1").value, stored(draft, "3.3.1").origin) == (344, "computed")


def test_report_json_marks_computed_and_carried_figures_and_counts_the_cells(draft, clerk):
    fill_received(draft, clerk)
    data = report_as_dict(draft)
    assert data["values"]["3.3.1"] == "343"
    assert data["origins"]["3.3.1"] == "computed"
    assert data["origins"]["3.3.1.a"] == "typed"
    assert data["origins"]["3.1.3"] == "carried"
    assert set(data["origins"]) == set(data["values"])
    inputs = draft.template.indicators.exclude(value_type="heading").count()
    assert data["cells"] == inputs


def test_the_exports_carry_the_computed_figure(draft, clerk):
    fill_received(draft, clerk)
    sheet = load_workbook(io.BytesIO(render_report(draft, "xlsx"))).active
    found = [row for row in sheet.iter_rows(values_only=True) if "3.3.1" in [str(c) for c in row]]
    assert found and 343 in found[0]
    document = Document(io.BytesIO(render_report(draft, "docx")))
    cells = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert any("3.3.1" in row and "343" in row for row in cells)


def test_the_aggregate_sums_computed_figures_like_typed_ones(draft, clerk):
    fill_received(draft, clerk)
    Report.objects.filter(pk=draft.pk).update(status=ReportStatus.APPROVED)
    result = aggregate(draft.unit.parent, draft.period)
    assert result.values["3.3.1"] == Decimal(343)
