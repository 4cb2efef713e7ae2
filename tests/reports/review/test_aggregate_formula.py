"""A percentage the template links to its counts by a formula is recomputed in the aggregate
from the summed counts, not averaged over the communes (issue #13, item 8): on screen, in the
XLSX and in the JSON, marked "tính lại từ số đếm"; a percentage without a formula keeps the
mean / min / max over the units."""

from __future__ import annotations

import html
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from indicators.models import Indicator, IndicatorTemplate
from reports.aggregation import aggregate
from reports.models import AdministrativeUnit, IndicatorValue, Report

ONLINE_RATE = "ROUND([1.1.b] / [1.1.a] * 100, 2)"
E_DOCUMENTS = "[2.2] / [2.1] * 100"

# code, parent, name, unit, type, aggregation, formula, "Trong đó"
ROWS = [
    ("1", None, "Cải cách thủ tục hành chính", "", "heading", "none", "", False),
    ("1.1", "1", "Tỷ lệ hồ sơ tiếp nhận trực tuyến", "%", "percent", "none", ONLINE_RATE, False),
    ("1.1.a", "1.1", "Tổng số hồ sơ đã tiếp nhận", "Hồ sơ", "integer", "sum", "", True),
    ("1.1.b", "1.1", "Số hồ sơ tiếp nhận trực tuyến", "Hồ sơ", "integer", "sum", "", True),
    ("1.2", "1", "Tỷ lệ TTHC có quy trình nội bộ", "%", "percent", "none", "", False),
    ("2", None, "Chính quyền điện tử", "", "heading", "none", "", False),
    ("2.1", "2", "Tổng số văn bản đi", "Văn bản", "integer", "sum", "", False),
    ("2.2", "2", "Số văn bản đi dưới dạng điện tử", "Văn bản", "integer", "sum", "", False),
    ("2.3", "2", "Tỷ lệ văn bản đi điện tử", "%", "percent", "none", E_DOCUMENTS, False),
]
# What each commune typed, the percentages included (as an imported file carries them).
FIGURES = [
    {"1.1.a": 100, "1.1.b": 90, "1.1": 90, "1.2": 80, "2.1": 200, "2.2": 150, "2.3": 75},
    {"1.1.a": 300, "1.1.b": 30, "1.1": 10, "1.2": 100, "2.1": 50, "2.2": 49, "2.3": 98},
]


@pytest.fixture
def linked(seed_report):
    """Two communes of huyện Hoằng Hóa filing on a template whose percentages carry formulas
    (more of them than Hoằng Kim's one report on HH-01b: theirs is the template aggregated)."""
    kim = seed_report("15889/2024Q3")
    template = IndicatorTemplate.objects.create(
        code="TL-CT", version=1, title="Mẫu thử tỷ lệ có công thức", annex_label="Phụ lục thử"
    )
    made: dict[str, Indicator] = {}
    for position, (code, parent, name, unit, kind, method, formula, part) in enumerate(ROWS):
        made[code] = Indicator.objects.create(
            template=template,
            parent=made.get(parent or ""),
            position=position,
            depth=code.count("."),
            code=code,
            printed_code="" if part else code,
            name=name,
            unit=unit,
            value_type=kind,
            aggregation=method,
            formula=formula,
            is_breakdown=part,
        )
    IndicatorTemplate.objects.filter(pk=template.pk).update(
        status="published", published_at=timezone.now()
    )
    for number, figures in enumerate(FIGURES, start=1):
        unit = AdministrativeUnit.objects.create(
            code=f"9910{number}", name=f"Xã Thử Tỷ Lệ {number}", kind="xa", parent=kim.unit.parent
        )
        report = Report.objects.create(
            unit=unit, period=kim.period, template=template, status="approved"
        )
        IndicatorValue.objects.bulk_create(
            IndicatorValue(report=report, indicator=made[code], value=Decimal(value))
            for code, value in figures.items()
        )
    return kim.unit.parent, kim.period


def test_a_percentage_with_a_formula_is_the_formula_over_the_summed_counts(linked):
    district, period = linked
    result = aggregate(district, period)
    assert result.template.code == "TL-CT"
    # (90 + 30) / (100 + 300) = 30 %, not the mean of 90 % and 10 % (50 %).
    assert result.values["1.1"] == Decimal("30.00")
    assert result.recomputed["1.1"] == ONLINE_RATE
    # (150 + 49) / (200 + 50) = 79,6 %, not the mean of 75 % and 98 % (86,5 %).
    assert result.values["2.3"] == Decimal("79.60")
    assert result.recomputed["2.3"] == E_DOCUMENTS
    assert "1.1" not in result.texts and "2.3" not in result.texts
    # Without a formula: the mean, lowest and highest over the communes, as before.
    assert result.values["1.2"] is None
    assert "1.2" not in result.recomputed
    assert result.texts["1.2"] == "Trung bình 90% (thấp nhất 80%, cao nhất 100%; 2 đơn vị)"
    assert result.as_json()["recomputed"] == {"1.1": ONLINE_RATE, "2.3": E_DOCUMENTS}


def test_a_count_left_blank_everywhere_leaves_the_mean(linked):
    district, period = linked
    IndicatorValue.objects.filter(indicator__template__code="TL-CT", indicator__code="2.2").delete()
    result = aggregate(district, period)
    assert result.values["2.3"] is None and "2.3" not in result.recomputed
    assert result.texts["2.3"].startswith("Trung bình 86,5%")


def cell_of(page: str, code: str) -> str:
    found = re.search(rf'<td class="num" data-code="{re.escape(code)}">(.*?)</td>', page, re.S)
    assert found, code
    return html.unescape(re.sub(r"<[^>]+>", " ", found.group(1)))


def test_the_aggregate_page_and_workbook_show_the_recomputed_percentage(client, reviewer, linked):
    client.force_login(reviewer)
    page = client.get(reverse("reports:aggregate"), {"ky": "2024Q3"}).content.decode()
    online = " ".join(cell_of(page, "1.1").split())
    assert online.startswith("30 ")
    assert f"tính lại từ số đếm: {ONLINE_RATE}" in online
    assert cell_of(page, "2.3").strip().startswith("79,6")
    assert "Trung bình 90%" in cell_of(page, "1.2")
    response = client.get(reverse("reports:aggregate"), {"ky": "2024Q3", "dinh_dang": "xlsx"})
    workbook = load_workbook(io.BytesIO(response.content))
    annex = workbook["Phụ lục tổng hợp"]
    rows = {row[1]: row for row in annex.iter_rows(values_only=True) if row[1]}
    online_row = rows["Tỷ lệ hồ sơ tiếp nhận trực tuyến"]
    assert online_row[3] == 30
    assert online_row[4] == f"Tính lại từ số đếm: {ONLINE_RATE}"
    assert rows["Tỷ lệ văn bản đi điện tử"][3] == pytest.approx(79.6)
    assert str(rows["Tỷ lệ TTHC có quy trình nội bộ"][3]).startswith("Trung bình 90%")
    by_unit = workbook["Theo đơn vị"]
    totals = {row[1]: row[-1] for row in by_unit.iter_rows(values_only=True) if row[1]}
    assert totals["Tỷ lệ hồ sơ tiếp nhận trực tuyến"] == 30
    assert totals["Tỷ lệ văn bản đi điện tử"] == pytest.approx(79.6)
