"""Bounds on the work of reading one file, not only on its bytes: an annex has a few hundred
rows and about ten columns, a template file maybe a thousand rows, a report a few hundred
paragraphs. A file far beyond that (70.000 rows of numbers fit in 4 MB of XLSX) is not an
annex, and reading it whole would hold a worker for a minute: it is refused while it is read,
as soon as a bound is passed, with the bound named.

The readers stream (an XLSX sheet row by row, a DOCX body counted before it is parsed) and
stop at the first bound passed; a :class:`ReadBudget` counts the cells of a workbook and holds
the deadline, checked inside the loops, that refuses whatever the other bounds missed.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from core.numbers import format_number

from .files import ImportFileError, human_size

# XLSX: rows and columns of a sheet, cells with content in the whole workbook.
MAX_ROWS = 2_000
MAX_COLUMNS = 50
MAX_CELLS = 100_000
# DOCX: paragraphs of the body (outside tables) and rows of all its tables.
MAX_PARAGRAPHS = 5_000
MAX_TABLE_ROWS = 3_000
# Plain text: lines (the narrative and the annex together).
MAX_TEXT_LINES = 10_000
# One XML part once unpacked: a sheet, the shared strings, the body of a Word document. A sheet
# of 100.000 cells is about 4 MB, a long report's body about 2 MB.
MAX_XML_PART_BYTES = 8 * 1024 * 1024
# The last resort: the seconds one file may take to read, whatever else it holds.
TIME_BUDGET_SECONDS = 10.0

_CHECK = "hãy kiểm tra đúng tệp chưa."
MSG_TOO_MANY_ROWS = "Tệp có hơn {limit} dòng: phụ lục chỉ có vài trăm dòng — " + _CHECK
MSG_TOO_MANY_COLUMNS = "Tệp có hơn {limit} cột: phụ lục chỉ có khoảng chục cột — " + _CHECK
MSG_TOO_MANY_CELLS = "Tệp có hơn {limit} ô có dữ liệu: phụ lục chỉ có vài nghìn ô — " + _CHECK
MSG_TOO_MANY_PARAGRAPHS = (
    "Tệp có hơn {limit} đoạn văn: báo cáo kèm phụ lục chỉ có vài trăm đoạn — " + _CHECK
)
MSG_TOO_MANY_TABLE_ROWS = (
    "Bảng trong tệp có hơn {limit} dòng: phụ lục chỉ có vài trăm dòng — " + _CHECK
)
MSG_TOO_MANY_LINES = "Tệp có hơn {limit} dòng: báo cáo kèm phụ lục chỉ có vài trăm dòng — " + _CHECK
MSG_PART_TOO_LARGE = (
    "Nội dung tệp giải nén ra {size}, quá giới hạn {limit} của một phụ lục (vài trăm dòng): "
    + _CHECK
)
MSG_TOO_SLOW = (
    "Đọc tệp quá {seconds} giây vẫn chưa xong: phụ lục chỉ có vài trăm dòng — hãy kiểm tra "
    "đúng tệp chưa, hoặc lưu riêng phần phụ lục ra một tệp rồi tải lên."
)


def refusal(message: str, limit: int) -> ImportFileError:
    """The refusal naming a count limit, written as Vietnamese prints numbers ("2.000")."""
    return ImportFileError(message.format(limit=format_number(limit)))


def check_part_size(size: int) -> None:
    if size > MAX_XML_PART_BYTES:
        raise ImportFileError(
            MSG_PART_TOO_LARGE.format(size=human_size(size), limit=human_size(MAX_XML_PART_BYTES))
        )


class ReadBudget:
    """The deadline and the cell count of reading one file."""

    def __init__(
        self, seconds: float | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.seconds = TIME_BUDGET_SECONDS if seconds is None else seconds
        self._clock = clock
        self._deadline = clock() + self.seconds
        self.cells = 0

    def check_time(self) -> None:
        if self._clock() > self._deadline:
            raise ImportFileError(MSG_TOO_SLOW.format(seconds=format_number(int(self.seconds))))

    def add_cells(self, count: int) -> None:
        self.cells += count
        if self.cells > MAX_CELLS:
            raise refusal(MSG_TOO_MANY_CELLS, MAX_CELLS)
