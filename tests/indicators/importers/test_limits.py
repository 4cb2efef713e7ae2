"""The work of reading a file is bounded, not only its bytes: a file far larger than an annex is
refused while it is read, with the bound named, before it holds a worker for a minute."""

from __future__ import annotations

import io
import itertools
import re
import time

import pytest
from openpyxl import Workbook

from indicators.importers import limits
from indicators.importers.docx import read_docx
from indicators.importers.files import MAX_UPLOAD_BYTES, ImportFileError
from indicators.importers.limits import ReadBudget
from indicators.importers.reader import read_annex_source
from indicators.importers.xlsx import read_xlsx
from tests.seed_imports import ANNEX_HEADER, large_docx, large_xlsx, replace_part, xlsx_bytes

ROWS = "Tệp có hơn 2.000 dòng: phụ lục chỉ có vài trăm dòng — hãy kiểm tra đúng tệp chưa."
COLUMNS = "Tệp có hơn 50 cột: phụ lục chỉ có khoảng chục cột — hãy kiểm tra đúng tệp chưa."


def _refusal(data: bytes) -> str:
    with pytest.raises(ImportFileError) as caught:
        read_annex_source(data)
    return caught.value.message


def _timed_refusal(data: bytes) -> tuple[str, float]:
    start = time.perf_counter()
    message = _refusal(data)
    return message, time.perf_counter() - start


def test_the_bounds():
    assert (limits.MAX_ROWS, limits.MAX_COLUMNS, limits.MAX_CELLS) == (2_000, 50, 100_000)
    assert (limits.MAX_PARAGRAPHS, limits.MAX_TABLE_ROWS) == (5_000, 3_000)
    assert limits.MAX_TEXT_LINES == 10_000
    assert limits.MAX_XML_PART_BYTES == 8 * 1024 * 1024


def test_the_row_bound_is_named_as_vietnamese_prints_numbers():
    assert limits.refusal(limits.MSG_TOO_MANY_ROWS, limits.MAX_ROWS).message == ROWS


# XLSX


def test_a_sheet_declaring_70000_rows_is_refused_before_it_is_parsed():
    data = large_xlsx(70_000, declared=True)
    assert len(data) < MAX_UPLOAD_BYTES  # it passes the size and zip checks
    message, seconds = _timed_refusal(data)
    assert message == ROWS
    assert seconds < 2


def test_a_sheet_of_70000_rows_declaring_nothing_is_refused_by_its_unpacked_size():
    data = large_xlsx(70_000)
    assert len(data) < MAX_UPLOAD_BYTES
    message, seconds = _timed_refusal(data)
    assert message.startswith("Nội dung tệp giải nén ra 23,2 MB, quá giới hạn 8 MB")
    assert seconds < 2


def test_rows_past_the_bound_are_refused_while_the_sheet_is_streamed():
    # No declared size and a small sheet: only counting the rows read finds it.
    message, seconds = _timed_refusal(large_xlsx(limits.MAX_ROWS + 1, columns=5))
    assert message == ROWS
    assert seconds < 2


def test_a_sheet_at_the_row_bound_is_read():
    source = read_annex_source(large_xlsx(limits.MAX_ROWS - 1, columns=5))
    assert len(source.annex.rows) == limits.MAX_ROWS - 1


def _declaring(xml: str, reference: str) -> str:
    declared = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="{reference}"/>', xml)
    assert declared != xml
    return declared


def test_a_sheet_that_declares_less_than_it_holds_is_read_whole():
    data = replace_part(
        xlsx_bytes([ANNEX_HEADER, ["1", "Công tác chỉ đạo"], ["1.1", "Số văn bản", "Văn bản", 3]]),
        "xl/worksheets/sheet1.xml",
        lambda xml: _declaring(xml, "A1:A1"),
    )
    source = read_annex_source(data)
    assert [(row.name, row.value) for row in source.annex.rows] == [
        ("Công tác chỉ đạo", ""),
        ("Số văn bản", "3"),
    ]


def test_a_sheet_declaring_more_columns_than_the_bound_is_refused_before_it_is_parsed():
    data = replace_part(
        xlsx_bytes([ANNEX_HEADER]), "xl/worksheets/sheet1.xml", lambda x: _declaring(x, "A1:BZ9")
    )
    assert _refusal(data) == COLUMNS


