"""The reviewer's annex: sums for counts, ratios recomputed from summed counts, yes counted,
coded answers as a distribution, tables cell by cell — in a constant number of queries."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from indicators.models import Aggregation
from reports.aggregation import NothingToAggregate, aggregate
from reports.models import (
    AdministrativeUnit,
    IndicatorValue,
    Report,
    ReportingPeriod,
    TableCellValue,
)


def twin(report: Report, code: str, name: str, factor: Decimal = Decimal(2)) -> Report:
    """A second commune of the same district, with every figure of ``report`` × ``factor``
    (coded answers and ratios kept as they are)."""
    unit = AdministrativeUnit.objects.create(
        code=code, name=name, kind="xa", parent=report.unit.parent
    )
    copy = Report.objects.create(
        unit=unit, period=report.period, template=report.template, status="approved"
    )
    values = []
    for value in report.values.select_related("indicator"):
        scaled = value.value
        if scaled is not None and value.indicator.aggregation == Aggregation.SUM:
            scaled = scaled * factor
        values.append(
            IndicatorValue(report=copy, indicator=value.indicator, value=scaled, text=value.text)
        )
    IndicatorValue.objects.bulk_create(values)
    TableCellValue.objects.bulk_create(
        TableCellValue(report=copy, row=c.row, column=c.column, value=c.value * factor)
        for c in report.cells.all()
    )
    return copy


@pytest.fixture
def hoang_hoa(seed_report):
    kim = seed_report("15889/2024Q3")
    other = twin(kim, "99001", "Xã Thử Nghiệm")
    return kim, other


def test_every_summed_value_is_the_sum_of_the_communes(hoang_hoa):
    kim, other = hoang_hoa
    result = aggregate(kim.unit.parent, kim.period)
    assert {u.code for u in result.units} == {"15889", "99001"}
    summed = 0
    for indicator in result.indicators:
        if indicator.aggregation != Aggregation.SUM:
            continue
        parts = [
            r.values.filter(indicator=indicator).values_list("value", flat=True).first()
            for r in (kim, other)
        ]
        present = [p for p in parts if p is not None]
        expected = sum(present) if present else None
        assert result.values[indicator.code] == expected, indicator.code
        summed += 1
    assert summed > 40
    assert result.values["3.3.1"] == 729 * 3  # 729 + 1458


def test_yes_answers_are_counted_and_coded_answers_distributed(hoang_hoa):
    kim, _ = hoang_hoa
    result = aggregate(kim.unit.parent, kim.period)
    # 7.1 "Có = 1": both communes answered 1.
    assert result.values["7.1"] == 2
    # 1.5 "Không = 0 Có = 1": both answered 0, so no "Có".
    assert result.values["1.5"] == 0


def test_ratios_are_recomputed_from_the_summed_counts_never_averaged(seed_report):
    binh_thanh = seed_report("5605/2024Q1")
    other = twin(binh_thanh, "99002", "Xã Thử Hai")
    # The second commune did 9 of 30 planned tasks (30 %); Bình Thành 2 of 9 (22,2 %).
    IndicatorValue.objects.filter(report=other, indicator__code="1.1.a").update(value=30)
    IndicatorValue.objects.filter(report=other, indicator__code="1.1.b").update(value=9)
    result = aggregate(binh_thanh.unit.parent, binh_thanh.period)
    # (2 + 9) / (9 + 30) = 28,21 %, not the average of the ratios (22,22 + 30) / 2 = 26,11 %.
    assert result.values["1.1"] == Decimal("28.21")
    # 3.2.3 is 42 (%) in both reports, with counts 42 of 42 and 84 of 84: recomputed, 100 %.
    assert result.values["3.2.3"] == Decimal("100.00")


def test_coded_answers_become_a_distribution(seed_report):
    binh_thanh = seed_report("5605/2024Q1")
    other = twin(binh_thanh, "99003", "Xã Thử Ba")
    IndicatorValue.objects.filter(report=other, indicator__code="7.3").update(value=1)
    result = aggregate(binh_thanh.unit.parent, binh_thanh.period)
    assert result.distributions["7.3"] == {2: 1, 1: 1}
    assert result.values["7.3"] is None


def test_tables_by_field_are_summed_cell_by_cell(seed_report):
    binh_thanh = seed_report("5605/2024Q1")
    twin(binh_thanh, "99004", "Xã Thử Bốn")
    result = aggregate(binh_thanh.unit.parent, binh_thanh.period)
    assert result.tables["tthc"]["ho-tich"]["received"] == 88 * 3
    assert result.tables["tthc"]["tong-cong"]["resolved"] == 514 * 3


def test_only_approved_reports_unless_asked(hoang_hoa):
    kim, other = hoang_hoa
    Report.objects.filter(pk=other.pk).update(status="submitted")
    assert [u.code for u in aggregate(kim.unit.parent, kim.period).units] == ["15889"]
    both = aggregate(kim.unit.parent, kim.period, ("approved", "submitted"))
    assert len(both.units) == 2


def test_nothing_to_aggregate_is_said_in_vietnamese(db):
    unit = AdministrativeUnit.objects.get(code="399", valid_from__isnull=True)
    with pytest.raises(NothingToAggregate, match="Chưa có báo cáo nào"):
        aggregate(unit, ReportingPeriod.objects.by_key("2024Q4"))


def test_the_aggregate_costs_the_same_queries_for_two_or_ten_communes(
    seed_report, django_assert_max_num_queries
):
    kim = seed_report("15889/2024Q3")
    for number in range(9):
        twin(kim, f"9900{number + 5}", f"Xã Thử {number}")
    with django_assert_max_num_queries(6):
        result = aggregate(kim.unit.parent, kim.period)
    assert len(result.units) == 10


def test_the_command_prints_the_json_contract(hoang_hoa):
    out = StringIO()
    call_command("aggregate_report", "--unit", "399", "--period", "2024Q3", stdout=out)
    data = json.loads(out.getvalue())
    assert {"unit", "period", "units", "values"} <= set(data)
    assert (data["unit"], data["period"]) == ("399", "2024Q3")
    assert sorted(data["units"]) == ["15889", "99001"]
    assert data["values"]["3.3.1"] == "2187"


def test_the_command_writes_an_xlsx_with_a_column_per_unit_and_the_annex(hoang_hoa, tmp_path):
    target = tmp_path / "tong-hop.xlsx"
    call_command(
        "aggregate_report", "--unit", "399", "--period", "2024Q3", "--format", "xlsx",
        "-o", str(target), stdout=StringIO(),
    )  # fmt: skip
    workbook = load_workbook(target)
    assert workbook.sheetnames == ["Theo đơn vị", "Phụ lục tổng hợp"]
    by_unit = workbook["Theo đơn vị"]
    header = next(r for r in by_unit.iter_rows(values_only=True) if r[0] == "STT")
    assert header[3:] == ("Xã Hoằng Kim", "Xã Thử Nghiệm", "Tổng hợp")
    row = next(r for r in by_unit.iter_rows(values_only=True) if r[0] == "3.3.1")
    assert row[3:] == (729, 1458, 2187)
    annex = [c for r in workbook["Phụ lục tổng hợp"].iter_rows(values_only=True) for c in r]
    assert 2187 in annex


def test_a_unit_name_that_looks_like_a_formula_stays_text_in_the_workbook(hoang_hoa, tmp_path):
    _kim, other = hoang_hoa
    AdministrativeUnit.objects.filter(pk=other.unit_id).update(name='=HYPERLINK("http://x","Xã")')
    target = tmp_path / "tong-hop.xlsx"
    call_command(
        "aggregate_report", "--unit", "399", "--period", "2024Q3", "--format", "xlsx",
        "-o", str(target), stdout=StringIO(),
    )  # fmt: skip
    sheet = load_workbook(target)["Theo đơn vị"]
    cell = next(c for r in sheet.iter_rows() for c in r if c.value == '=HYPERLINK("http://x","Xã")')
    assert (cell.data_type, cell.quotePrefix) == ("s", True)


def test_the_command_refuses_an_unknown_status_or_unit(db):
    with pytest.raises(CommandError, match="Trạng thái không hợp lệ"):
        call_command("aggregate_report", "--unit", "399", "--period", "2024Q3", "--status", "x")
    with pytest.raises(CommandError, match="Không có đơn vị"):
        call_command("aggregate_report", "--unit", "777777", "--period", "2024Q3")


def test_the_reviewer_page_shows_and_downloads_the_aggregate(client, reviewer, hoang_hoa):
    client.force_login(reviewer)
    page = client.get(reverse("reports:aggregate"), {"ky": "2024Q3"}).content.decode()
    assert 'data-code="3.3.1">2.187' in page
    response = client.get(reverse("reports:aggregate"), {"ky": "2024Q3", "dinh_dang": "xlsx"})
    workbook = load_workbook(io.BytesIO(response.content))
    assert "Theo đơn vị" in workbook.sheetnames


def test_commune_staff_cannot_aggregate(client, clerk):
    client.force_login(clerk)
    assert client.get(reverse("reports:aggregate")).status_code == 403
