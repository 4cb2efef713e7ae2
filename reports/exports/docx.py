"""The báo cáo as the Word document a commune signs and files (Nghị định 30/2020/NĐ-CP, Phụ lục I):
header block, title, narrative, closing, nơi nhận and signature, then the annex on a new page.

The sizes come from ``docx_layout`` (each named after the rule of Nghị định 30 it meets), the
annex from ``docx_annex``.
"""

from __future__ import annotations

import io
import re
from copy import deepcopy

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.section import Section
from docx.shared import Twips

from core.text import clean_text
from reports.exports import wordml
from reports.exports.annex_rows import (
    build_annex,
)
from reports.exports.docx_annex import annex_parts, field_table_parts
from reports.exports.docx_layout import (
    BODY_PT,
    FIRST_LINE_INDENT,
    FOOTER_DISTANCE,
    FULL_RULE,
    HEADER_COLUMNS,
    HEADER_DISTANCE,
    ISSUER_PT,
    LINE_SPACING,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    NUMBER_PT,
    PAGE_HEIGHT,
    PAGE_NUMBER_PT,
    PAGE_WIDTH,
    PLACE_DATE_PT,
    QUOC_HIEU_PT,
    RECIPIENTS_LABEL_PT,
    RECIPIENTS_PT,
    RULE_GAP,
    RULE_LINE,
    SHORT_RULE,
    SIGNATURE_COLUMNS,
    SIGNATURE_PT,
    SIGNATURE_SPACE,
    SPACE_AFTER,
    TEXT_WIDTH,
    TIEU_NGU_PT,
    TITLE_PT,
    centred,
)
from reports.exports.letter import Letter, build_letter
from reports.models import Report

# Vietnamese text of the document.
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
DOCUMENT_TITLE = "BÁO CÁO"
NUMBER_LINE = "Số: {number}/{symbol}"
OPEN_NUMBER = "     "  # left for the văn thư, who numbers the document when it is signed
RECIPIENT_LINE = "Kính gửi: {recipient}"
RECIPIENTS_LABEL = "Nơi nhận:"
DRAFT_MARK = "DỰ THẢO"
GENERATOR = "Cổng báo cáo cải cách hành chính"

# A deeper heading inside a section's text ("2.1. Công tác …"), printed bold italic.
_SUBHEADING = re.compile(r"^\d+(\.\d+)+\.?\s+\S")
_SUBHEADING_MAX = 200


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
    body.extend(annex_parts(annex))
    annex_section = _section_xml(document, section, landscape=False)
    if annex.tables:
        # The table by field has a dozen figure columns: it gets a landscape section.
        body.append(wordml.section_break(annex_section))
        for index, table in enumerate(annex.tables):
            body.extend(field_table_parts(annex, table, first=index == 0))
        annex_section = _section_xml(document, section, landscape=True)
    body.append(annex_section)
    document = wordml.replace_body(document, body)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _properties(document: WordDocument, letter: Letter, report: Report) -> None:
    properties = document.core_properties
    # Set on lxml elements, which refuse control characters: cleaned at write time.
    properties.title = clean_text(f"{DOCUMENT_TITLE} {letter.summary}")[:255]
    properties.subject = clean_text(report.period.label)
    properties.author = clean_text(f"{letter.issuer_parent} {letter.issuer}")[:255]
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
    left = "".join(centred(line, size=ISSUER_PT, bold=True) for line in lines)
    left += _rule(length=longest * 20 * SHORT_RULE, within=HEADER_COLUMNS[0])
    left += centred(number, size=NUMBER_PT, before=120)
    motto = wordml.text_width_pt(TIEU_NGU, TIEU_NGU_PT, bold=True) * 20 * FULL_RULE
    right = centred(QUOC_HIEU, size=QUOC_HIEU_PT, bold=True)
    right += centred(TIEU_NGU, size=TIEU_NGU_PT, bold=True)
    right += _rule(length=motto, within=HEADER_COLUMNS[1])
    right += centred(letter.place_date, size=PLACE_DATE_PT, italic=True, before=120)
    cells = [wordml.Cell(left), wordml.Cell(right)]
    return wordml.table(
        HEADER_COLUMNS, [wordml.row(cells, HEADER_COLUMNS)], borders=False, cell_margin=0
    )


def _title(letter: Letter) -> list[str]:
    summary = wordml.text_width_pt(letter.summary, TITLE_PT, bold=True) * 20
    parts = [
        centred(DOCUMENT_TITLE, size=TITLE_PT, bold=True, before=360, keep=True),
        centred(letter.summary, size=TITLE_PT, bold=True, keep=True),
        _rule(length=min(summary, TEXT_WIDTH) * SHORT_RULE, within=TEXT_WIDTH),
    ]
    if letter.recipient:
        recipient = RECIPIENT_LINE.format(recipient=letter.recipient)
        parts.append(centred(recipient, size=BODY_PT, before=240, after=120))
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
    right = centred(first, size=SIGNATURE_PT, bold=True, before=120)
    right += "".join(centred(line, size=SIGNATURE_PT, bold=True) for line in rest)
    # The space between the chức vụ and the name is where the signer signs and stamps.
    right += centred(letter.signer_name, size=SIGNATURE_PT, bold=True, before=SIGNATURE_SPACE)
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
