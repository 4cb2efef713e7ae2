"""WordprocessingML written directly: paragraphs, runs, tables and footnotes as XML text.

python-docx builds a document one element at a time through its object API, which costs about
a millisecond per formatted paragraph: too slow for an annex of 150 rows × 5 cells. The body is
written here as XML strings and parsed once. Every run names Times New Roman in all four script
slots, so Word never substitutes another font for Vietnamese letters.

Units are Word's own, so that values read like the rules of Nghị định 30/2020: twips (1/20 pt,
1 mm = 56.7) for lengths, half-points for font sizes, eighths of a point for rule widths.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from core.text import clean_text

FONT = "Times New Roman"
LANGUAGE = "vi-VN"
SINGLE_LINE = 240  # line spacing "single", in 240ths of a line
_FONTS = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
# Word substitutes a font per script: Vietnamese letters with stacked diacritics can fall into
# the East Asian or complex-script slot, so every slot names the same font.
_FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
_THEME_SLOTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_RULE = '<w:{side} w:val="single" w:sz="{size}" w:space="{space}" w:color="000000"/>'
_BREAK = '</w:t><w:br/><w:t xml:space="preserve">'


def xml_text(text: str) -> str:
    """Text as the content of a w:t element: escaped, without characters XML forbids (cleaned
    again at write time, whatever is stored: a stored string never breaks the export), and line
    breaks as Word line breaks."""
    return escape(clean_text(text)).replace("\n", _BREAK)


def set_fonts(rpr) -> None:
    """Times New Roman in every script slot of a run's or a style's properties."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in _THEME_SLOTS:
        fonts.attrib.pop(qn(slot), None)
    for slot in _FONT_SLOTS:
        fonts.set(qn(slot), FONT)


def use_times_new_roman_everywhere(document: Document, size_half_points: int) -> None:
    """Document defaults and every style in Times New Roman (no theme fonts), black text,
    Vietnamese proofing, the body size as the default size."""
    styles = document.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr)
    for tag in ("w:sz", "w:szCs"):
        element = rpr.find(qn(tag))
        if element is None:
            element = OxmlElement(tag)
            rpr.append(element)
        element.set(qn("w:val"), str(size_half_points))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    for fonts in list(styles.iter(qn("w:rFonts"))):
        set_fonts(fonts.getparent())
    # The default template's heading styles carry theme colours; Nghị định 30 wants black.
    for colour in list(styles.iter(qn("w:color"))):
        colour.set(qn("w:val"), "000000")
        for attribute in ("w:themeColor", "w:themeShade", "w:themeTint"):
            colour.attrib.pop(qn(attribute), None)


def run(
    text: str,
    *,
    size: float,
    bold: bool = False,
    italic: bool = False,
    superscript: bool = False,
) -> str:
    """One run of text; ``size`` in points (written in half-points)."""
    half_points = round(size * 2)
    properties = _FONTS
    if bold:
        properties += "<w:b/><w:bCs/>"
    if italic:
        properties += "<w:i/><w:iCs/>"
    properties += f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
    if superscript:
        properties += '<w:vertAlign w:val="superscript"/>'
    return f'<w:r><w:rPr>{properties}</w:rPr><w:t xml:space="preserve">{xml_text(text)}</w:t></w:r>'


def field_runs(instruction: str, *, size: float, placeholder: str = "1") -> str:
    """A complex field (PAGE …) whose result Word and LibreOffice compute when they lay out."""
    half_points = round(size * 2)
    properties = (
        f'<w:rPr>{_FONTS}<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
    )
    return (
        f'<w:r>{properties}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{properties}<w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        f'<w:r>{properties}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r>{properties}<w:t>{placeholder}</w:t></w:r>"
        f'<w:r>{properties}<w:fldChar w:fldCharType="end"/></w:r>'
    )


def footnote_reference(number: int, *, size: float) -> str:
    half_points = round(size * 2)
    return (
        f'<w:r><w:rPr>{_FONTS}<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
        f'<w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{number}"/></w:r>'
    )


