"""Reading an annex from a workbook: merged cells, formulas, the portal's hidden codes."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from indicators.importers.files import ImportFileError
from indicators.importers.reader import read_annex_source
from indicators.importers.xlsx import MSG_FORMULAS_WITHOUT_VALUES, cell_text
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
        (0.1 + 0.2, "0,30000000000000004"),
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
