"""The annex of the báo cáo in Word: "Phụ lục" heading, the indicator table with its two merged
header rows repeated on every page, and each table by field on a landscape page."""

from __future__ import annotations

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
)
from reports.exports.docx_layout import (
    ANNEX_COLUMNS,
    ANNEX_HEADING_PT,
    ANNEX_TABLE_PT,
    BODY_PT,
    BREAKDOWN_INDENT,
    FIELD_LABEL_WIDTH,
    FIELD_STT_WIDTH,
    FIELD_TABLE_PT,
    LANDSCAPE_TEXT_WIDTH,
    centred,
)


def annex_parts(annex: Annex) -> list[str]:
    return [
        centred(annex.label, size=ANNEX_HEADING_PT, bold=True, keep=True),
        centred(annex.title, size=ANNEX_HEADING_PT, bold=True, keep=True),
        centred(annex.reference, size=ANNEX_HEADING_PT, italic=True, after=240, keep=True),
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


def field_table_parts(annex: Annex, data: FieldTableData, *, first: bool) -> list[str]:
    """The table by field (seed 003) with its grouped header, on a landscape page."""
    size = FIELD_TABLE_PT
    parts = [
        centred(data.title.upper(), size=ANNEX_HEADING_PT, bold=True, before=0 if first else 360),
    ]
    if data.subtitle:
        parts.append(centred(data.subtitle, size=ANNEX_HEADING_PT, bold=True))
    parts += [
        centred(annex.period_line, size=BODY_PT - 1),
        centred(annex.window_line, size=BODY_PT - 1),
        centred(annex.reference, size=BODY_PT - 1, italic=True, after=200),
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
