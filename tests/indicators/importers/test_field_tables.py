"""Tables by field in text: the grouped header read without merges, the rows as printed."""

from __future__ import annotations

from indicators.importers.field_tables import text_field_tables
from tests.seed_text import field_table_rows, seed_lines

BINH_THANH = "5605/2024Q1"


def test_seed_003s_table_by_field_is_read_with_each_columns_header_path():
    [table] = text_field_tables(list(seed_lines(BINH_THANH)))
    assert table.title.startswith("TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC")
    assert table.columns[0] == ("Số hồ sơ nhận giải quyết", "Tổng số")
    assert table.columns[2] == ("Số hồ sơ nhận giải quyết", "Trong đó", "Số kỳ trước chuyển qua")
    # A label spanning two header rows is not continued from its left neighbour.
    assert table.columns[7] == (
        "Kết quả giải quyết theo cơ chế một cửa",
        "Số hồ sơ đang giải quyết",
    )
    assert table.columns[11] == (
        "Số hồ sơ giải quyết theo cơ chế một cửa liên thông",
        "Đang giải quyết",
    )
    printed = field_table_rows(BINH_THANH)
    assert [[row.stt or row.label, row.label, *row.cells] for row in table.rows] == [
        [cells[0], cells[1] or cells[0], *cells[2:14]] for cells in printed
    ]


def test_an_annex_table_is_not_a_table_by_field():
    lines = [
        "STT\tChỉ tiêu thống kê\tĐơn vị tính\tSố liệu\tGhi chú",
        "1.\tSố hồ sơ\tHồ sơ\t12\t",
        "2.\tSố TTHC\tThủ tục\t3\t",
    ]
    assert text_field_tables(lines) == []


def test_a_row_numbering_the_columns_is_not_a_header_nor_a_row():
    lines = [
        "TT\tLĩnh vực\tTiếp nhận\tĐã giải quyết",
        "(1)\t(2)\t(3)\t(4)",
        "1\tHộ tịch\t88\t81",
    ]
    [table] = text_field_tables(lines)
    assert table.columns == [("Tiếp nhận",), ("Đã giải quyết",)]
    assert [(row.stt, row.label, row.cells) for row in table.rows] == [
        ("1", "Hộ tịch", ["88", "81"])
    ]
