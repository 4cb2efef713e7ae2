"""Reading an annex and its narrative from a Word document."""

from __future__ import annotations

import io

from docx import Document

from indicators.importers.narrative import match_outline
from indicators.importers.reader import read_annex_source


def _document() -> bytes:
    document = Document()
    for text in (
        "BÁO CÁO",
        "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH:",
        "UBND xã đã ban hành kế hoạch CCHC năm 2024.",
        "II. KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH",
        "1. Cải cách thể chế",
        "Rà soát 3 văn bản.",
        "2. Cải cách thủ tục hành chính:",
        "Tiếp nhận 729 hồ sơ.",
        "Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính./.",
        "Phụ lục 01b",
    ):
        document.add_paragraph(text)
    table = document.add_table(rows=6, cols=5)
    cells = [
        ["STT", "Chỉ tiêu thống kê", "Kết quả thống kê", "", "Ghi chú"],
        ["", "", "Đơn vị tính", "Số liệu", ""],
        ["3", "Cải cách thủ tục hành chính", "", "", ""],
        ["3.3.1", "Số lượng hồ sơ đã tiếp nhận", "Số lượng hồ sơ", "729", ""],
        ["Trong đó", "Tiếp nhận trực tiếp", "Số lượng hồ sơ", "10", ""],
        ["", "Tiếp nhận qua BCCI", "Số lượng hồ sơ", "2", ""],
    ]
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    # The header as Word lays it out: STT, name and note span two rows, the result two columns.
    for column in (0, 1, 4):
        table.cell(0, column).merge(table.cell(1, column))
    table.cell(0, 2).merge(table.cell(0, 3))
    table.cell(4, 0).merge(table.cell(5, 0))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_word_table_with_merged_cells_reads_as_annex_rows():
    source = read_annex_source(_document())
    rows = [(r.printed_code, r.name, r.unit, r.value, r.is_breakdown) for r in source.annex.rows]
    assert rows == [
        ("3", "Cải cách thủ tục hành chính", "", "", False),
        ("3.3.1", "Số lượng hồ sơ đã tiếp nhận", "Số lượng hồ sơ", "729", False),
        ("", "Tiếp nhận trực tiếp", "Số lượng hồ sơ", "10", True),
        ("", "Tiếp nhận qua BCCI", "Số lượng hồ sơ", "2", True),
    ]
    assert source.annex.unplaced == []


def test_the_narrative_of_a_word_document_is_matched_to_the_outline_by_its_headings():
    source = read_annex_source(_document())
    outline = [
        (1, "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"),
        (1, "II. KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH"),
        (2, "1. Cải cách thể chế"),
        (2, "2. Cải cách thủ tục hành chính"),
        (1, "III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI"),
    ]
    sections = match_outline(source.lines, outline)
    assert {index: section.text for index, section in sections.items()} == {
        0: "UBND xã đã ban hành kế hoạch CCHC năm 2024.",
        1: "",
        2: "Rà soát 3 văn bản.",
        3: "Tiếp nhận 729 hồ sơ.",
    }
    assert sections[3].heading == "2. Cải cách thủ tục hành chính:"
