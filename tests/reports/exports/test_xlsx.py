"""The XLSX annex, re-opened with two independent readers: openpyxl and python-calamine."""

from __future__ import annotations

import io
import zipfile

import pytest

from indicators.models import Indicator
from reports.exports import render_report
from reports.exports.xlsx import (
    ANNEX_SHEET,
    CODE_HEADER,
    COMPUTED_TOTAL_LABEL,
    DIFFERENCE_LABEL,
    FIELD_SHEET,
)
from reports.models import IndicatorValue, ReportStatus
from tests.reports.exports.conftest import (
    BINH_THANH,
    SEED_KEYS,
    SON_PHU,
    SON_THUY,
    open_calamine,
    open_xlsx,
)

CRAFTED = {
    "1.1.1": '=HYPERLINK("http://example.invalid/x","Bấm vào đây")',
    "1.1.2": "+84 912 345 678",
    "1.1.3": "-5 so với kỳ trước",
    "1.2.1": "@SUM(A1:A9)",
}


def header_row(sheet) -> int:
    """The first of the two header rows: the row whose first cell reads "STT"."""
    return next(row[0].row for row in sheet.iter_rows(max_col=1) if row[0].value == "STT")


def rows_by_code(sheet) -> dict[str, int]:
    top = header_row(sheet)
    assert sheet.cell(row=top, column=6).value == CODE_HEADER
    return {sheet.cell(row=row, column=6).value: row for row in range(top + 2, sheet.max_row + 1)}


@pytest.fixture
def hoang_kim_sheet(hoang_kim):
    return open_xlsx(render_report(hoang_kim, "xlsx"))[ANNEX_SHEET]


def expected_number(value: IndicatorValue) -> float:
    return float(value.value)


@pytest.mark.django_db
@pytest.mark.parametrize("key", SEED_KEYS)
def test_openpyxl_finds_every_value_as_a_number_in_the_row_of_its_code(seed_report, key):
    report = seed_report(key)
    sheet = open_xlsx(render_report(report, "xlsx"))[ANNEX_SHEET]
    row_of = rows_by_code(sheet)
    codes = list(
        Indicator.objects.filter(template=report.template)
        .order_by("position")
        .values_list("code", flat=True)
    )
    assert list(row_of) == codes
    for value in report.values.select_related("indicator"):
        row = row_of[value.indicator.code]
        cell = sheet.cell(row=row, column=4)
        assert isinstance(cell.value, int | float), value.indicator.code
        assert cell.data_type == "n"
        assert cell.value == expected_number(value)
        assert sheet.cell(row=row, column=2).value == value.indicator.name
        if not value.indicator.is_breakdown:
            assert sheet.cell(row=row, column=1).value == value.indicator.display_code


@pytest.mark.django_db
@pytest.mark.parametrize("key", SEED_KEYS)
def test_calamine_finds_every_value_as_a_number_in_the_row_of_its_code(seed_report, key):
    report = seed_report(key)
    grid = open_calamine(render_report(report, "xlsx")).get_sheet_by_name(ANNEX_SHEET).to_python()
    top = next(index for index, row in enumerate(grid) if row[0] == "STT")
    assert grid[top][5] == CODE_HEADER
    row_of = {row[5]: row for row in grid[top + 2 :] if row[5]}
    for value in report.values.select_related("indicator"):
        row = row_of[value.indicator.code]
        assert isinstance(row[3], float), value.indicator.code
        assert row[3] == expected_number(value)
        assert row[1] == value.indicator.name


@pytest.mark.django_db
def test_numbers_carry_formats_that_print_them_as_the_docx_does(hoang_kim_sheet, seed_report):
    row_of = rows_by_code(hoang_kim_sheet)

    def cell(code, sheet=hoang_kim_sheet, rows=row_of):
        return sheet.cell(row=rows[code], column=4)

    assert (cell("7.2.1").value, cell("7.2.1").number_format) == (1590, "#,##0")
    # A percentage is kept in points: 100 prints "100", not 10000% nor 1.
    assert (cell("3.2.4").value, cell("3.2.4").number_format) == (100, "#,##0")
    assert (cell("7.6").value, cell("7.6").number_format) == (1, "0")
    son_thuy = open_xlsx(render_report(seed_report(SON_THUY), "xlsx"))[ANNEX_SHEET]
    rows = rows_by_code(son_thuy)
    ratio = cell("3.2.3", son_thuy, rows)
    assert (ratio.value, ratio.number_format) == (81.95, "#,##0.00")
    assert son_thuy.cell(row=rows["3.3.2"], column=5).value == "(322-343 HS)"


