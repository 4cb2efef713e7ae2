"""An Excel file opened within the limits of ``limits``: before openpyxl sees it, the size each
sheet declares at its top and the unpacked size of every XML part (openpyxl parses a sheet whole
to size it when the sheet does not declare its size, and loads the shared strings whole); then
opened read-only, so that a sheet streams row by row, its rows bounded in number, width and
cells. A file openpyxl cannot read is refused with ``MSG_UNREADABLE``."""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree.ElementTree import ParseError

from lxml import etree
from openpyxl import load_workbook
from openpyxl.utils import range_boundaries
from openpyxl.utils.exceptions import InvalidFileException

from .files import ImportFileError
from .limits import (
    MAX_COLUMNS,
    MAX_ROWS,
    MSG_TOO_MANY_COLUMNS,
    MSG_TOO_MANY_ROWS,
    ReadBudget,
    check_part_size,
    refusal,
)

MSG_UNREADABLE = (
    "Không đọc được tệp Excel (tệp hỏng hoặc không đúng định dạng .xlsx): hãy mở bằng Excel, "
    "lưu lại rồi tải lên lần nữa."
)
# A sheet declares its size near its top: <dimension ref="A1:E120"/>.
_DIMENSION = re.compile(rb"<(?:[\w.-]+:)?dimension\b[^>]*?\bref\s*=\s*[\"']([^\"']*)[\"']")
_HEAD_BYTES = 4096

READ_ERRORS = (
    InvalidFileException,
    zipfile.BadZipFile,
    KeyError,
    ValueError,
    TypeError,
    IndexError,
    AttributeError,
    OSError,
    EOFError,
    ParseError,
    SyntaxError,
    etree.XMLSyntaxError,
)


def open_workbook(data: bytes, *, data_only: bool):
    """The workbook in read-only mode: sheets are parsed row by row as they are read, never
    loaded whole (the shared strings are, once their size is known to be bounded)."""
    try:
        return load_workbook(
            io.BytesIO(data), data_only=data_only, read_only=True, keep_links=False
        )
    except ImportFileError:
        raise
    except READ_ERRORS:
        raise ImportFileError(MSG_UNREADABLE) from None


def check_parts(archive: zipfile.ZipFile) -> None:
    """Before openpyxl opens the workbook (it parses a sheet whole to size it when the sheet
    does not declare its size, and loads the shared strings whole): the size each sheet
    declares at its top, then the unpacked size of every XML part."""
    for info in archive.infolist():
        name = info.filename.lower()
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            with archive.open(info) as part:
                _check_declared(part.read(_HEAD_BYTES))
        if name.endswith((".xml", ".rels")):
            check_part_size(info.file_size)


def _check_declared(head: bytes) -> None:
    found = _DIMENSION.search(head)
    if found is None:
        return
    try:
        _, _, max_column, max_row = range_boundaries(found.group(1).decode("ascii"))
    except (ValueError, TypeError, UnicodeDecodeError):
        return
    if (max_row or 0) > MAX_ROWS:
        raise refusal(MSG_TOO_MANY_ROWS, MAX_ROWS)
    if (max_column or 0) > MAX_COLUMNS:
        raise refusal(MSG_TOO_MANY_COLUMNS, MAX_COLUMNS)


def prepare_sheet(sheet) -> None:
    """The declared size may be missing or wrong: read what the sheet holds, not what it
    says (``check_parts`` refused what it said beyond the bounds)."""
    sheet.reset_dimensions()


def sheet_rows(sheet, budget: ReadBudget, *, values_only: bool = True):
    """The sheet's rows as values (or cells), streamed, at most ``MAX_COLUMNS`` wide; refused
    past ``MAX_ROWS`` rows, a value past ``MAX_COLUMNS`` columns, or the workbook's cell budget."""
    for number, row in enumerate(sheet.iter_rows(values_only=values_only), start=1):
        budget.check_time()
        if number > MAX_ROWS:
            raise refusal(MSG_TOO_MANY_ROWS, MAX_ROWS)
        values = row if values_only else tuple(cell.value for cell in row)
        if len(row) > MAX_COLUMNS:
            if any(value is not None for value in values[MAX_COLUMNS:]):
                raise refusal(MSG_TOO_MANY_COLUMNS, MAX_COLUMNS)
            row = row[:MAX_COLUMNS]
        budget.add_cells(sum(1 for value in values if value is not None))
        yield number, row