def test_a_value_past_the_column_bound_is_refused():
    far = [None] * limits.MAX_COLUMNS + ["x"]
    data = xlsx_bytes([ANNEX_HEADER, ["1", "Công tác chỉ đạo"], far])
    assert _refusal(data) == COLUMNS


def test_the_cells_of_every_sheet_read_count_against_one_budget(monkeypatch):
    monkeypatch.setattr(limits, "MAX_CELLS", 25)
    workbook = Workbook()
    for index in range(3):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        for number in range(4):
            sheet.append([f"Ghi chép {index}.{number}", 1, 2])  # no annex header: read on
    out = io.BytesIO()
    workbook.save(out)
    assert _refusal(out.getvalue()) == (
        "Tệp có hơn 25 ô có dữ liệu: phụ lục chỉ có vài nghìn ô — hãy kiểm tra đúng tệp chưa."
    )


def test_an_xml_part_past_the_size_bound_is_refused_before_it_is_parsed(monkeypatch):
    monkeypatch.setattr(limits, "MAX_XML_PART_BYTES", 20_000)
    message = _refusal(large_xlsx(300, columns=5))
    assert message.startswith("Nội dung tệp giải nén ra ")
    assert "quá giới hạn 19 KB của một phụ lục" in message


# DOCX


def test_a_word_table_of_10000_rows_is_refused_within_a_second():
    message, seconds = _timed_refusal(large_docx(10_000))
    assert message == (
        "Bảng trong tệp có hơn 3.000 dòng: phụ lục chỉ có vài trăm dòng — hãy kiểm tra đúng "
        "tệp chưa."
    )
    assert seconds < 1


def test_a_word_body_of_more_paragraphs_than_a_report_has_is_refused():
    message = _refusal(large_docx(3, paragraphs=limits.MAX_PARAGRAPHS + 1))
    assert message == (
        "Tệp có hơn 5.000 đoạn văn: báo cáo kèm phụ lục chỉ có vài trăm đoạn — hãy kiểm tra "
        "đúng tệp chưa."
    )


def test_the_paragraphs_of_table_cells_do_not_count_as_body_paragraphs():
    # 1.500 rows of 5 cells: 7.500 paragraphs in cells, below both bounds.
    source = read_annex_source(large_docx(1_500, paragraphs=10))
    assert len(source.annex.rows) == 1_500
    assert len(source.lines) == 11  # the document's own paragraph and the ten above the table


# Plain text


def test_a_text_of_more_lines_than_a_report_has_is_refused():
    data = ("Một dòng\n" * (limits.MAX_TEXT_LINES + 1)).encode()
    assert _refusal(data) == (
        "Tệp có hơn 10.000 dòng: báo cáo kèm phụ lục chỉ có vài trăm dòng — hãy kiểm tra đúng "
        "tệp chưa."
    )


def test_more_annex_rows_than_the_bound_are_refused_whatever_the_format():
    lines = ["\t".join(ANNEX_HEADER)]
    lines += [f"{n}\tChỉ tiêu số {n}\tHồ sơ\t{n}\t" for n in range(1, limits.MAX_ROWS + 2)]
    assert _refusal("\n".join(lines).encode()) == ROWS


# The time budget, the last resort


def _clock_past_deadline():
    """A clock that reads 0 when the budget starts, then an hour later."""
    return itertools.chain([0.0], itertools.repeat(3600.0)).__next__


TOO_SLOW = (
    "Đọc tệp quá 10 giây vẫn chưa xong: phụ lục chỉ có vài trăm dòng — hãy kiểm tra đúng tệp "
    "chưa, hoặc lưu riêng phần phụ lục ra một tệp rồi tải lên."
)


def test_reading_a_workbook_stops_at_the_deadline():
    budget = ReadBudget(clock=_clock_past_deadline())
    with pytest.raises(ImportFileError) as caught:
        read_xlsx(large_xlsx(20, columns=5), budget)
    assert caught.value.message == TOO_SLOW


def test_reading_a_word_document_stops_at_the_deadline():
    budget = ReadBudget(clock=_clock_past_deadline())
    with pytest.raises(ImportFileError) as caught:
        read_docx(large_docx(20), budget)
    assert caught.value.message == TOO_SLOW


def test_within_the_deadline_nothing_is_refused():
    budget = ReadBudget(clock=itertools.repeat(0.0).__next__)
    assert len(read_xlsx(large_xlsx(20, columns=5), budget).annex.rows) == 20