def paragraph(
    runs: str = "",
    *,
    align: str = "left",
    first_line: int | None = None,
    left: int | None = None,
    right: int | None = None,
    before: int = 0,
    after: int = 0,
    line: int = SINGLE_LINE,
    exact_line: int | None = None,
    keep_with_next: bool = False,
    rule: str | None = None,
    mark_size: float | None = None,
) -> str:
    """A paragraph; lengths in twips, ``line`` in 240ths of a line (240 single, 360 = 1.5),
    ``exact_line`` a fixed line height in twips, ``rule`` a border side ("top", "bottom")."""
    properties = "<w:keepNext/>" if keep_with_next else ""
    if rule:
        properties += f"<w:pBdr>{_RULE.format(side=rule, size=6, space=0)}</w:pBdr>"
    if exact_line is not None:
        spacing = f'w:line="{exact_line}" w:lineRule="exact"'
    else:
        spacing = f'w:line="{line}" w:lineRule="auto"'
    properties += f'<w:spacing w:before="{before}" w:after="{after}" {spacing}/>'
    indents = ""
    if left is not None:
        indents += f' w:left="{left}"'
    if right is not None:
        indents += f' w:right="{right}"'
    if first_line is not None:
        indents += f' w:firstLine="{first_line}"'
    if indents:
        properties += f"<w:ind{indents}/>"
    properties += f'<w:jc w:val="{align}"/>'
    if mark_size is not None:
        half_points = round(mark_size * 2)
        properties += f'<w:rPr><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
    return f"<w:p><w:pPr>{properties}</w:pPr>{runs}</w:p>"


@dataclass(frozen=True)
class Cell:
    """A table cell: its paragraphs' XML, its span and vertical merge ("restart"/"continue")."""

    content: str
    span: int = 1
    vmerge: str | None = None
    centred_vertically: bool = False


