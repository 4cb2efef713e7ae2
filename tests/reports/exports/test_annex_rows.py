"""The one builder of the annex rows that both exporters print."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.exports import render_report
from reports.exports.annex_rows import (
    BREAKDOWN_LABEL,
    HeaderCell,
    ValueKind,
    annex_reference,
    build_annex,
    document_number,
    grouped_header,
)
from reports.models import IndicatorValue
from tests.reports.exports.conftest import BINH_THANH, HOANG_KIM, SEED_KEYS, SON_PHU, SON_THUY


def rows_by_code(report, **kwargs):
    return {row.code: row for row in build_annex(report, **kwargs).rows}


@pytest.mark.django_db
def test_rows_follow_the_template_with_the_stt_as_printed(hoang_kim):
    rows = build_annex(hoang_kim).rows
    assert [row.stt for row in rows[:6]] == ["1", "1.1", "1.1.1", "1.1.2", "1.1.3", "1.2"]
    assert len(rows) == hoang_kim.template.indicators.count()
    by_code = {row.code: row for row in rows}
    # Seed 000 prints "2.3." with a trailing dot: the STT stays as printed.
    assert by_code["2.3"].stt == "2.3."
    assert by_code["1.1.1"].name == "Số nhiệm vụ đề ra trong kế hoạch"
    assert by_code["1.1.1"].unit == "Nhiệm vụ"


@pytest.mark.django_db
def test_the_first_breakdown_row_reads_trong_do_and_the_others_stay_blank(hoang_kim):
    rows = rows_by_code(hoang_kim)
    first, second = rows["3.3.1.a"], rows["3.3.1.b"]
    assert (first.stt, first.is_breakdown, first.is_first_breakdown) == (
        BREAKDOWN_LABEL,
        True,
        True,
    )
    assert (second.stt, second.is_breakdown, second.is_first_breakdown) == ("", True, False)
    assert rows["3.3.2.a"].stt == BREAKDOWN_LABEL
    assert not rows["3.3.1"].is_breakdown


@pytest.mark.django_db
def test_numbers_print_the_vietnamese_way_and_stay_numbers(hoang_kim):
    row = rows_by_code(hoang_kim)["7.2.1"]
    assert row.value == Decimal("1590")
    assert (row.value_text, row.kind, row.decimals) == ("1.590", ValueKind.INTEGER, 0)


@pytest.mark.django_db
def test_a_count_loses_the_leading_zero_the_clerk_typed(hoang_kim):
    assert IndicatorValue.objects.get(report=hoang_kim, indicator__code="1.1").printed == "01"
    assert rows_by_code(hoang_kim)["1.1"].value_text == "1"


@pytest.mark.django_db
def test_a_coded_answer_prints_its_bare_code_as_the_seeds_do(hoang_kim, seed_report):
    rows = rows_by_code(hoang_kim)
    assert (rows["7.6"].value_text, rows["7.6"].kind) == ("1", ValueKind.CODE)
    assert rows["1.5"].value_text == "0"
    # Seed 003 reports 3 for a 0–2 coding: printed as reported, for the checks to flag.
    assert rows_by_code(seed_report(BINH_THANH))["7.2"].value_text == "3"


@pytest.mark.django_db
def test_decimals_keep_their_comma_and_their_number_of_digits(seed_report):
    rows = rows_by_code(seed_report(SON_THUY))
    assert (rows["3.2.3"].value_text, rows["3.2.3"].decimals) == ("81,95", 2)
    assert rows["3.2.3"].kind == ValueKind.PERCENT
    son_phu = rows_by_code(seed_report(SON_PHU))["7.1.8.3"]
    assert (son_phu.value_text, son_phu.decimals, son_phu.note) == ("21,1", 1, "(Lũy kế 22,68%)")


@pytest.mark.django_db
def test_figures_written_after_a_number_move_to_the_note(seed_report):
    rows = rows_by_code(seed_report(SON_THUY))
    assert (rows["3.3.2"].value_text, rows["3.3.2"].note) == ("93,88", "(322-343 HS)")
    assert (rows["3.3.3"].value_text, rows["3.3.3"].note) == ("87,5", "(42/48 HS)")
    # "128 TTHC" only repeats the unit: nothing goes to the note.
    assert (rows["3.1.3"].value_text, rows["3.1.3"].note) == ("128", "")


@pytest.mark.django_db
def test_a_note_is_kept_as_written(seed_report):
    row = rows_by_code(seed_report(BINH_THANH))["4.2.2"]
    assert (row.value_text, row.note) == ("18", "(01 kiêm nhiệm, 01 tinh giản)")


@pytest.mark.django_db
def test_top_level_rows_are_sections_and_headings_have_no_value(hoang_kim):
    rows = rows_by_code(hoang_kim)
    assert rows["1"].is_section and rows["7"].is_section
    assert not rows["1.1"].is_section
    assert rows["1.2"].kind == ValueKind.HEADING and rows["1.2"].value_text == ""


@pytest.mark.django_db
def test_an_empty_cell_stays_empty_not_zero(hoang_kim):
    row = rows_by_code(hoang_kim)["1.3.2"]
    assert (row.value, row.value_text) == (None, "")


@pytest.mark.django_db
@pytest.mark.parametrize("key", SEED_KEYS)
def test_the_blank_form_has_every_row_and_no_value(seed_report, key):
    report = seed_report(key)
    annex = build_annex(report, blank=True)
    assert len(annex.rows) == report.template.indicators.count()
    assert all(row.value is None and row.value_text == "" and row.note == "" for row in annex.rows)
    assert all(
        value is None for table in annex.tables for row in table.rows for value in row.values
    )


@pytest.mark.django_db
def test_the_annex_heading_comes_from_the_report_then_the_template(hoang_kim):
    annex = build_annex(hoang_kim)
    assert annex.label == "Phụ lục 01b"
    assert annex.title.startswith("THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH")
    assert annex.title == annex.title.upper()
    assert annex.reference == "(kèm theo báo cáo số /BC-UBND ngày 04/9/2024)"
    assert annex.period_line == "Kỳ báo cáo: quý III năm 2024"
    assert annex.window_line == "Số liệu từ ngày 15/6/2024 đến hết ngày 14/9/2024"


@pytest.mark.django_db
def test_a_reference_line_is_composed_when_the_report_has_none(hoang_kim):
    hoang_kim.annex_reference = ""
    hoang_kim.number = "5"
    hoang_kim.document_date = dt.date(2024, 9, 4)
    assert annex_reference(hoang_kim) == (
        "(Kèm theo Báo cáo số 05/BC-UBND ngày 04/9/2024 của UBND xã Hoằng Kim)"
    )
    assert "số      /BC-UBND" in annex_reference(hoang_kim, blank=True)


def test_a_document_number_below_ten_gets_a_leading_zero():
    assert [document_number(n) for n in ("5", "05", "52", "", "12a")] == [
        "05",
        "05",
        "52",
        "",
        "12a",
    ]


@pytest.mark.django_db
def test_the_table_by_field_keeps_its_rows_and_the_total_as_reported(seed_report):
    (table,) = build_annex(seed_report(BINH_THANH)).tables
    assert table.code == "tthc"
    assert [row.label for row in table.rows] == [
        "Bảo trợ xã hội",
        "Đất đai",
        "Chứng thực",
        "Hộ tịch",
        "Tổng cộng",
    ]
    total = table.rows[-1]
    assert total.is_total
    # Seed 003's rows add up to 507 resolved, its total says 514: printed as reported.
    assert total.values[:4] == (Decimal(521), Decimal(516), Decimal(5), Decimal(0))
    assert total.texts[4] == "514"


@pytest.mark.django_db
def test_the_table_by_field_has_its_printed_grouped_header(seed_report):
    (table,) = build_annex(seed_report(BINH_THANH)).tables
    assert table.header_rows == 3
    cells = {(cell.row, cell.column): cell for cell in table.header}
    assert cells[(0, 0)] == HeaderCell(0, 0, "STT", rowspan=3)
    assert cells[(0, 2)] == HeaderCell(0, 2, "Số hồ sơ nhận giải quyết", colspan=4)
    assert cells[(1, 2)] == HeaderCell(1, 2, "Tổng số", rowspan=2)
    assert cells[(1, 3)] == HeaderCell(1, 3, "Trong đó", colspan=3)
    assert cells[(2, 5)].text == "Số mới tiếp nhận (Trực tiếp hoặc dịch vụ bưu chính)"
    assert cells[(1, 9)] == HeaderCell(1, 9, "Số hồ sơ đang giải quyết", rowspan=2)
    assert cells[(0, 10)].colspan == 4


def test_a_grouped_header_merges_only_adjacent_columns_of_one_group():
    cells, rows = grouped_header([("A", "x"), ("B", "y"), ("A", "z")])
    assert rows == 2
    assert [cell.colspan for cell in cells if cell.row == 0] == [1, 1, 1]
    flat, rows = grouped_header([("Tổng số",), ("Tổng số",)])
    assert rows == 1
    assert flat == [HeaderCell(0, 0, "Tổng số"), HeaderCell(0, 1, "Tổng số")]


@pytest.mark.django_db
def test_the_queries_do_not_grow_with_the_template(seed_report):
    def count(key: str) -> int:
        report = seed_report(key)
        with CaptureQueriesContext(connection) as queries:
            build_annex(report)
        return len(queries)

    # 77 rows (Hoằng Kim) and 143 rows (Sơn Phú): indicators, values, tables.
    assert count(HOANG_KIM) == count(SON_PHU) == 3
    # With a table by field: its columns, rows and cells besides.
    assert count(BINH_THANH) == 6


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_each_export_takes_the_same_few_queries_whatever_the_template(seed_report, fmt):
    def count(key: str) -> int:
        report = seed_report(key)
        with CaptureQueriesContext(connection) as queries:
            render_report(report, fmt)
        return len(queries)

    assert count(HOANG_KIM) == count(SON_PHU) <= 4
