"""Read an annex from a Word document (python-docx): every table with an annex header, read
cell by cell on the table's grid (a cell spanning columns fills one grid column and leaves the
others blank; a cell continuing a vertical merge is blank, as a merged "Trong đó" means), the
tables by field (their merged header cells filled, for the header paths), and the body
paragraphs in order, for the narrative and its headings. A footnote reference reads as the
superscript number Word prints ("¹").

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
from .field_tables import ParsedTable, find_field_tables
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
_FOOTNOTE_REFERENCE = qn("w:footnoteReference")
SOFT_HYPHEN = "\xad"
# How many paragraphs above a table its title may be (title, subtitle, period, window, reference).
TITLE_DISTANCE = 6
SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

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
    # The tables by field, in the document's order.
    tables: list[ParsedTable] = field(default_factory=list)


def footnote_mark(number: int) -> str:
    """The mark Word prints for the ``number``-th footnote: "¹", "²", … "¹²"."""
    return str(number).translate(SUPERSCRIPT_DIGITS)


def paragraph_text(
    paragraph, footnotes: list[str] | None = None, *, tab: str = " ", br: str = " "
) -> str:
    """A paragraph's text: tabs as ``tab`` (a tab sets the signature block apart from "Nơi
    nhận" in many a document), line breaks as ``br`` (many a header block is one paragraph
    broken into lines), an optional hyphen as the soft hyphen it was
    typed as (TCVN3's "ư", see ``_to_unicode``), a footnote reference as its mark (counted in
    ``footnotes``, the ids met so far in the document)."""
    parts = []
    for node in paragraph.iter(
        qn("w:t"), qn("w:tab"), qn("w:br"), _SOFT_HYPHEN, _FOOTNOTE_REFERENCE
    ):
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag == _FOOTNOTE_REFERENCE:
            if footnotes is not None:
                footnotes.append(node.get(qn("w:id")) or "")
                parts.append(footnote_mark(len(footnotes)))
        elif node.tag == qn("w:tab"):
            parts.append(tab)
        elif node.tag == qn("w:br"):
            parts.append(br)
        else:
            parts.append(SOFT_HYPHEN if node.tag == _SOFT_HYPHEN else " ")
    return "".join(parts)


def _text_of(element) -> str:
    """A cell's or paragraph's text: its paragraphs joined by spaces, cleaned as every text the
    portal stores (``core.text.clean_text``)."""
    paragraphs = [paragraph_text(paragraph) for paragraph in element.iter(qn("w:p"))]
    return clean_text(" ".join(text.strip() for text in paragraphs if text.strip()))


def table_rows(table_element, budget: ReadBudget, *, fill: bool = False) -> list[list[str]]:
    """A table's rows on its grid. ``fill``: a cell spanning columns gives its text to each of
    them, and a cell continuing a vertical merge the text of the cell it continues (a table
    by field's grouped header); otherwise both are blank (an annex's merged "Trong đó")."""
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
            if continued and fill and rows and len(cells) < len(rows[-1]):
                text = rows[-1][len(cells)]
            else:
                text = "" if continued else _text_of(tc)
            cells.append(text)
            cells.extend([text if fill else ""] * (span - 1))
        rows.append(cells)
    return rows


def _to_unicode(texts: list[list[str]]) -> str | None:
    """Text typed in a TCVN3 or VNI font, converted in place in each list of ``texts``; the
    encoding, if any. TCVN3 writes "ư" as the soft hyphen, which Word keeps as an optional
    hyphen; elsewhere it is dropped."""
    legacy = detect(text for group in texts for text in group)

    def convert(text: str) -> str:
        if legacy is None:
            return text.replace(SOFT_HYPHEN, "")
        return to_unicode(text, legacy)

    for group in texts:
        group[:] = [convert(text) for text in group]
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


@dataclass
class BodyParagraph:
    text: str
    centred: bool = False


@dataclass
class BodyTable:
    index: int  # in ``DocumentBody.tables``
    # Each cell's paragraphs, cells left to right, rows top to bottom: a layout table (the
    # header block, the signature block) reads as these lines.
    lines: list[str] = field(default_factory=list)


@dataclass
class DocumentTable:
    rows: list[list[str]]  # merged cells blank but the first
    filled: list[list[str]]  # merged cells holding the merge's text
    title: str  # the nearest paragraph above it in capitals, or ""


@dataclass
class DocumentBody:
    """A Word document's body in order: its paragraphs and tables (top level), every table
    (nested ones too), the footnotes' texts by their marks, and the legacy encoding if any."""

    blocks: list[BodyParagraph | BodyTable] = field(default_factory=list)
    tables: list[DocumentTable] = field(default_factory=list)
    footnotes: list[tuple[str, str]] = field(default_factory=list)  # (mark, text)
    legacy_encoding: str | None = None

    @property
    def paragraphs(self) -> list[str]:
        return [block.text for block in self.blocks if isinstance(block, BodyParagraph)]


