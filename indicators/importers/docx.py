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
from lxml import etree
from lxml.etree import XMLSyntaxError

from core.text import clean_text

from .annex_text import ParsedAnnex
from .files import ImportFileError
from .legacy_text import detect, to_unicode
from .limits import (
    MAX_PARAGRAPHS,
    MAX_TABLE_ROWS,
    MSG_TOO_MANY_PARAGRAPHS,
    MSG_TOO_MANY_TABLE_ROWS,
    ReadBudget,
    check_part_size,
    refusal,
)
from .table_rows import Grid, parse_grid

MSG_UNREADABLE = (
    "Không đọc được tệp Word (tệp hỏng hoặc không đúng định dạng .docx): hãy mở bằng Word, "
    "lưu lại rồi tải lên lần nữa."
)
BODY_PART = "word/document.xml"
_PARAGRAPH, _TABLE, _TABLE_ROW = qn("w:p"), qn("w:tbl"), qn("w:tr")
_SOFT_HYPHEN = qn("w:softHyphen")
SOFT_HYPHEN = "\xad"

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
    # The legacy encoding (TCVN3, VNI) the text was typed in and converted from, if any.
    legacy_encoding: str | None = None


def _text_of(element) -> str:
    """A cell's or paragraph's text: its paragraphs joined by spaces, tabs and breaks as spaces;
    an optional hyphen as the soft hyphen it was typed as (TCVN3's "ư", see ``_to_unicode``)."""
    paragraphs = []
    for paragraph in element.iter(qn("w:p")):
        parts = []
        for node in paragraph.iter(qn("w:t"), qn("w:tab"), qn("w:br"), _SOFT_HYPHEN):
            if node.tag == qn("w:t"):
                parts.append(node.text or "")
            else:
                parts.append(SOFT_HYPHEN if node.tag == _SOFT_HYPHEN else " ")
        paragraphs.append("".join(parts))
    return clean_text(" ".join(text.strip() for text in paragraphs if text.strip()))


def _table_rows(table_element, budget: ReadBudget) -> list[list[str]]:
    rows: list[list[str]] = []
    for tr in table_element.iter(qn("w:tr")):
        budget.check_time()
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


def _to_unicode(paragraphs: list[str], tables: list[list[list[str]]]) -> str | None:
    """Text typed in a TCVN3 or VNI font, converted in place; the encoding, if any. TCVN3 writes
    "ư" as the soft hyphen, which Word keeps as an optional hyphen; elsewhere it is dropped."""
    cells = [cell for rows in tables for row in rows for cell in row]
    legacy = detect(paragraphs + cells)

    def convert(text: str) -> str:
        if legacy is None:
            return text.replace(SOFT_HYPHEN, "")
        return to_unicode(text, legacy)

    paragraphs[:] = [convert(text) for text in paragraphs]
    for rows in tables:
        for row in rows:
            row[:] = [convert(text) for text in row]
    return legacy


def _check_body(data: bytes, budget: ReadBudget) -> None:
    """Before python-docx parses the document whole: the unpacked size of every XML part, then
    the body streamed and counted (paragraphs outside tables, rows of all tables), stopping at
    the first bound passed."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.filename.lower().endswith((".xml", ".rels")):
                check_part_size(info.file_size)
        with archive.open(BODY_PART) as body:
            _count_body(body, budget)


def _count_body(body, budget: ReadBudget) -> None:
    paragraphs = rows = tables_open = 0
    for event, element in etree.iterparse(
        body,
        events=("start", "end"),
        tag=(_PARAGRAPH, _TABLE, _TABLE_ROW),
        resolve_entities=False,
        no_network=True,
    ):
        if element.tag == _TABLE:
            tables_open += 1 if event == "start" else -1
            continue
        if event == "start":
            continue
        if element.tag == _TABLE_ROW:
            rows += 1
            if rows > MAX_TABLE_ROWS:
                raise refusal(MSG_TOO_MANY_TABLE_ROWS, MAX_TABLE_ROWS)
            element.clear()
            budget.check_time()
        elif not tables_open:
            paragraphs += 1
            if paragraphs > MAX_PARAGRAPHS:
                raise refusal(MSG_TOO_MANY_PARAGRAPHS, MAX_PARAGRAPHS)
            element.clear()
            budget.check_time()


def read_docx(data: bytes, budget: ReadBudget | None = None) -> DocumentAnnex:
    budget = budget or ReadBudget()
    try:
        _check_body(data, budget)
        document = Document(io.BytesIO(data))
        body = document.element.body
        paragraphs = []
        for paragraph in body.findall(qn("w:p")):
            budget.check_time()
            paragraphs.append(_text_of(paragraph))
        tables = [_table_rows(table, budget) for table in body.iter(qn("w:tbl"))]
        legacy = _to_unicode(paragraphs, tables)
        grid = Grid()
        number = 0
        for rows in tables:
            table_grid = Grid()
            for cells in rows:
                number += 1
                table_grid.rows.append((number, cells))
            if parse_grid(table_grid) is not None:
                # An annex split into several tables (one per page) reads as one table: the
                # header repeated at the top of each is dropped like a repeated page header.
                grid.rows.extend(table_grid.rows)
    except ImportFileError:
        raise
    except _READ_ERRORS:
        raise ImportFileError(MSG_UNREADABLE) from None
    return DocumentAnnex(
        annex=parse_grid(grid) if grid.rows else None,
        paragraphs=paragraphs,
        legacy_encoding=legacy,
    )
