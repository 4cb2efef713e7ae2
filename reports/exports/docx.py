"""The báo cáo as the Word document a commune signs and files (Nghị định 30/2020/NĐ-CP, Phụ lục I):
header block, title, narrative, closing, nơi nhận and signature, then the annex on a new page.

Every size below is in Word's units (twips, points) and is named after the rule it meets; see
``docs/DOMAIN.md`` ("Document format") for the table these constants implement.
"""

from __future__ import annotations

import io
import re
from copy import deepcopy
from dataclasses import dataclass, field

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.section import Section
from docx.shared import Twips

from reports.exports import wordml
from reports.exports.annex_rows import (
    HEADER_NAME,
    HEADER_NOTE,
    HEADER_RESULT,
    HEADER_STT,
    HEADER_UNIT,
    HEADER_VALUE,
    Annex,
    AnnexRow,
    FieldTableData,
    build_annex,
    document_number,
)
from reports.exports.dates import OPEN_DATE, long_date, normalise_printed_date
from reports.models import Report, ReportStatus

# Vietnamese text of the document.
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
DOCUMENT_TITLE = "BÁO CÁO"
NUMBER_LINE = "Số: {number}/{symbol}"
OPEN_NUMBER = "     "  # left for the văn thư, who numbers the document when it is signed
RECIPIENT_LINE = "Kính gửi: {recipient}"
RECIPIENTS_LABEL = "Nơi nhận:"
FILED_AT_RECORDS = "Lưu: VT"
DRAFT_MARK = "DỰ THẢO"
DEFAULT_ISSUER_PARENT = "ỦY BAN NHÂN DÂN"
DEFAULT_SUMMARY = "Kết quả thực hiện công tác cải cách hành chính {period}"
DEFAULT_CLOSING = (
    "Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính {period} của {issuer}./."
)
DEFAULT_SIGNER = ("TM.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
DEFAULT_AUTHORITY = {"TM.": "ỦY BAN NHÂN DÂN", "KT.": "CHỦ TỊCH"}
GENERATOR = "Cổng báo cáo cải cách hành chính"

# Page: A4 portrait; margins top and bottom 20 mm, left 30 mm, right 15 mm (twips).
PAGE_WIDTH = 11906
PAGE_HEIGHT = 16838
MARGIN_TOP = 1134
MARGIN_BOTTOM = 1134
MARGIN_LEFT = 1701
MARGIN_RIGHT = 850
HEADER_DISTANCE = 567  # 10 mm from the edge: the page number sits inside the top margin
FOOTER_DISTANCE = 567
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
LANDSCAPE_TEXT_WIDTH = PAGE_HEIGHT - MARGIN_LEFT - MARGIN_RIGHT

# Font sizes (points), each within its rule.
BODY_PT = 14  # body 13–14, one size throughout
ISSUER_PT = 13  # issuing body 12–13, capitals, bold
QUOC_HIEU_PT = 12  # 12–13: at 12 pt the national name fits its column on one line
TIEU_NGU_PT = 13  # 13–14, bold
NUMBER_PT = 13  # số, ký hiệu 13
PLACE_DATE_PT = 14  # 13–14, italic
TITLE_PT = 14  # "BÁO CÁO" and trích yếu 13–14, bold
SIGNATURE_PT = 14  # 13–14, bold
RECIPIENTS_LABEL_PT = 12  # "Nơi nhận:" 12, bold italic
RECIPIENTS_PT = 11  # items 11
PAGE_NUMBER_PT = 14  # 13–14
ANNEX_HEADING_PT = 14  # "Phụ lục" 14, bold
ANNEX_TABLE_PT = 12
FIELD_TABLE_PT = 10  # twelve figure columns on a landscape page

# Body paragraphs: first-line indent 1.27 cm, 6 pt after, 1.15 lines (single to 1.5 allowed).
FIRST_LINE_INDENT = 720
SPACE_AFTER = 120
LINE_SPACING = 276
SIGNATURE_SPACE = 1800  # about 3 cm left for the signature and the seal

# Column widths (twips).
HEADER_COLUMNS = (3600, TEXT_WIDTH - 3600)
SIGNATURE_COLUMNS = (4400, TEXT_WIDTH - 4400)
ANNEX_COLUMNS = (800, TEXT_WIDTH - 800 - 1700 - 1100 - 1300, 1700, 1100, 1300)
FIELD_STT_WIDTH = 600
FIELD_LABEL_WIDTH = 2400
BREAKDOWN_INDENT = 284  # 5 mm: "Trong đó" rows sit under their parent

# Rules: the issuing body's and the trích yếu's are 1/3–1/2 of their line; the motto's is full
# (a little over the computed width: LibreOffice's metric-compatible font runs slightly wider).
SHORT_RULE = 0.4
FULL_RULE = 1.03
RULE_GAP = 50  # twips between a line of text and the rule under it
RULE_LINE = 40  # the rule's own paragraph: 2 pt high
# A deeper heading inside a section's text ("2.1. Công tác …"), printed bold italic.
_SUBHEADING = re.compile(r"^\d+(\.\d+)+\.?\s+\S")
_SUBHEADING_MAX = 200


@dataclass
class Letter:
    """The document around the annex, as it will be printed."""

    issuer_parent: str
    issuer: str
    number: str
    symbol: str
    place_date: str
    summary: str
    recipient: str
    opening: list[str]
    sections: list[tuple[int, str, list[str]]]
    closing: str
    recipients: list[str]
    signer: list[str]
    signer_name: str
    footnotes: dict[str, str] = field(default_factory=dict)
    draft: bool = False


def render_docx(report: Report, *, blank: bool = False) -> bytes:
    """The báo cáo with its annex, or (``blank``) the empty form of its template."""
    letter = build_letter(report, blank=blank)
    annex = build_annex(report, blank=blank)
    document = Document()
    wordml.use_times_new_roman_everywhere(document, BODY_PT * 2)
    _properties(document, letter, report)
    section = document.sections[0]
    _page(section, landscape=False)
    # Nghị định 30: page numbers from page 2 on, so the first page has a header of its own.
    section.different_first_page_header_footer = True
    _headers(section, draft=letter.draft)
    footnotes = wordml.Footnotes(document)
    body: list[str] = [_header_block(letter), *_title(letter), *_narrative(letter, footnotes)]
    body.append(_signature_block(letter))
    # The báo cáo's section ends here; the annex follows on a new page, in sections whose
    # headers (the page number, the draft mark) are those of the first section.
    body.append(wordml.section_break(wordml.xml_of(section._sectPr)))
    body.extend(_annex(annex))
    annex_section = _section_xml(document, section, landscape=False)
    if annex.tables:
        # The table by field has a dozen figure columns: it gets a landscape section.
        body.append(wordml.section_break(annex_section))
        for index, table in enumerate(annex.tables):
            body.extend(_field_table(annex, table, first=index == 0))
        annex_section = _section_xml(document, section, landscape=True)
    body.append(annex_section)
    document = wordml.replace_body(document, body)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def build_letter(report: Report, *, blank: bool = False) -> Letter:
    """The document's texts from the report; a blank form keeps only who issues it, for which
    period, and the template's outline headings."""
    unit = report.unit
    period = report.period
    issuer_name = unit.name[:1].lower() + unit.name[1:]
    # The place as the report printed it (typos included); a blank form takes the unit's name.
    place = (not blank and report.place) or unit.short_name
    if report.document_date and not blank:
        date = long_date(report.document_date)
    elif report.date_printed and not blank:
        date = normalise_printed_date(report.date_printed)
    else:
        date = OPEN_DATE.format(year=period.end_date.year)
    if blank:
        sections = [
            (outline.level, outline.heading, [""])
            for outline in report.template.outline.order_by("position")
        ]
    else:
        sections = [
            (section.level, section.heading, _paragraphs(section.text))
            for section in report.sections.order_by("position")
        ] or [
            (outline.level, outline.heading, [""])
            for outline in report.template.outline.order_by("position")
        ]
    default_closing = DEFAULT_CLOSING.format(period=period.label, issuer=f"UBND {issuer_name}")
    mode, authority, title = (
        DEFAULT_SIGNER
        if blank or not (report.signer_title or report.signer_mode)
        else (report.signer_mode, report.signer_authority, report.signer_title)
    )
    signer = [f"{mode} {authority or DEFAULT_AUTHORITY.get(mode, '')}".strip()] if mode else []
    signer.append(title)
    return Letter(
        issuer_parent=(report.issuer_parent or DEFAULT_ISSUER_PARENT).upper(),
        issuer=(report.issuer or unit.name).upper(),
        number="" if blank else document_number(report.number),
        symbol=report.symbol,
        place_date=f"{place}, {date}",
        summary=("" if blank else report.summary) or DEFAULT_SUMMARY.format(period=period.label),
        recipient="" if blank else report.recipient,
        opening=[] if blank else _paragraphs(report.legal_basis) + _paragraphs(report.intro),
        sections=sections,
        closing=("" if blank else report.closing) or default_closing,
        recipients=recipient_lines([] if blank else _as_list(report.recipients)),
        signer=[line.upper() for line in signer if line],
        signer_name="" if blank else report.signer_name,
        footnotes={}
        if blank
        else {
            note["mark"]: note.get("text", "")
            for note in _as_list(report.footnotes)
            if isinstance(note, dict) and note.get("mark")
        },
        draft=not blank and report.status != ReportStatus.APPROVED,
    )


def recipient_lines(items: list[str]) -> list[str]:
    """ "- UBND huyện (b/c);" … and last "- Lưu: VT.": the filed copy is always the last line."""
    cleaned = [item.strip().rstrip(";.").strip() for item in items if item and item.strip()]
    if not cleaned or not cleaned[-1].lower().startswith("lưu"):
        cleaned.append(FILED_AT_RECORDS)
    return [f"- {item};" for item in cleaned[:-1]] + [f"- {cleaned[-1]}."]


def _as_list(value) -> list:
    """A JSON field that should hold a list; a single string counts as one item."""
    if isinstance(value, list):
        return value
    return [value] if value else []


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _properties(document: WordDocument, letter: Letter, report: Report) -> None:
    properties = document.core_properties
    properties.title = f"{DOCUMENT_TITLE} {letter.summary}"[:255]
    properties.subject = report.period.label
    properties.author = f"{letter.issuer_parent} {letter.issuer}"[:255]
    properties.last_modified_by = GENERATOR
    properties.language = wordml.LANGUAGE
    properties.comments = ""
    properties.keywords = "CCHC"
    # The template file's own dates (2013) would otherwise show as the document's.
    if report.created_at and report.updated_at:
        properties.created = report.created_at
        properties.modified = report.updated_at
    properties.revision = max(report.version, 1)


def _page(section, *, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width = Twips(PAGE_HEIGHT if landscape else PAGE_WIDTH)
    section.page_height = Twips(PAGE_WIDTH if landscape else PAGE_HEIGHT)
    section.top_margin = Twips(MARGIN_TOP)
    section.bottom_margin = Twips(MARGIN_BOTTOM)
    section.left_margin = Twips(MARGIN_LEFT)
    section.right_margin = Twips(MARGIN_RIGHT)
    section.header_distance = Twips(HEADER_DISTANCE)
    section.footer_distance = Twips(FOOTER_DISTANCE)
    section.gutter = Twips(0)


def _headers(section, *, draft: bool) -> None:
    number = wordml.paragraph(wordml.field_runs("PAGE", size=PAGE_NUMBER_PT), align="center")
    # Until it is approved, every page says it is a draft, not a document to file.
    mark = wordml.paragraph(
        wordml.run(DRAFT_MARK, size=PAGE_NUMBER_PT, bold=True) if draft else "", align="right"
    )
    for header, paragraphs in (
        (section.header, [number, mark] if draft else [number]),
        (section.first_page_header, [mark]),
    ):
        element = header._element
        for child in list(element):
            element.remove(child)
        wordml.append(element, paragraphs)


def _centred(
    text: str, *, size: float, bold=False, italic=False, before=0, after=0, keep=False
) -> str:
    runs = wordml.run(text, size=size, bold=bold, italic=italic) if text else ""
    return wordml.paragraph(
        runs, align="center", before=before, after=after, keep_with_next=keep, mark_size=size
    )


def _rule(*, length: float, within: int) -> str:
    """A centred rule ``length`` twips long: the top border of a hairline paragraph whose
    indents make it as long as the rule (Word has no "line under part of a line" otherwise)."""
    indent = max(int((within - min(length, within)) / 2), 0)
    return wordml.paragraph(
        align="center",
        left=indent,
        right=indent,
        before=RULE_GAP,
        exact_line=RULE_LINE,
        rule="top",
        mark_size=1,
    )


def _header_block(letter: Letter) -> str:
    """Issuing body and số ký hiệu left; quốc hiệu, tiêu ngữ, place and date right: a
    borderless two-column table, as the Word templates of Nghị định 30 lay it out."""
    lines = [line for line in (letter.issuer_parent, letter.issuer) if line]
    longest = max(wordml.text_width_pt(line, ISSUER_PT, bold=True) for line in lines)
    number = NUMBER_LINE.format(number=letter.number or OPEN_NUMBER, symbol=letter.symbol)
    left = "".join(_centred(line, size=ISSUER_PT, bold=True) for line in lines)
    left += _rule(length=longest * 20 * SHORT_RULE, within=HEADER_COLUMNS[0])
    left += _centred(number, size=NUMBER_PT, before=120)
    motto = wordml.text_width_pt(TIEU_NGU, TIEU_NGU_PT, bold=True) * 20 * FULL_RULE
    right = _centred(QUOC_HIEU, size=QUOC_HIEU_PT, bold=True)
    right += _centred(TIEU_NGU, size=TIEU_NGU_PT, bold=True)
    right += _rule(length=motto, within=HEADER_COLUMNS[1])
    right += _centred(letter.place_date, size=PLACE_DATE_PT, italic=True, before=120)
    cells = [wordml.Cell(left), wordml.Cell(right)]
    return wordml.table(
        HEADER_COLUMNS, [wordml.row(cells, HEADER_COLUMNS)], borders=False, cell_margin=0
    )


def _title(letter: Letter) -> list[str]:
    summary = wordml.text_width_pt(letter.summary, TITLE_PT, bold=True) * 20
    parts = [
        _centred(DOCUMENT_TITLE, size=TITLE_PT, bold=True, before=360, keep=True),
        _centred(letter.summary, size=TITLE_PT, bold=True, keep=True),
        _rule(length=min(summary, TEXT_WIDTH) * SHORT_RULE, within=TEXT_WIDTH),
    ]
    if letter.recipient:
        recipient = RECIPIENT_LINE.format(recipient=letter.recipient)
        parts.append(_centred(recipient, size=BODY_PT, before=240, after=120))
    else:
        parts.append(wordml.paragraph(after=120))
    return parts


def _body(
    text: str,
    footnotes: wordml.Footnotes,
    notes: dict[str, str],
    *,
    bold: bool = False,
    italic: bool = False,
    keep: bool = False,
) -> str:
    """A body paragraph: justified, 1.27 cm first-line indent, 6 pt after, 1.15 lines; a
    footnote mark of the text ("¹") becomes a real footnote reference."""
    marks = [mark for mark in notes if mark in text]
    if marks:
        pattern = re.compile("|".join(re.escape(mark) for mark in marks))
        runs, position = [], 0
        for match in pattern.finditer(text):
            if match.group(0) not in notes:
                continue  # a mark used twice points to its note once
            before = text[position : match.start()]
            if before:
                runs.append(wordml.run(before, size=BODY_PT, bold=bold, italic=italic))
            number = footnotes.add(notes.pop(match.group(0)))
            runs.append(wordml.footnote_reference(number, size=BODY_PT))
            position = match.end()
        if position < len(text):
            runs.append(wordml.run(text[position:], size=BODY_PT, bold=bold, italic=italic))
        content = "".join(runs)
    else:
        content = wordml.run(text, size=BODY_PT, bold=bold, italic=italic) if text else ""
    return wordml.paragraph(
        content,
        align="both",
        first_line=FIRST_LINE_INDENT,
        after=SPACE_AFTER,
        line=LINE_SPACING,
        keep_with_next=keep,
        mark_size=BODY_PT,
    )


def _narrative(letter: Letter, footnotes: wordml.Footnotes) -> list[str]:
    notes = dict(letter.footnotes)
    parts = [_body(text, footnotes, notes) for text in letter.opening]
    for _level, heading, paragraphs in letter.sections:
        # Headings I., II. and 1., 2. are bold, in the body's layout, and stay with their text.
        parts.append(_body(heading, footnotes, notes, bold=True, keep=True))
        for text in paragraphs:
            deeper = bool(_SUBHEADING.match(text)) and len(text) <= _SUBHEADING_MAX
            parts.append(_body(text, footnotes, notes, bold=deeper, italic=deeper, keep=deeper))
    # Notes whose mark the text lost still reach the reader, referenced from the closing line.
    closing = letter.closing
    parts.append(_body(closing, footnotes, notes))
    if notes:
        references = "".join(
            wordml.footnote_reference(footnotes.add(text), size=BODY_PT) for text in notes.values()
        )
        parts[-1] = parts[-1].replace("</w:p>", references + "</w:p>")
    return parts


def _signature_block(letter: Letter) -> str:
    """Nơi nhận (left) and the signature (right), side by side in a borderless table."""
    left = wordml.paragraph(
        wordml.run(RECIPIENTS_LABEL, size=RECIPIENTS_LABEL_PT, bold=True, italic=True),
        before=120,
    )
    left += "".join(
        wordml.paragraph(wordml.run(line, size=RECIPIENTS_PT)) for line in letter.recipients
    )
    first, *rest = letter.signer
    right = _centred(first, size=SIGNATURE_PT, bold=True, before=120)
    right += "".join(_centred(line, size=SIGNATURE_PT, bold=True) for line in rest)
    # The space between the chức vụ and the name is where the signer signs and stamps.
    right += _centred(letter.signer_name, size=SIGNATURE_PT, bold=True, before=SIGNATURE_SPACE)
    cells = [wordml.Cell(left), wordml.Cell(right)]
    return wordml.table(
        SIGNATURE_COLUMNS, [wordml.row(cells, SIGNATURE_COLUMNS)], borders=False, cell_margin=0
    )


def _section_xml(document: WordDocument, first: Section, *, landscape: bool) -> str:
    """The properties of an annex section: the first section's, starting on a new page,
    portrait or landscape, its headers inherited (no references of its own)."""
    properties = deepcopy(first._sectPr)
    for reference in properties.xpath("w:headerReference|w:footerReference"):
        properties.remove(reference)
    section = Section(properties, document.part)
    section.start_type = WD_SECTION.NEW_PAGE
    _page(section, landscape=landscape)
    # Annex pages carry their page number too: only the báo cáo's first page goes without.
    section.different_first_page_header_footer = False
    return wordml.xml_of(properties)


def _annex(annex: Annex) -> list[str]:
    return [
        _centred(annex.label, size=ANNEX_HEADING_PT, bold=True, keep=True),
        _centred(annex.title, size=ANNEX_HEADING_PT, bold=True, keep=True),
        _centred(annex.reference, size=ANNEX_HEADING_PT, italic=True, after=240, keep=True),
        _annex_table(annex.rows),
    ]


def _cell_text(
    text: str,
    *,
    size: float,
    bold: bool = False,
    italic: bool = False,
    align: str = "center",
    left: int | None = None,
) -> str:
    runs = wordml.run(text, size=size, bold=bold, italic=italic) if text else ""
    return wordml.paragraph(runs, align=align, left=left, before=20, after=20, mark_size=size)


def _header_cell(text: str, *, size: float, span: int = 1, vmerge: str | None = None):
    content = _cell_text(text, size=size, bold=True) if vmerge != "continue" else ""
    return wordml.Cell(content, span=span, vmerge=vmerge, centred_vertically=True)


def _annex_table(rows: tuple[AnnexRow, ...]) -> str:
    """STT | Chỉ tiêu thống kê | Kết quả thống kê (Đơn vị tính | Số liệu) | Ghi chú: the two
    header rows merged as the seeds print them and repeated on every page."""
    size = ANNEX_TABLE_PT
    top = [
        _header_cell(HEADER_STT, size=size, vmerge="restart"),
        _header_cell(HEADER_NAME, size=size, vmerge="restart"),
        _header_cell(HEADER_RESULT, size=size, span=2),
        _header_cell(HEADER_NOTE, size=size, vmerge="restart"),
    ]
    bottom = [
        _header_cell("", size=size, vmerge="continue"),
        _header_cell("", size=size, vmerge="continue"),
        _header_cell(HEADER_UNIT, size=size),
        _header_cell(HEADER_VALUE, size=size),
        _header_cell("", size=size, vmerge="continue"),
    ]
    xml_rows = [
        wordml.row(top, ANNEX_COLUMNS, header=True),
        wordml.row(bottom, ANNEX_COLUMNS, header=True),
    ]
    for row in rows:
        bold, italic = row.is_section, row.is_breakdown
        cells = [
            wordml.Cell(_cell_text(row.stt, size=size, bold=bold, italic=italic)),
            wordml.Cell(
                _cell_text(
                    row.name,
                    size=size,
                    bold=bold,
                    italic=italic,
                    align="left",
                    left=BREAKDOWN_INDENT if row.is_breakdown else None,
                )
            ),
            wordml.Cell(_cell_text(row.unit, size=size, bold=bold)),
            wordml.Cell(_cell_text(row.value_text, size=size, bold=bold)),
            wordml.Cell(_cell_text(row.note, size=size, align="left")),
        ]
        xml_rows.append(wordml.row(cells, ANNEX_COLUMNS))
    return wordml.table(ANNEX_COLUMNS, xml_rows, borders=True)


def _field_table(annex: Annex, data: FieldTableData, *, first: bool) -> list[str]:
    """The table by field (seed 003) with its grouped header, on a landscape page."""
    size = FIELD_TABLE_PT
    parts = [
        _centred(data.title.upper(), size=ANNEX_HEADING_PT, bold=True, before=0 if first else 360),
    ]
    if data.subtitle:
        parts.append(_centred(data.subtitle, size=ANNEX_HEADING_PT, bold=True))
    parts += [
        _centred(annex.period_line, size=BODY_PT - 1),
        _centred(annex.window_line, size=BODY_PT - 1),
        _centred(annex.reference, size=BODY_PT - 1, italic=True, after=200),
    ]
    figures = len(data.column_codes)
    figure_width = (LANDSCAPE_TEXT_WIDTH - FIELD_STT_WIDTH - FIELD_LABEL_WIDTH) // max(figures, 1)
    widths = [FIELD_STT_WIDTH, FIELD_LABEL_WIDTH] + [figure_width] * figures
    # Lay the header cells on the grid: a cell starts where it is declared; the rows below a
    # tall cell continue its vertical merge; columns inside a wide cell are skipped.
    starts = {(cell.row, cell.column): cell for cell in data.header}
    continued: dict[tuple[int, int], int] = {}
    for cell in data.header:
        for offset in range(1, cell.rowspan):
            continued[(cell.row + offset, cell.column)] = cell.colspan
    xml_rows = []
    for grid_row in range(data.header_rows):
        cells, column = [], 0
        while column < data.width:
            if (grid_row, column) in starts:
                cell = starts[(grid_row, column)]
                vmerge = "restart" if cell.rowspan > 1 else None
                cells.append(_header_cell(cell.text, size=size, span=cell.colspan, vmerge=vmerge))
                column += cell.colspan
            elif (grid_row, column) in continued:
                span = continued[(grid_row, column)]
                cells.append(_header_cell("", size=size, span=span, vmerge="continue"))
                column += span
            else:  # not reached with a well-formed header; keeps the grid whole regardless
                cells.append(_header_cell("", size=size))
                column += 1
        xml_rows.append(wordml.row(cells, widths, header=True))
    for row in data.rows:
        bold = row.is_total
        cells = [
            wordml.Cell(_cell_text(row.stt, size=size, bold=bold)),
            wordml.Cell(_cell_text(row.label, size=size, bold=bold, align="left")),
        ]
        cells += [
            wordml.Cell(_cell_text(text, size=size, bold=bold, align="right")) for text in row.texts
        ]
        xml_rows.append(wordml.row(cells, widths))
    parts.append(wordml.table(widths, xml_rows, borders=True, cell_margin=50))
    return parts
