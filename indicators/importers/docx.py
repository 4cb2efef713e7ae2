"""Read an annex from a Word document (python-docx): every table with an annex header, read
cell by cell on the table's grid (a cell spanning columns fills one grid column and leaves the
others blank; a cell continuing a vertical merge is blank, as a merged "Trong đó" means), and
the body paragraphs in order, for the narrative and its headings.

python-docx parses with lxml with entity resolution off; the zip and its XML parts were
checked for declarations before this module sees the file (``files.check_file``).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml.etree import XMLSyntaxError

from core.text import clean_text

from .annex_text import ParsedAnnex
from .files import ImportFileError
from .table_rows import Grid, parse_grid

MSG_UNREADABLE = (
    "Không đọc được tệp Word (tệp hỏng hoặc không đúng định dạng .docx): hãy mở bằng Word, "
    "lưu lại rồi tải lên lần nữa."
)
MAX_TABLE_ROWS = 3000

_READ_ERRORS = (
    PackageNotFoundError,
    zipfile.BadZipFile,
    KeyError,
    ValueError,
    TypeError,
    AttributeError,
    IndexError,
    OSError,
    XMLSyntaxError,
    ParseError,
)


@dataclass
class DocumentAnnex:
    annex: ParsedAnnex | None
    paragraphs: list[str] = field(default_factory=list)


def _text_of(element) -> str:
    """A cell's or paragraph's text: its paragraphs joined by spaces, tabs and breaks as spaces."""
    paragraphs = []
    for paragraph in element.iter(qn("w:p")):
        parts = []
        for node in paragraph.iter(qn("w:t"), qn("w:tab"), qn("w:br")):
            parts.append(node.text or "" if node.tag == qn("w:t") else " ")
        paragraphs.append("".join(parts))
    return clean_text(" ".join(text.strip() for text in paragraphs if text.strip()))


def _table_rows(table_element) -> list[list[str]]:
    rows = []
    for tr in table_element.iter(qn("w:tr")):
        if len(rows) >= MAX_TABLE_ROWS:
            break
        cells: list[str] = []
        for tc in tr.findall(qn("w:tc")):
            properties = tc.find(qn("w:tcPr"))
            span, continued = 1, False
            if properties is not None:
                grid_span = properties.find(qn("w:gridSpan"))
                if grid_span is not None and (grid_span.get(qn("w:val")) or "").isdigit():
                    span = max(int(grid_span.get(qn("w:val"))), 1)
                merge = properties.find(qn("w:vMerge"))
                continued = merge is not None and merge.get(qn("w:val"), "continue") == "continue"
            cells.append("" if continued else _text_of(tc))
            cells.extend([""] * (span - 1))
        rows.append(cells)
    return rows


def read_docx(data: bytes) -> DocumentAnnex:
    try:
        document = Document(io.BytesIO(data))
        body = document.element.body
        paragraphs = [_text_of(p) for p in body.findall(qn("w:p"))]
        grid = Grid()
        number = 0
        for table in body.iter(qn("w:tbl")):
            table_grid = Grid()
            for cells in _table_rows(table):
                number += 1
                table_grid.rows.append((number, cells))
            if parse_grid(table_grid) is not None:
                # An annex split into several tables (one per page) reads as one table: the
                # header repeated at the top of each is dropped like a repeated page header.
                grid.rows.extend(table_grid.rows)
    except _READ_ERRORS:
        raise ImportFileError(MSG_UNREADABLE) from None
    return DocumentAnnex(annex=parse_grid(grid) if grid.rows else None, paragraphs=paragraphs)