def _centred(paragraph) -> bool:
    justification = paragraph.find(f"{qn('w:pPr')}/{qn('w:jc')}")
    return justification is not None and justification.get(qn("w:val")) == "center"


def _title_above(table) -> str:
    """The nearest paragraph in capitals among the few above a table (its title), or ""."""
    for count, sibling in enumerate(table.itersiblings(preceding=True)):
        if sibling.tag != _PARAGRAPH or count >= TITLE_DISTANCE:
            return ""
        text = _text_of(sibling)
        letters = [char for char in text if char.isalpha()]
        if letters and text.upper() == text:
            return text
    return ""


def _footnote_texts(data: bytes, ids: list[str]) -> list[tuple[str, str]]:
    """The text of each footnote referenced (in the order of ``ids``), with its mark."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if "word/footnotes.xml" not in archive.namelist():
            return []
        root = etree.fromstring(
            archive.read("word/footnotes.xml"),
            etree.XMLParser(resolve_entities=False, no_network=True),
        )
    texts = {note.get(qn("w:id")): _text_of(note) for note in root.iter(qn("w:footnote"))}
    return [(footnote_mark(n), texts.get(i, "").strip()) for n, i in enumerate(ids, start=1)]


def read_body(data: bytes, budget: ReadBudget | None = None) -> DocumentBody:
    """The document's body, checked and bounded first (``_check_body``)."""
    budget = budget or ReadBudget()
    try:
        _check_body(data, budget)
        document = Document(io.BytesIO(data))
        element = document.element.body
        body = DocumentBody()
        references: list[str] = []
        table_index = {}
        for number, table in enumerate(element.iter(_TABLE)):
            table_index[table] = number
            body.tables.append(
                DocumentTable(
                    rows=table_rows(table, budget),
                    filled=table_rows(table, budget, fill=True),
                    title=_title_above(table),
                )
            )
        for child in element:
            budget.check_time()
            if child.tag == _PARAGRAPH:
                text = paragraph_text(child, references, tab="\t", br="\n").strip()
                body.blocks.append(BodyParagraph(text, _centred(child)))
            elif child.tag == _TABLE:
                lines = []
                for tr in child.findall(qn("w:tr")):
                    for tc in tr.findall(qn("w:tc")):
                        lines += [
                            paragraph_text(p, references, tab="\t", br="\n").strip()
                            for p in tc.iter(_PARAGRAPH)
                        ]
                body.blocks.append(BodyTable(table_index[child], lines))
        body.footnotes = _footnote_texts(data, references)
    except ImportFileError:
        raise
    except _READ_ERRORS:
        raise ImportFileError(MSG_UNREADABLE) from None
    paragraphs = [block.text for block in body.blocks if isinstance(block, BodyParagraph)]
    layout = [block.lines for block in body.blocks if isinstance(block, BodyTable)]
    cells = [row for table in body.tables for row in (*table.rows, *table.filled)]
    titles = [table.title for table in body.tables]
    notes = [text for _, text in body.footnotes]
    body.legacy_encoding = _to_unicode([paragraphs, *layout, *cells, titles, notes])
    # Converted in place: the layout tables' lines and the tables' rows; set back: the rest.
    paragraph_blocks = [block for block in body.blocks if isinstance(block, BodyParagraph)]
    for paragraph, text in zip(paragraph_blocks, paragraphs, strict=True):
        paragraph.text = text
    for table, title in zip(body.tables, titles, strict=True):
        table.title = title
    body.footnotes = [(mark, text) for (mark, _), text in zip(body.footnotes, notes, strict=True)]
    return body


def annex_of_tables(tables: list[DocumentTable]) -> ParsedAnnex | None:
    """The annex of a document's tables: every table with an annex header, read as one."""
    grid = Grid()
    number = 0
    for table in tables:
        table_grid = Grid()
        for cells in table.rows:
            number += 1
            table_grid.rows.append((number, cells))
        if parse_grid(table_grid) is not None:
            # An annex split into several tables (one per page) reads as one table: the
            # header repeated at the top of each is dropped like a repeated page header.
            grid.rows.extend(table_grid.rows)
    return parse_grid(grid) if grid.rows else None


def field_tables_of(tables: list[DocumentTable]) -> list[ParsedTable]:
    """The tables by field of a document's tables (rows numbered across the document's tables,
    as the annex's are)."""
    found = []
    number = 0
    for table in tables:
        grid = Grid()
        for cells in table.filled:
            number += 1
            grid.rows.append((number, cells))
        found += find_field_tables(grid, merged=True, title=table.title)
    return found


def read_docx(data: bytes, budget: ReadBudget | None = None) -> DocumentAnnex:
    body = read_body(data, budget)
    return DocumentAnnex(
        annex=annex_of_tables(body.tables),
        paragraphs=body.paragraphs,
        legacy_encoding=body.legacy_encoding,
        tables=field_tables_of(body.tables),
    )