def row(cells: Sequence[Cell], widths: Sequence[int], *, header: bool = False) -> str:
    """A row that never splits across pages; ``header`` rows repeat on every page (tblHeader)."""
    properties = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
    parts = [f"<w:tr><w:trPr>{properties}</w:trPr>"]
    column = 0
    for cell in cells:
        width = sum(widths[column : column + cell.span])
        column += cell.span
        tcpr = f'<w:tcW w:w="{width}" w:type="dxa"/>'
        if cell.span > 1:
            tcpr += f'<w:gridSpan w:val="{cell.span}"/>'
        if cell.vmerge == "restart":
            tcpr += '<w:vMerge w:val="restart"/>'
        elif cell.vmerge == "continue":
            tcpr += "<w:vMerge/>"
        if cell.centred_vertically:
            tcpr += '<w:vAlign w:val="center"/>'
        # A cell must hold a paragraph, even the continuation of a merge.
        parts.append(f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{cell.content or paragraph()}</w:tc>")
    parts.append("</w:tr>")
    return "".join(parts)


def table(
    widths: Sequence[int], rows: Iterable[str], *, borders: bool, cell_margin: int = 80
) -> str:
    """A centred table with fixed column widths (Word reads the cells, LibreOffice the grid),
    with the single black grid of an annex or without any border (layout tables)."""
    if borders:
        edge = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    else:
        edge = '<w:{side} w:val="nil"/>'
    sides = ("top", "left", "bottom", "right", "insideH", "insideV")
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{''.join(edge.format(side=side) for side in sides)}</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{cell_margin}" w:type="dxa"/>'
        f'<w:right w:w="{cell_margin}" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="0"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def xml_of(element) -> str:
    return etree.tostring(element, encoding="unicode")


def section_break(properties: str) -> str:
    """The paragraph that ends a section: it carries that section's properties."""
    return f"<w:p><w:pPr>{properties}</w:pPr></w:p>"


def replace_body(document: Document, xml: Iterable[str]) -> Document:
    """The document with ``xml`` as its body (ending with the last section's properties).

    The whole document element is parsed once from text: moving thousands of parsed elements
    into python-docx's tree costs ten times more than parsing them (lxml reconciles the
    namespaces of every node it moves).
    """
    root = document.element
    prefixes = {uri: prefix for prefix, uri in root.nsmap.items()}
    declarations = " ".join(
        f'xmlns:{prefix}="{uri}"' if prefix else f'xmlns="{uri}"'
        for prefix, uri in root.nsmap.items()
    )
    attributes = []
    for name, value in root.attrib.items():
        uri, _, local = name[1:].partition("}") if name.startswith("{") else ("", "", name)
        qualified = f"{prefixes[uri]}:{local}" if uri else local
        attributes.append(f'{qualified}="{escape(value, {chr(34): "&quot;"})}"')
    replacement = parse_xml(
        f"<w:document {declarations} {' '.join(attributes)}>"
        f"<w:body>{''.join(xml)}</w:body></w:document>"
    )
    # The part serialises its element when saved: the new element replaces the old one.
    document.part._element = replacement
    return Document(replacement, document.part)


def append(parent, xml: Iterable[str]) -> None:
    """Parse a few paragraphs and add them at the end of ``parent`` (a header part, or a body
    before its sectPr); the body itself is written whole by :func:`replace_body`."""
    fragment = parse_xml(f"<w:body {nsdecls('w')}>{''.join(xml)}</w:body>")
    anchor = parent.find(qn("w:sectPr"))
    for child in list(fragment):
        if anchor is not None:
            anchor.addprevious(child)
        else:
            parent.append(child)


def text_width_pt(text: str, size: float, *, bold: bool = False) -> float:
    """The printed width of a line in Times New Roman, from the font's advance widths (Adobe
    metrics of Times-Roman and Times-Bold, per 1000 em); a Vietnamese letter is as wide as its
    base letter. It sizes the rules that must match a line of text."""
    widths = _TIMES_BOLD if bold else _TIMES_ROMAN
    total = 0
    for char in text:
        base = unicodedata.normalize("NFD", char.replace("Đ", "D").replace("đ", "d"))[:1]
        total += widths.get(base, 500)
    return total * size / 1000


def _widths(letters: str, values: str) -> dict[str, int]:
    return dict(zip(letters, map(int, values.split()), strict=True))


_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LOWER = "abcdefghijklmnopqrstuvwxyz"
_PUNCTUATION = {" ": 250, "-": 333, ".": 250, ",": 250, "/": 278}
_TIMES_ROMAN = {
    **_widths(
        _UPPER,
        (
            "722 667 667 722 611 556 722 722 333 389 722 611 889 "
            "722 722 556 722 667 556 611 722 722 944 722 722 611"
        ),
    ),
    **_widths(
        _LOWER,
        (
            "444 500 444 500 444 333 500 500 278 278 500 278 778 "
            "500 500 500 500 333 389 278 500 500 722 500 500 444"
        ),
    ),
    **_PUNCTUATION,
    ":": 278,
}
_TIMES_BOLD = {
    **_widths(
        _UPPER,
        (
            "722 667 722 722 667 611 778 778 389 500 778 667 944 "
            "722 778 611 778 722 556 667 722 722 1000 722 722 667"
        ),
    ),
    **_widths(
        _LOWER,
        (
            "500 556 444 556 444 333 500 556 278 333 556 278 833 "
            "556 500 556 556 444 389 333 556 500 722 500 500 444"
        ),
    ),
    **_PUNCTUATION,
    ":": 333,
}


class Footnotes:
    """Real Word footnotes (python-docx has none); the footnotes part is created on first use."""

    TEXT_SIZE = 10

    def __init__(self, document: Document) -> None:
        self._document = document
        self._root = None
        self._next = 1

    def add(self, text: str) -> int:
        """A new footnote reading ``text``; returns the id its reference mark points to."""
        root = self._part_root()
        number = self._next
        self._next += 1
        half_points = self.TEXT_SIZE * 2
        body = paragraph(
            f'<w:r><w:rPr>{_FONTS}<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
            '<w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
            + run(f" {text}", size=self.TEXT_SIZE),
            align="both",
        )
        root.append(parse_xml(f'<w:footnote {nsdecls("w")} w:id="{number}">{body}</w:footnote>'))
        return number

    def _part_root(self):
        if self._root is None:
            separator = paragraph("<w:r><w:separator/></w:r>")
            continuation = paragraph("<w:r><w:continuationSeparator/></w:r>")
            self._root = parse_xml(
                f"<w:footnotes {nsdecls('w')}>"
                f'<w:footnote w:type="separator" w:id="-1">{separator}</w:footnote>'
                f'<w:footnote w:type="continuationSeparator" w:id="0">{continuation}</w:footnote>'
                "</w:footnotes>"
            )
            document_part = self._document.part
            part = XmlPart(
                PackURI("/word/footnotes.xml"),
                CONTENT_TYPE.WML_FOOTNOTES,
                self._root,
                document_part.package,
            )
            document_part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
        return self._root
