"""The annex (Phụ lục) as a workbook reviewers can compute with: the same rows as the DOCX annex,
figures as numeric cells with Vietnamese-looking number formats, and the table by field on a
sheet of its own with real SUM formulas beside the totals as reported. The fonts, styles and
low-level writers are ``xlsx_layout``'s.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
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
    FieldTableData,
    build_annex,
)
from reports.exports.xlsx_layout import (
    BOLD,
    BOLD_ITALIC,
    CENTRE,
    FONT_SIZE,
    FONTS,
    GRID,
    INDENTED,
    ITALIC,
    LEFT,
    LINE_HEIGHT,
    REGULAR,
    RIGHT,
    TITLE,
    CellStyles,
    excel_number,
    fit_row,
    grid_cell,
    line_count,
    number_format,
    print_setup,
    title_rows,
    write_text,
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
GENERATOR = "Cổng báo cáo cải cách hành chính"

# Column widths in Excel's character units; the hidden last column holds the canonical code,
# which tells rows apart where a province's template repeats an STT (seed 001: 1.1.1 twice).
ANNEX_WIDTHS = (8, 56, 20, 12, 26, 12)
FIELD_STT_WIDTH = 6
FIELD_LABEL_WIDTH = 28
FIELD_FIGURE_WIDTH = 11


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


def write_annex_sheet(sheet: Worksheet, annex: Annex, identity: list[str]) -> None:
    styles = CellStyles()
    printed = len(ANNEX_WIDTHS) - 1
    lines = [(annex.label, TITLE), (annex.title, TITLE), (annex.reference, ITALIC)]
    lines += [(line, REGULAR) for line in identity]
    top = title_rows(sheet, lines, list(ANNEX_WIDTHS[:printed]), styles) + 2
    bottom = top + 1
    for column, width in enumerate(ANNEX_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.column_dimensions[get_column_letter(len(ANNEX_WIDTHS))].hidden = True

    # A merge replaces the cells it covers (but the first) and draws their borders from the
    # first cell's: only the first cell of a merged header is written.
    for column, text in ((1, HEADER_STT), (2, HEADER_NAME), (5, HEADER_NOTE)):
        grid_cell(sheet, styles, top, column, text, BOLD, CENTRE)
        sheet.merge_cells(start_row=top, start_column=column, end_row=bottom, end_column=column)
    grid_cell(sheet, styles, top, 3, HEADER_RESULT, BOLD, CENTRE)
    sheet.merge_cells(start_row=top, start_column=3, end_row=top, end_column=4)
    grid_cell(sheet, styles, bottom, 3, HEADER_UNIT, BOLD, CENTRE)
    grid_cell(sheet, styles, bottom, 4, HEADER_VALUE, BOLD, CENTRE)
    grid_cell(sheet, styles, top, 6, CODE_HEADER, BOLD, CENTRE)

    for index, row in enumerate(annex.rows, start=bottom + 1):
        font = FONTS[(row.is_section, row.is_breakdown)]
        figure_font = BOLD if row.is_section else REGULAR
        grid_cell(sheet, styles, index, 1, row.stt, font, CENTRE)
        name_align = INDENTED if row.is_breakdown else LEFT
        grid_cell(sheet, styles, index, 2, row.name, font, name_align)
        grid_cell(sheet, styles, index, 3, row.unit, figure_font, CENTRE)
        value = sheet.cell(row=index, column=4)
        if row.value is not None:
            # A real number, so that Excel sums it; the format prints it as the DOCX does.
            styles.apply(value, figure_font, RIGHT, GRID, number_format(row))
            value.value = excel_number(row.value)
        else:
            styles.apply(value, figure_font, CENTRE, GRID)
            write_text(value, row.value_text)
        grid_cell(sheet, styles, index, 5, row.note, REGULAR, LEFT)
        write_text(sheet.cell(row=index, column=6), row.code)
        name_width = ANNEX_WIDTHS[1] - (2 if row.is_breakdown else 0)
        fit_row(
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
    print_setup(sheet, widths=ANNEX_WIDTHS[:printed], header_rows=f"{top}:{bottom}")


def write_field_sheet(sheet: Worksheet, annex: Annex, data: FieldTableData, identity: list[str]):
    lines = [(data.title.upper(), TITLE)]
    if data.subtitle:
        lines.append((data.subtitle, BOLD))
    lines += [(annex.reference, ITALIC)] + [(line, REGULAR) for line in identity]
    widths = [FIELD_STT_WIDTH, FIELD_LABEL_WIDTH] + [FIELD_FIGURE_WIDTH] * len(data.column_codes)
    styles = CellStyles()
    top = title_rows(sheet, lines, widths, styles) + 2
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
                grid_cell(sheet, styles, top + row, 1 + column, "", BOLD, CENTRE)
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
        font = BOLD if field_row.is_total else REGULAR
        grid_cell(sheet, styles, current, 1, field_row.stt, font, CENTRE)
        grid_cell(sheet, styles, current, 2, field_row.label, font, LEFT)
        for offset, value in enumerate(field_row.values):
            if value is None:
                grid_cell(sheet, styles, current, 3 + offset, "", font, RIGHT)
            else:
                cell = sheet.cell(row=current, column=3 + offset)
                styles.apply(cell, font, RIGHT, GRID, "#,##0")
                cell.value = excel_number(value)
        fit_row(sheet, current, [(field_row.label, FIELD_LABEL_WIDTH)])
        if field_row.is_total:
            reported_total = current
        else:
            field_rows.append(current)
        current += 1
    if field_rows:
        # The reported total stays as reported (it may be wrong, as in seed 003); the
        # computed one beside it is a formula, so a reviewer sees both and Excel keeps it live.
        computed = current
        grid_cell(sheet, styles, computed, 1, "", BOLD_ITALIC, CENTRE)
        grid_cell(sheet, styles, computed, 2, COMPUTED_TOTAL_LABEL, BOLD_ITALIC, LEFT)
        for offset in range(len(data.column_codes)):
            letter = get_column_letter(3 + offset)
            cell = sheet.cell(row=computed, column=3 + offset)
            styles.apply(cell, BOLD_ITALIC, RIGHT, GRID, "#,##0")
            cell.value = f"=SUM({_ranges(letter, field_rows)})"
        if reported_total is not None:
            difference = computed + 1
            grid_cell(sheet, styles, difference, 1, "", ITALIC, CENTRE)
            grid_cell(sheet, styles, difference, 2, DIFFERENCE_LABEL, ITALIC, LEFT)
            for offset in range(len(data.column_codes)):
                letter = get_column_letter(3 + offset)
                cell = sheet.cell(row=difference, column=3 + offset)
                styles.apply(cell, ITALIC, RIGHT, GRID, "#,##0;-#,##0;0")
                cell.value = f"={letter}{reported_total}-{letter}{computed}"
    sheet.freeze_panes = sheet.cell(row=first, column=3)
    print_setup(sheet, widths=widths, header_rows=f"{top}:{first - 1}")


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
