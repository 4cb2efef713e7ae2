"""Reading an annex from a workbook: merged cells, formulas, the portal's hidden codes."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from indicators.importers.files import ImportFileError
from indicators.importers.reader import read_annex_source
from indicators.importers.xlsx import MSG_FORMULAS_WITHOUT_VALUES
from indicators.importers.xlsx_cells import cell_text, is_percent_format, percent_of
from tests.seed_imports import replace_part


def _annex_with_formula_and_merges() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet["A1"] = "Phụ lục 01b"
    sheet.merge_cells("A1:E1")
    sheet.append([])
    sheet.append(["STT", "Chỉ tiêu thống kê", "Kết quả thống kê", None, "Ghi chú"])
    sheet.append([None, None, "Đơn vị tính", "Số liệu", None])
    for cells in ("A3:A4", "B3:B4", "C3:D3", "E3:E4"):
        sheet.merge_cells(cells)
    sheet.append(["3", "Cải cách thủ tục hành chính"])
    sheet.append(["3.3.1", "Số lượng hồ sơ đã tiếp nhận", "Số lượng hồ sơ", "=D7+D8"])
    sheet.append(["Trong đó", "Tiếp nhận trực tiếp", "nt", 10])
    sheet.append([None, "Tiếp nhận qua BCCI", None, 2.5, "ghi chú"])
    sheet.merge_cells("A7:A8")
    sheet.merge_cells("C7:C8")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_a_formula_without_a_saved_value_is_refused_naming_its_cell():
    with pytest.raises(ImportFileError) as caught:
        read_annex_source(_annex_with_formula_and_merges())
    assert caught.value.message == MSG_FORMULAS_WITHOUT_VALUES.format(cells="D6")


def test_a_formula_reads_as_the_value_excel_saved_and_merged_cells_as_printed():
    data = replace_part(
        _annex_with_formula_and_merges(),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace("<f>D7+D8</f><v></v>", "<f>D7+D8</f><v>12.5</v>"),
    )
    source = read_annex_source(data)
    rows = [
        (r.printed_code, r.name, r.unit, r.value, r.note, r.is_breakdown) for r in source.annex.rows
    ]
    assert rows == [
        ("3", "Cải cách thủ tục hành chính", "", "", "", False),
        ("3.3.1", "Số lượng hồ sơ đã tiếp nhận", "Số lượng hồ sơ", "12,5", "", False),
        ("", "Tiếp nhận trực tiếp", "nt", "10", "", True),
        ("", "Tiếp nhận qua BCCI", "nt", "2,5", "ghi chú", True),
    ]
    assert source.annex.unplaced == []


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        (1590, "1.590"),
        (93.88, "93,88"),
        # Excel keeps 15 significant digits: the double's 16th and 17th are noise.
        (0.1 + 0.2, "0,3"),
        (0.7857142857142857, "0,785714285714286"),
        ("01", "01"),
        (None, ""),
    ],
)
def test_a_cell_reads_as_the_annex_would_print_it(value, printed):
    assert cell_text(value) == printed


def test_rows_after_a_blank_row_without_a_code_are_not_rows():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Ghi chú"])
    sheet.append(["1", "Công tác chỉ đạo", "", "", ""])
    sheet.append(["1.1", "Số văn bản", "Văn bản", 3, ""])
    sheet.append(["Trong đó", "Văn bản điện tử", "Văn bản", 2, ""])
    sheet.append([])
    sheet.append([None, "Người lập biểu", None, None, None])
    out = io.BytesIO()
    workbook.save(out)
    source = read_annex_source(out.getvalue())
    assert [r.name for r in source.annex.rows] == [
        "Công tác chỉ đạo",
        "Số văn bản",
        "Văn bản điện tử",
    ]
    assert source.annex.unplaced == [(6, "Người lập biểu")]


def _workbook(build) -> bytes:
    workbook = Workbook()
    build(workbook)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _annex_as_an_office_fills_it(workbook: Workbook) -> None:
    sheet = workbook.active
    sheet.title = "PL 01b"
    sheet.append(["STT", "Chỉ tiêu thống kê", "Kết quả thống kê", None, "Ghi chú"])
    sheet.append([None, None, "Đơn vị tính", "Số liệu", None])
    for cells in ("A1:A2", "B1:B2", "C1:D1", "E1:E2"):
        sheet.merge_cells(cells)
    rows = [
        (1, "Công tác chỉ đạo điều hành CCHC", None, None, None),
        (1.1, "Tỷ lệ hoàn thành kế hoạch", "%", 0.9, "0.00%"),
        (1.2, "Tỷ lệ văn bản điện tử", "%", 0.93879999999999997, "0.00%"),
        (1.9, "Số nhiệm vụ", "Nhiệm vụ", 12, "0%"),  # a count in a column formatted "%"
        (1.1, "Số nhiệm vụ đã hoàn thành", "Nhiệm vụ", "1.377.189", "@"),  # typed 1.10
        ("2.", "Ngày ban hành kế hoạch", "Ngày", dt.date(2024, 3, 5), "dd/mm/yyyy"),
        ("2.1.", "Kinh phí", "Đồng", 1377189270, "#,##0"),
    ]
    for number, (code, name, unit, value, number_format) in enumerate(rows, start=3):
        sheet.append([code, name, unit, value])
        if number_format:
            sheet.cell(row=number, column=4).number_format = number_format


def test_cells_read_as_an_office_fills_them_percentages_text_numbers_dates_and_codes():
    source = read_annex_source(_workbook(_annex_as_an_office_fills_it))
    rows = [(r.printed_code, r.value, r.stored_value) for r in source.annex.rows]
    assert rows == [
        ("1", "", ""),
        # Excel stores 90 % as 0.9: the percentage shows, the fraction is kept beside it.
        ("1.1", "90", "0,9"),
        ("1.2", "93,88", "0,9388"),
        ("1.9", "1.200", "12"),
        # "1.10" typed in a General cell is the number 1.1; after 1.9 it is 1.10 again.
        ("1.10", "1.377.189", ""),
        ("2.", "05/03/2024", ""),
        ("2.1.", "1.377.189.270", ""),
    ]
    assert source.annex.unplaced == []


@pytest.mark.parametrize(
    ("number_format", "percent"),
    [("0%", True), ("0.00%", True), ("#,##0.0%", True), ('0.0"%"', False), ("0.0\\%", False)],
)
def test_a_percentage_format_is_told_from_a_literal_percent_sign(number_format, percent):
    assert is_percent_format(number_format) is percent


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        (0.9, "90"),
        (1, "100"),
        (0.93879999999999997, "93.88"),
        (0.7857142857142857, "78.5714285714286"),
    ],
)
def test_a_percentage_is_the_fraction_times_a_hundred_exactly(stored, shown):
    assert str(percent_of(stored)) == shown


def _annex_and_table_by_field(workbook: Workbook) -> None:
    annex = workbook.active
    annex.title = "Phụ lục"
    annex.append(["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Ghi chú"])
    annex.append(["1.", "Số hồ sơ tiếp nhận", "Hồ sơ", 521, None])
    table = workbook.create_sheet("Theo lĩnh vực")
    table.append(["TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC"])
    table.append([])
    table.append(["STT", "Lĩnh vực", "Số hồ sơ nhận giải quyết", None, "Số hồ sơ đã giải quyết"])
    table.append([None, None, "Tổng số", "Trực tuyến", None])
    for cells in ("A3:A4", "B3:B4", "C3:D3", "E3:E4"):
        table.merge_cells(cells)
    table.append([1, "Hộ tịch", 88, 86, 81])
    table.append([2, "Chứng thực", "426", 426, 426])
    table.append(["Tổng cộng", None, 514, 512, 507])


def test_the_table_by_field_on_its_own_sheet_is_read_with_its_merged_header():
    source = read_annex_source(_workbook(_annex_and_table_by_field))
    assert [row.name for row in source.annex.rows] == ["Số hồ sơ tiếp nhận"]
    [table] = source.tables
    assert (table.sheet, table.title) == ("Theo lĩnh vực", "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC")
    assert table.columns == [
        ("Số hồ sơ nhận giải quyết", "Tổng số"),
        ("Số hồ sơ nhận giải quyết", "Trực tuyến"),
        ("Số hồ sơ đã giải quyết",),
    ]
    assert [(r.stt, r.label, r.cells) for r in table.rows] == [
        ("1", "Hộ tịch", ["88", "86", "81"]),
        ("2", "Chứng thực", ["426", "426", "426"]),
        ("", "Tổng cộng", ["514", "512", "507"]),
    ]
