"""The look of the XLSX exports and the low-level writers their sheets share (the annex and
the tables by field of ``xlsx``, ``aggregate`` and ``template_workbook``): Times New Roman, the
grid's border, fonts and alignments, each combination registered once per sheet
(``CellStyles``); text that stays text; figures as real numbers with the number formats the DOCX
prints them with; row heights for wrapped text; the title rows above a table; and printing on
A4, one page wide, with the DOCX margins."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from copy import copy
from decimal import Decimal

from openpyxl.cell import Cell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from core.text import clean_text
from reports.exports.annex_rows import AnnexRow, ValueKind

FONT_NAME = "Times New Roman"
FONT_SIZE = 12
# The footer of every printed page, in Vietnamese: "Trang 1/3".
PAGE_FOOTER = "Trang &P/&N"
# Wider than this (sum of printed column widths) and A4 portrait would shrink the text too far.
PORTRAIT_MAX_WIDTH = 125
# The DOCX margins, in inches (openpyxl's unit): left 30 mm, right 15 mm, top and bottom 20 mm.
MARGINS = PageMargins(left=1.18, right=0.59, top=0.79, bottom=0.79, header=0.39, footer=0.39)
# Neither Excel nor LibreOffice grows a row to fit wrapped text on opening a generated file, so
# the heights are set here: lines of text (greedy word wrap in the column's width) × line height.
LINE_HEIGHT = {12: 15.75, 14: 18.75}
CHARS_PER_WIDTH_UNIT = 1.1  # Times New Roman 12 pt is narrower than the "0" of the width unit

# Text whose first character a spreadsheet reads as the start of a formula (CSV/DDE injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

_THIN = Side(style="thin", color="000000")
GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
REGULAR = Font(name=FONT_NAME, size=FONT_SIZE)
BOLD = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
ITALIC = Font(name=FONT_NAME, size=FONT_SIZE, italic=True)
BOLD_ITALIC = Font(name=FONT_NAME, size=FONT_SIZE, bold=True, italic=True)
TITLE = Font(name=FONT_NAME, size=14, bold=True)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
INDENTED = Alignment(horizontal="left", vertical="center", wrap_text=True, indent=2)
RIGHT = Alignment(horizontal="right", vertical="center", wrap_text=True)
FONTS = {
    (False, False): REGULAR,
    (True, False): BOLD,
    (False, True): ITALIC,
    (True, True): BOLD_ITALIC,
}


def write_text(cell: Cell, text: str) -> None:
    """A text cell that stays text: a note such as "=HYPERLINK(…)" is never a formula, and
    the quote prefix keeps Excel from re-reading "+84 …" or "-5" when the cell is edited.
    Control characters pasted from other documents, which the file format forbids, are dropped
    (again at write time, whatever is stored: a stored string never breaks the export)."""
    text = ILLEGAL_CHARACTERS_RE.sub("", clean_text(text))
    cell.value = text
    if text and text.startswith(FORMULA_TRIGGERS):
        cell.data_type = "s"
        cell.quotePrefix = True


def number_format(row: AnnexRow) -> str:
    """As the value is printed: 1590 → "#,##0" (1.590 in a Vietnamese Excel), 81,95 → two
    decimals; a percentage stays in points (100 prints 100, not 10000%), a code as a code."""
    if row.kind == ValueKind.CODE:
        return "0"
    if row.kind == ValueKind.TEXT:
        return "@"
    return "#,##0" + ("." + "0" * row.decimals if row.decimals else "")


def line_count(text: str, width: float, *, size: int = FONT_SIZE) -> int:
    """Lines ``text`` takes in a column ``width`` units wide, wrapped at spaces."""
    capacity = max(int(width * CHARS_PER_WIDTH_UNIT * FONT_SIZE / size), 1)
    if len(text) <= capacity and "\n" not in text:
        return 1  # most cells: the whole text fits on one line
    lines = 0
    for paragraph in text.split("\n") or [""]:
        lines += 1
        used = 0
        for word in paragraph.split():
            if used and used + 1 + len(word) > capacity:
                lines += 1
                used = 0
            used += (1 if used else 0) + len(word)
            while used > capacity:  # a word longer than the line breaks anywhere
                lines += 1
                used -= capacity
    return max(lines, 1)


def fit_row(sheet: Worksheet, row: int, cells: Iterable[tuple[str, float]], *, size=FONT_SIZE):
    """Set the row's height to its tallest wrapped cell (``cells``: text, available width)."""
    lines = max((line_count(text, width, size=size) for text, width in cells if text), default=1)
    if lines > 1:
        sheet.row_dimensions[row].height = lines * LINE_HEIGHT[size] + 2


class CellStyles:
    """The cell styles of one sheet, each combination of font, alignment, border and number
    format registered in the workbook once.

    openpyxl registers a Font, Alignment or Border each time one is assigned to a cell, by
    hashing it attribute by attribute: for the 900 cells of the largest annex that was 60 % of
    the export. A combination already seen is given as a copy of its style array instead (as
    openpyxl copies styles itself): the same cell formats, in the same order, in the file."""

    def __init__(self) -> None:
        # Keyed by identity (the styles are module constants), holding them so ids stay unique.
        self._arrays: dict[tuple[int, int, int, str | None], tuple[StyleArray, tuple]] = {}

    def apply(
        self,
        cell: Cell,
        font: Font,
        alignment: Alignment,
        border: Border | None = None,
        number_format: str | None = None,
    ) -> None:
        key = (id(font), id(alignment), id(border), number_format)
        known = self._arrays.get(key)
        if known is not None:
            cell._style = copy(known[0])
            return
        cell.font = font
        cell.alignment = alignment
        if border is not None:
            cell.border = border
        if number_format is not None:
            cell.number_format = number_format
        self._arrays[key] = (copy(cell._style), (font, alignment, border))


def title_rows(
    sheet: Worksheet, lines: Iterable[tuple[str, Font]], widths: Sequence[float], styles: CellStyles
) -> int:
    last = get_column_letter(len(widths))
    row = 0
    for row, (text, font) in enumerate(lines, start=1):
        sheet.merge_cells(f"A{row}:{last}{row}")
        cell = sheet.cell(row=row, column=1)
        styles.apply(cell, font, CENTRE)
        write_text(cell, text)
        size = int(font.size)
        fit_row(sheet, row, [(text, sum(widths) * 0.9)], size=size)
    return row


def print_setup(sheet: Worksheet, *, widths: Iterable[float], header_rows: str) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    wide = sum(widths) > PORTRAIT_MAX_WIDTH
    sheet.page_setup.orientation = "landscape" if wide else "portrait"
    # One page wide, as many pages tall as it takes.
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.page_margins = MARGINS
    sheet.print_options.horizontalCentered = True
    sheet.print_title_rows = header_rows
    sheet.oddFooter.center.text = PAGE_FOOTER
    sheet.oddFooter.center.font = FONT_NAME


def grid_cell(
    sheet: Worksheet,
    styles: CellStyles,
    row: int,
    column: int,
    text: str,
    font: Font,
    align: Alignment,
) -> Cell:
    cell = sheet.cell(row=row, column=column)
    styles.apply(cell, font, align, GRID)
    write_text(cell, text)
    return cell


def excel_number(value: Decimal) -> int | float:
    """Excel stores doubles: integers as int (exact), decimals as float (the 15 significant
    digits Excel keeps are more than any annex figure has)."""
    return int(value) if value == value.to_integral_value() else float(value)