@pytest.mark.django_db
def test_the_sums_a_reviewer_types_work_on_the_cells(hoang_kim_sheet):
    row_of = rows_by_code(hoang_kim_sheet)
    parts = [hoang_kim_sheet.cell(row=row_of[f"3.3.1.{x}"], column=4).value for x in "abcd"]
    assert sum(parts) == hoang_kim_sheet.cell(row=row_of["3.3.1"], column=4).value == 729


@pytest.mark.django_db
def test_the_two_row_header_is_merged_as_in_the_seeds(hoang_kim_sheet):
    top = header_row(hoang_kim_sheet)
    merged = {str(cells) for cells in hoang_kim_sheet.merged_cells.ranges}
    assert {f"A{top}:A{top + 1}", f"B{top}:B{top + 1}", f"C{top}:D{top}", f"E{top}:E{top + 1}"} <= (
        merged
    )
    assert [hoang_kim_sheet.cell(row=top, column=c).value for c in (1, 2, 3, 5)] == [
        "STT",
        "Chỉ tiêu thống kê",
        "Kết quả thống kê",
        "Ghi chú",
    ]
    assert [hoang_kim_sheet.cell(row=top + 1, column=c).value for c in (3, 4)] == [
        "Đơn vị tính",
        "Số liệu",
    ]


@pytest.mark.django_db
def test_the_report_identity_is_at_the_top(hoang_kim_sheet):
    lines = [hoang_kim_sheet.cell(row=row, column=1).value for row in range(1, 8)]
    assert lines[0] == "Phụ lục 01b"
    assert "Đơn vị: Xã Hoằng Kim (mã 15889)" in lines
    assert "Kỳ báo cáo: quý III năm 2024" in lines
    assert "Số liệu từ ngày 15/6/2024 đến hết ngày 14/9/2024" in lines
    assert "Trạng thái: Đã duyệt" in lines


@pytest.mark.django_db
def test_a_draft_says_so_in_its_status_line(hoang_kim):
    hoang_kim.status = ReportStatus.SUBMITTED
    sheet = open_xlsx(render_report(hoang_kim, "xlsx"))[ANNEX_SHEET]
    lines = [sheet.cell(row=row, column=1).value for row in range(1, 8)]
    assert "Trạng thái: Đã gửi — DỰ THẢO, chưa được duyệt" in lines


@pytest.mark.django_db
def test_columns_have_widths_text_wraps_and_the_code_column_is_hidden(hoang_kim_sheet):
    widths = [hoang_kim_sheet.column_dimensions[c].width for c in "ABCDE"]
    assert all(width >= 8 for width in widths) and widths[1] > 40
    assert hoang_kim_sheet.column_dimensions["F"].hidden
    row = rows_by_code(hoang_kim_sheet)["3.3.2"]
    name = hoang_kim_sheet.cell(row=row, column=2)
    assert name.alignment.wrap_text
    # A long name gets a row tall enough for its lines (no reader grows it on opening).
    assert hoang_kim_sheet.row_dimensions[row].height >= 30


@pytest.mark.django_db
def test_sections_are_bold_and_trong_do_rows_indented(hoang_kim_sheet):
    row_of = rows_by_code(hoang_kim_sheet)
    assert hoang_kim_sheet.cell(row=row_of["1"], column=2).font.b
    assert not hoang_kim_sheet.cell(row=row_of["1.1.1"], column=2).font.b
    breakdown = row_of["3.3.1.a"]
    assert hoang_kim_sheet.cell(row=breakdown, column=1).value == "Trong đó"
    assert hoang_kim_sheet.cell(row=breakdown, column=2).alignment.indent >= 1
    assert hoang_kim_sheet.cell(row=row_of["3.3.1.b"], column=1).value is None


@pytest.mark.django_db
def test_the_print_setup_is_a4_one_page_wide_with_repeated_headers(hoang_kim_sheet):
    top = header_row(hoang_kim_sheet)
    setup = hoang_kim_sheet.page_setup
    assert int(setup.paperSize) == 9  # A4
    assert setup.orientation == "portrait"
    assert hoang_kim_sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert hoang_kim_sheet.print_title_rows == f"${top}:${top + 1}"


