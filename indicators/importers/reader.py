"""One entry point for every annex file: check it, tell its format by content, and read it
with the reader of that format into the parsed rows the tree builder takes.

| format | reader |
|---|---|
| plain text, tab-separated rows (seeds 000, 001, 003, 004) | ``annex_text.parse_annex_lines`` |
| plain text extracted from a PDF (seed 002) | ``pdf_text.parse_pdf_annex`` |
| Excel .xlsx | ``xlsx.read_xlsx`` |
| Word .docx | ``docx.read_docx`` |

Beside the annex, the tables by field the file has (``field_tables``): a workbook's sheets
("Theo lĩnh vực", or any sheet with such a table), a document's tables, tab-separated text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.text import fold

from .annex_text import ParsedAnnex, clean_cell, parse_annex_lines
from .docx import read_docx
from .field_tables import ParsedTable, text_field_tables
from .files import DOCX, MSG_NOT_ANNEX, TEXT, XLSX, ImportFileError, check_file, read_text
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
from .pdf_text import parse_pdf_annex
from .xlsx import read_xlsx

TEXT_TABS = "text"
TEXT_PDF = "pdf-text"
SOURCE_LABELS = {
    TEXT_TABS: "văn bản, mỗi dòng một hàng (cột cách nhau bằng tab)",
    TEXT_PDF: "văn bản chép từ PDF",
    XLSX: "Excel (.xlsx)",
    DOCX: "Word (.docx)",
}
MSG_CONVERTED = ", chữ bảng mã {label} đã được chuyển sang Unicode"


@dataclass
class AnnexSource:
    """What a file holds: the annex rows, and the document's lines (narrative) if any."""

    format: str
    annex: ParsedAnnex
    lines: list[str] = field(default_factory=list)
    # A template export of the portal: hidden row attributes and the template's other parts.
    row_data: dict[str, dict] = field(default_factory=dict)
    template_parts: dict[str, list] = field(default_factory=dict)
    # The legacy encoding (TCVN3, VNI) the file's text was converted from, if any.
    legacy_encoding: str | None = None
    # The tables by field (bảng theo lĩnh vực) the file has, in order.
    tables: list[ParsedTable] = field(default_factory=list)
    # ``lines`` are the narrative only, its end already found (a whole báo cáo's).
    narrative_only: bool = False

    @property
    def format_label(self) -> str:
        label = SOURCE_LABELS.get(self.format, self.format)
        if self.legacy_encoding is not None:
            label += MSG_CONVERTED.format(label=LEGACY_LABELS[self.legacy_encoding])
        return label


def _has_tab_header(lines: list[str]) -> bool:
    for line in lines:
        if "\t" not in line:
            continue
        first, _, rest = line.partition("\t")
        if fold(clean_cell(first)) in {"stt", "st t"} and "chi tieu" in fold(rest):
            return True
    return False


def _not_annex(legacy_encoding: str | None) -> ImportFileError:
    if legacy_encoding is None:
        return ImportFileError(MSG_NOT_ANNEX)
    legacy = MSG_LEGACY.format(label=LEGACY_LABELS[legacy_encoding])
    return ImportFileError(f"{MSG_NOT_ANNEX} {legacy}")


def read_annex_source(data: bytes) -> AnnexSource:
    """The annex in the file's bytes; raises ImportFileError (Vietnamese message) when the file
    is unsafe, unreadable, or holds no annex table."""
    checked = check_file(data)
    budget = ReadBudget()
    if checked.format == XLSX:
        workbook = read_xlsx(data, budget)
        legacy = workbook.legacy_encoding
        if workbook.annex is None:
            raise _not_annex(legacy)
        source = AnnexSource(
            XLSX,
            workbook.annex,
            row_data=workbook.row_data,
            template_parts=workbook.template_parts,
            tables=workbook.tables,
        )
    elif checked.format == DOCX:
        document = read_docx(data, budget)
        legacy = document.legacy_encoding
        if document.annex is None:
            raise _not_annex(legacy)
        source = AnnexSource(
            DOCX, document.annex, lines=document.paragraphs, tables=document.tables
        )
    else:
        assert checked.format == TEXT
        decoded = read_text(data)
        legacy = decoded.legacy_encoding
        lines = decoded.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if len(lines) > MAX_TEXT_LINES:
            raise refusal(MSG_TOO_MANY_LINES, MAX_TEXT_LINES)
        if _has_tab_header(lines):
            source = AnnexSource(
                TEXT_TABS, parse_annex_lines(lines), lines=lines, tables=text_field_tables(lines)
            )
        else:
            source = AnnexSource(TEXT_PDF, parse_pdf_annex(lines), lines=lines)
    if not source.annex.rows:
        raise _not_annex(legacy)
    # Whatever the format, what comes next (the tree, the matching) is bounded too.
    if len(source.annex.rows) > MAX_ROWS:
        raise refusal(MSG_TOO_MANY_ROWS, MAX_ROWS)
    budget.check_time()
    source.legacy_encoding = legacy
    return source
