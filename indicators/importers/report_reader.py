"""A whole báo cáo in a file, as a commune writes it today: the Word document (or its text,
pasted into a .txt), read into its parts: the document's header fields, the narrative to split
into the template's outline, the annex rows and the tables by field. Pure reading: matching the
parts to a template is ``reports.report_import``'s.

- Word (.docx): the letter from its paragraphs and layout tables in order
  (``docx.read_body``), the annex from its annex tables, the tables by field from the others;
- text: the letter from its lines, the annex from its tab-separated rows (or PDF text), the
  tables by field from tab-separated rows;
- Excel (.xlsx): no letter; the annex and the tables by field of its sheets.

The same checks and bounds as an annex file's apply (``files``, ``limits``); text typed in the
legacy TCVN3 or VNI encodings is converted, and said.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.text import fold

from .annex_text import ParsedAnnex, clean_cell, parse_annex_lines
from .docx import (
    BodyParagraph,
    DocumentTable,
    annex_of_tables,
    field_tables_of,
    read_body,
)
from .field_tables import ParsedTable, find_field_tables, text_field_tables
from .files import DOCX, TEXT, XLSX, ImportFileError, check_file, read_text
from .legacy_text import LABELS as LEGACY_LABELS
from .legacy_text import MSG_LEGACY
from .limits import (
    MAX_ROWS,
    MAX_TEXT_LINES,
    MSG_TOO_MANY_LINES,
    MSG_TOO_MANY_ROWS,
    ReadBudget,
    refusal,
)
from .pdf_text import is_header_line, parse_pdf_annex
from .reader import MSG_CONVERTED, TEXT_PDF, TEXT_TABS, _has_tab_header
from .report_letter import LetterParts, parse_letter
from .table_rows import Grid, parse_grid
from .xlsx import read_xlsx

# A báo cáo's text is text, whatever its annex is typed as.
REPORT_LABELS = {
    TEXT_TABS: "văn bản (.txt)",
    TEXT_PDF: "văn bản chép từ PDF",
    DOCX: "Word (.docx)",
    XLSX: "Excel (.xlsx)",
}
MSG_NOT_A_REPORT = (
    "Không tìm thấy nội dung báo cáo trong tệp: không có tiêu đề “BÁO CÁO”, không có mục "
    "nào (I., II., …) và không có bảng phụ lục."
)


@dataclass
class ReportSource:
    """What a báo cáo file holds, read but not yet matched to a template."""

    format: str  # docx, text, pdf-text (the annex of a text), xlsx
    letter: LetterParts
    annex: ParsedAnnex
    tables: list[ParsedTable] = field(default_factory=list)
    legacy_encoding: str | None = None

    @property
    def format_label(self) -> str:
        label = REPORT_LABELS.get(self.format, self.format)
        if self.legacy_encoding is not None:
            label += MSG_CONVERTED.format(label=LEGACY_LABELS[self.legacy_encoding])
        return label

    @property
    def is_empty(self) -> bool:
        return not (
            self.letter.has_title or self.letter.narrative or self.annex.rows or self.tables
        )


def read_report_source(data: bytes) -> ReportSource:
    """The báo cáo in the file's bytes; raises ImportFileError (Vietnamese message) when the
    file is unsafe, unreadable, too large for a báo cáo, or holds nothing of one."""
    checked = check_file(data)
    budget = ReadBudget()
    if checked.format == DOCX:
        source = _read_docx(data, budget)
    elif checked.format == XLSX:
        workbook = read_xlsx(data, budget)
        source = ReportSource(
            XLSX,
            parse_letter([]),
            workbook.annex or ParsedAnnex(),
            workbook.tables,
            workbook.legacy_encoding,
        )
    else:
        assert checked.format == TEXT
        source = _read_text(data)
    if len(source.annex.rows) > MAX_ROWS:
        raise refusal(MSG_TOO_MANY_ROWS, MAX_ROWS)
    budget.check_time()
    if source.is_empty:
        message = MSG_NOT_A_REPORT
        if source.legacy_encoding is not None:
            label = LEGACY_LABELS[source.legacy_encoding]
            message += " " + MSG_LEGACY.format(label=label)
        raise ImportFileError(message)
    return source


def _is_data_table(table: DocumentTable) -> bool:
    grid = Grid(rows=list(enumerate(table.rows, start=1)))
    if parse_grid(grid) is not None:
        return True
    filled = Grid(rows=list(enumerate(table.filled, start=1)))
    return bool(find_field_tables(filled, merged=True))


def _read_docx(data: bytes, budget: ReadBudget) -> ReportSource:
    body = read_body(data, budget)
    lines: list[str] = []
    centred: list[bool] = []
    stop: int | None = None
    for block in body.blocks:
        if isinstance(block, BodyParagraph):
            # A paragraph broken into lines (Shift+Enter) is as many lines.
            pieces = [piece.strip() for piece in block.text.split("\n")]
            lines += pieces
            centred += [block.centred] * len(pieces)
        elif _is_data_table(body.tables[block.index]):
            # The annex and the tables by field: the letter ends at the first of them.
            stop = len(lines) if stop is None else stop
            lines.append("")
            centred.append(False)
        else:
            # A layout table (header block, signature block): its cells' lines, in order.
            pieces = [piece.strip() for line in block.lines for piece in line.split("\n")]
            lines += pieces
            centred += [False] * len(pieces)
    annex = annex_of_tables(body.tables)
    tables = field_tables_of(body.tables)
    if annex is None and _has_tab_header(lines):
        # An annex pasted as tab-separated paragraphs rather than drawn as a table.
        annex = parse_annex_lines(lines)
        start = _annex_start(lines, tabs=True)
        if start is not None:
            stop = start if stop is None else min(stop, start)
        tables += text_field_tables(lines)
    letter = parse_letter(lines, centred=centred, stop=stop, spaced_columns=False)
    letter.header.footnotes = [{"mark": mark, "text": text} for mark, text in body.footnotes]
    return ReportSource(DOCX, letter, annex or ParsedAnnex(), tables, body.legacy_encoding)


def _annex_start(lines: list[str], tabs: bool) -> int | None:
    """Where the annex's table starts in text: its "STT | Chỉ tiêu …" header line."""
    for index, line in enumerate(lines):
        if tabs and "\t" in line:
            first, _, rest = line.partition("\t")
            if fold(clean_cell(first)) in {"stt", "st t"} and "chi tieu" in fold(rest):
                return index
        elif not tabs and fold(clean_cell(line)) in {"stt", "st t", "tt"} and is_header_line(line):
            return index
    return None


def _read_text(data: bytes) -> ReportSource:
    decoded = read_text(data)
    lines = decoded.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) > MAX_TEXT_LINES:
        raise refusal(MSG_TOO_MANY_LINES, MAX_TEXT_LINES)
    tabs = _has_tab_header(lines)
    stop = _annex_start(lines, tabs)
    if tabs:
        annex = parse_annex_lines(lines)
    elif stop is not None:
        annex = parse_pdf_annex(lines)
    else:
        annex = ParsedAnnex()
    return ReportSource(
        TEXT_TABS if tabs or stop is None else TEXT_PDF,
        parse_letter(lines, stop=stop),
        annex,
        text_field_tables(lines),
        decoded.legacy_encoding,
    )