@pytest.mark.django_db
def test_the_header_is_frozen(hoang_kim_sheet):
    assert hoang_kim_sheet.freeze_panes == f"A{header_row(hoang_kim_sheet) + 2}"


@pytest.mark.django_db
def test_text_that_looks_like_a_formula_stays_text(hoang_kim):
    for code, note in CRAFTED.items():
        IndicatorValue.objects.filter(report=hoang_kim, indicator__code=code).update(note=note)
    data = render_report(hoang_kim, "xlsx")
    sheet = open_xlsx(data)[ANNEX_SHEET]
    row_of = rows_by_code(sheet)
    for code, note in CRAFTED.items():
        cell = sheet.cell(row=row_of[code], column=5)
        assert (cell.value, cell.data_type) == (note, "s")
        assert cell.quotePrefix
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()
    grid = open_calamine(data).get_sheet_by_name(ANNEX_SHEET).to_python()
    notes = {row[5]: row[4] for row in grid if row[5] in CRAFTED}
    assert notes == CRAFTED


@pytest.mark.django_db
def test_the_table_by_field_has_its_own_sheet_with_a_grouped_header(seed_report):
    workbook = open_xlsx(render_report(seed_report(BINH_THANH), "xlsx"))
    assert workbook.sheetnames == [ANNEX_SHEET, FIELD_SHEET]
    sheet = workbook[FIELD_SHEET]
    top = header_row(sheet)
    merged = {str(cells) for cells in sheet.merged_cells.ranges}
    assert {f"A{top}:A{top + 2}", f"C{top}:F{top}", f"D{top + 1}:F{top + 1}"} <= merged
    assert sheet.cell(row=top, column=3).value == "Số hồ sơ nhận giải quyết"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows == f"${top}:${top + 2}"
    assert sheet.freeze_panes == f"C{top + 3}"


@pytest.mark.django_db
def test_the_reported_total_stays_beside_a_computed_one(seed_report):
    data = render_report(seed_report(BINH_THANH), "xlsx")
    sheet = open_xlsx(data)[FIELD_SHEET]
    labels = {sheet.cell(row=row, column=2).value: row for row in range(1, sheet.max_row + 1)}
    reported, computed = labels["Tổng cộng"], labels[COMPUTED_TOTAL_LABEL]
    first = labels["Bảo trợ xã hội"]
    # As reported (seed 003's own total, wrong in "resolved": 514 for rows adding to 507).
    assert [sheet.cell(row=reported, column=c).value for c in range(3, 8)] == [
        521,
        516,
        5,
        0,
        514,
    ]
    assert sheet.cell(row=computed, column=7).value == f"=SUM(G{first}:G{first + 3})"
    difference = labels[DIFFERENCE_LABEL]
    assert sheet.cell(row=difference, column=7).value == f"=G{reported}-G{computed}"
    grid = open_calamine(data).get_sheet_by_name(FIELD_SHEET).to_python()
    ho_tich = next(row for row in grid if row[1] == "Hộ tịch")
    assert ho_tich[2:6] == [88.0, 86.0, 2.0, 0.0]


@pytest.mark.django_db
@pytest.mark.parametrize("key", [SON_PHU, BINH_THANH])
def test_the_blank_form_has_the_rows_and_no_value(seed_report, key):
    report = seed_report(key)
    workbook = open_xlsx(render_report(report, "xlsx", blank=True))
    sheet = workbook[ANNEX_SHEET]
    row_of = rows_by_code(sheet)
    assert len(row_of) == report.template.indicators.count()
    assert all(sheet.cell(row=row, column=4).value is None for row in row_of.values())
    lines = [sheet.cell(row=row, column=1).value for row in range(1, 8)]
    assert "Trạng thái: Biểu mẫu trống (chưa có số liệu)" in lines


@pytest.mark.django_db
def test_pasted_control_characters_are_dropped_and_line_breaks_kept(hoang_kim):
    IndicatorValue.objects.filter(report=hoang_kim, indicator__code="1.1.1").update(
        note="Ghi\x0bchú\x07"
    )
    sheet = open_xlsx(render_report(hoang_kim, "xlsx"))[ANNEX_SHEET]
    # Word's manual line break (\v) is a new line; the bell is dropped.
    assert sheet.cell(row=rows_by_code(sheet)["1.1.1"], column=5).value == "Ghi\nchú"
