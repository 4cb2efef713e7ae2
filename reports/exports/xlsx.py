"""The annex (Phụ lục) as a workbook reviewers can compute with: the same rows as the DOCX annex,
figures as numeric cells with Vietnamese-looking number formats, and the table by field on a
sheet of its own with real SUM formulas beside the totals as reported.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from copy import copy
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from core.text import clean_text
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
    ValueKind,
    build_annex,
)
from reports.models import Report, ReportStatus

# Vietnamese text of the workbook.
ANNEX_SHEET = "Phụ lục"
FIELD_SHEET = "Theo lĩnh vực"
UNIT_LINE = "Đơn vị: {name} (mã {code})"
STATUS_LINE = "Trạng thái: {status}"
DRAFT_STATUS = "{status} — DỰ THẢO, chưa được duyệt"
BLANK_STATUS = "Biểu mẫu trống (chưa có số liệu)"
CODE_HEADER = "Mã chỉ tiêu"
COMPUTED_TOTAL_LABEL = "Tổng theo công thức"
DIFFERENCE_LABEL = "Chênh lệch (số báo cáo − công thức)"
PAGE_FOOTER = "Trang &P/&N"
GENERATOR = "Cổng báo cáo cải cách hành chính"

FONT_NAME = "Times New Roman"
FONT_SIZE = 12
# Column widths in Excel's character units; the hidden last column holds the canonical code,
# which tells rows apart where a province's template repeats an STT (seed 001: 1.1.1 twice).
ANNEX_WIDTHS = (8, 56, 20, 12, 26, 12)
FIELD_STT_WIDTH = 6
FIELD_LABEL_WIDTH = 28
FIELD_FIGURE_WIDTH = 11
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
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_REGULAR = Font(name=FONT_NAME, size=FONT_SIZE)
_BOLD = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
_ITALIC = Font(name=FONT_NAME, size=FONT_SIZE, italic=True)
_BOLD_ITALIC = Font(name=FONT_NAME, size=FONT_SIZE, bold=True, italic=True)
_TITLE = Font(name=FONT_NAME, size=14, bold=True)
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_INDENTED = Alignment(horizontal="left", vertical="center", wrap_text=True, indent=2)
_RIGHT = Alignment(horizontal="right", vertical="center", wrap_text=True)
_FONTS = {
    (False, False): _REGULAR,
    (True, False): _BOLD,
    (False, True): _ITALIC,
    (True, True): _BOLD_ITALIC,
}


def render_xlsx(report: Report, *, blank: bool = False) -> bytes:
    """The annex of the report as XLSX (``blank``: its template's empty form)."""
    annex = build_annex(report, blank=blank)
    workbook = Workbook()
    workbook.properties.title = clean_text(
        f"{annex.label} — {annex.unit_name} — {report.period.label}"
    )
    workbook.properties.creator = GENERATOR
    workbook.properties.language = "vi-VN"
    identity = _identity(report, annex)
    sheet = workbook.active
    sheet.title = ANNEX_SHEET
    write_annex_sheet(sheet, annex, identity)
    for index, table in enumerate(annex.tables):
        title = FIELD_SHEET if index == 0 else f"{FIELD_SHEET} {index + 1}"
        write_field_sheet(workbook.create_sheet(title), annex, table, identity)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


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


def _identity(report: Report, annex: Annex) -> list[str]:
    if annex.blank:
        status = BLANK_STATUS
    elif report.status != ReportStatus.APPROVED:
        status = DRAFT_STATUS.format(status=report.get_status_display())
    else:
        status = report.get_status_display()
    return [
        UNIT_LINE.format(name=annex.unit_name, code=report.unit.code),
        annex.period_line,
        annex.window_line,
        STATUS_LINE.format(status=status),
    ]


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


def _fit(sheet: Worksheet, row: int, cells: Iterable[tuple[str, float]], *, size=FONT_SIZE):
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


def _title_rows(
    sheet: Worksheet, lines: Iterable[tuple[str, Font]], widths: Sequence[float], styles: CellStyles
) -> int:
    last = get_column_letter(len(widths))
    row = 0
    for row, (text, font) in enumerate(lines, start=1):
        sheet.merge_cells(f"A{row}:{last}{row}")
        cell = sheet.cell(row=row, column=1)
        styles.apply(cell, font, _CENTRE)
        write_text(cell, text)
        size = int(font.size)
        _fit(sheet, row, [(text, sum(widths) * 0.9)], size=size)
    return row


def _print_setup(sheet: Worksheet, *, widths: Iterable[float], header_rows: str) -> None:
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


def _grid_cell(
    sheet: Worksheet,
    styles: CellStyles,
    row: int,
    column: int,
    text: str,
    font: Font,
    align: Alignment,
) -> Cell:
    cell = sheet.cell(row=row, column=column)
    styles.apply(cell, font, align, _GRID)
    write_text(cell, text)
    return cell


def write_annex_sheet(sheet: Worksheet, annex: Annex, identity: list[str]) -> None:
    styles = CellStyles()
    printed = len(ANNEX_WIDTHS) - 1
    lines = [(annex.label, _TITLE), (annex.title, _TITLE), (annex.reference, _ITALIC)]
    lines += [(line, _REGULAR) for line in identity]
    top = _title_rows(sheet, lines, list(ANNEX_WIDTHS[:printed]), styles) + 2
    bottom = top + 1
    for column, width in enumerate(ANNEX_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.column_dimensions[get_column_letter(len(ANNEX_WIDTHS))].hidden = True

    # A merge replaces the cells it covers (but the first) and draws their borders from the
    # first cell's: only the first cell of a merged header is written.
    for column, text in ((1, HEADER_STT), (2, HEADER_NAME), (5, HEADER_NOTE)):
        _grid_cell(sheet, styles, top, column, text, _BOLD, _CENTRE)
        sheet.merge_cells(start_row=top, start_column=column, end_row=bottom, end_column=column)
    _grid_cell(sheet, styles, top, 3, HEADER_RESULT, _BOLD, _CENTRE)
    sheet.merge_cells(start_row=top, start_column=3, end_row=top, end_column=4)
    _grid_cell(sheet, styles, bottom, 3, HEADER_UNIT, _BOLD, _CENTRE)
    _grid_cell(sheet, styles, bottom, 4, HEADER_VALUE, _BOLD, _CENTRE)
    _grid_cell(sheet, styles, top, 6, CODE_HEADER, _BOLD, _CENTRE)

    for index, row in enumerate(annex.rows, start=bottom + 1):
        font = _FONTS[(row.is_section, row.is_breakdown)]
        figure_font = _BOLD if row.is_section else _REGULAR
        _grid_cell(sheet, styles, index, 1, row.stt, font, _CENTRE)
        name_align = _INDENTED if row.is_breakdown else _LEFT
        _grid_cell(sheet, styles, index, 2, row.name, font, name_align)
        _grid_cell(sheet, styles, index, 3, row.unit, figure_font, _CENTRE)
        value = sheet.cell(row=index, column=4)
        if row.value is not None:
            # A real number, so that Excel sums it; the format prints it as the DOCX does.
            styles.apply(value, figure_font, _RIGHT, _GRID, number_format(row))
            value.value = _number(row.value)
        else:
            styles.apply(value, figure_font, _CENTRE, _GRID)
            write_text(value, row.value_text)
        _grid_cell(sheet, styles, index, 5, row.note, _REGULAR, _LEFT)
        write_text(sheet.cell(row=index, column=6), row.code)
        name_width = ANNEX_WIDTHS[1] - (2 if row.is_breakdown else 0)
        _fit(
            sheet,
            index,
            [
                (row.stt, ANNEX_WIDTHS[0]),
                (row.name, name_width),
                (row.unit, ANNEX_WIDTHS[2]),
                (row.value_text, ANNEX_WIDTHS[3]),
                (row.note, ANNEX_WIDTHS[4]),
            ],
        )
    sheet.freeze_panes = sheet.cell(row=bottom + 1, column=1)
    _print_setup(sheet, widths=ANNEX_WIDTHS[:printed], header_rows=f"{top}:{bottom}")


def write_field_sheet(sheet: Worksheet, annex: Annex, data: FieldTableData, identity: list[str]):
    lines = [(data.title.upper(), _TITLE)]
    if data.subtitle:
        lines.append((data.subtitle, _BOLD))
    lines += [(annex.reference, _ITALIC)] + [(line, _REGULAR) for line in identity]
    widths = [FIELD_STT_WIDTH, FIELD_LABEL_WIDTH] + [FIELD_FIGURE_WIDTH] * len(data.column_codes)
    styles = CellStyles()
    top = _title_rows(sheet, lines, widths, styles) + 2
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width

    # The grid of the header, but the cells that a merge replaces (all of a merged label's but
    # its first: the merge draws their borders from the first cell's).
    covered = {
        (header.row + down, header.column + across)
        for header in data.header
        for down in range(header.rowspan)
        for across in range(header.colspan)
        if down or across
    }
    for row in range(data.header_rows):
        for column in range(data.width):
            if (row, column) not in covered:
                _grid_cell(sheet, styles, top + row, 1 + column, "", _BOLD, _CENTRE)
    heights = [1.0] * data.header_rows
    for header in data.header:
        row, column = top + header.row, 1 + header.column
        write_text(sheet.cell(row=row, column=column), header.text)
        span = sum(widths[header.column : header.column + header.colspan])
        # A label spanning several rows shares its lines among them.
        share = line_count(header.text, span) / header.rowspan
        for offset in range(header.rowspan):
            heights[header.row + offset] = max(heights[header.row + offset], share)
        if header.rowspan > 1 or header.colspan > 1:
            sheet.merge_cells(
                start_row=row,
                start_column=column,
                end_row=row + header.rowspan - 1,
                end_column=column + header.colspan - 1,
            )
    for offset, height in enumerate(heights):
        sheet.row_dimensions[top + offset].height = (
            round(height + 0.49) * LINE_HEIGHT[FONT_SIZE] + 2
        )
    first = top + data.header_rows
    current = first
    field_rows: list[int] = []
    reported_total: int | None = None
    for field_row in data.rows:
        font = _BOLD if field_row.is_total else _REGULAR
        _grid_cell(sheet, styles, current, 1, field_row.stt, font, _CENTRE)
        _grid_cell(sheet, styles, current, 2, field_row.label, font, _LEFT)
        for offset, value in enumerate(field_row.values):
            if value is None:
                _grid_cell(sheet, styles, current, 3 + offset, "", font, _RIGHT)
            else:
                cell = sheet.cell(row=current, column=3 + offset)
                styles.apply(cell, font, _RIGHT, _GRID, "#,##0")
                cell.value = _number(value)
        _fit(sheet, current, [(field_row.label, FIELD_LABEL_WIDTH)])
        if field_row.is_total:
            reported_total = current
        else:
            field_rows.append(current)
        current += 1
    if field_rows:
        # The reported total stays as reported (it may be wrong, as in seed 003); the
        # computed one beside it is a formula, so a reviewer sees both and Excel keeps it live.
        computed = current
        _grid_cell(sheet, styles, computed, 1, "", _BOLD_ITALIC, _CENTRE)
        _grid_cell(sheet, styles, computed, 2, COMPUTED_TOTAL_LABEL, _BOLD_ITALIC, _LEFT)
        for offset in range(len(data.column_codes)):
            letter = get_column_letter(3 + offset)
            cell = sheet.cell(row=computed, column=3 + offset)
            styles.apply(cell, _BOLD_ITALIC, _RIGHT, _GRID, "#,##0")
            cell.value = f"=SUM({_ranges(letter, field_rows)})"
        if reported_total is not None:
            difference = computed + 1
            _grid_cell(sheet, styles, difference, 1, "", _ITALIC, _CENTRE)
            _grid_cell(sheet, styles, difference, 2, DIFFERENCE_LABEL, _ITALIC, _LEFT)
            for offset in range(len(data.column_codes)):
                letter = get_column_letter(3 + offset)
                cell = sheet.cell(row=difference, column=3 + offset)
                styles.apply(cell, _ITALIC, _RIGHT, _GRID, "#,##0;-#,##0;0")
                cell.value = f"={letter}{reported_total}-{letter}{computed}"
    sheet.freeze_panes = sheet.cell(row=first, column=3)
    _print_setup(sheet, widths=widths, header_rows=f"{top}:{first - 1}")


def _ranges(letter: str, rows: list[int]) -> str:
    """ "C10:C13,C15" for rows 10–13 and 15: the field rows, whatever sits between them."""
    parts = []
    start = previous = rows[0]
    for row in [*rows[1:], None]:
        if row is not None and row == previous + 1:
            previous = row
            continue
        parts.append(
            f"{letter}{start}" if start == previous else f"{letter}{start}:{letter}{previous}"
        )
        if row is not None:
            start = previous = row
    return ",".join(parts)


def _number(value: Decimal) -> int | float:
    """Excel stores doubles: integers as int (exact), decimals as float (the 15 significant
    digits Excel keeps are more than any annex figure has)."""
    return int(value) if value == value.to_integral_value() else float(value)
