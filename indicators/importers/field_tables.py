"""Tables by field (bảng theo lĩnh vực: rows of fields × columns of figures, seed 003's
"Tình hình, kết quả giải quyết TTHC") in a grid of cells: a worksheet, a Word table, tab-separated
lines of text.

A table by field is found by its header: an STT column, a label column ("Lĩnh vực, công việc
giải quyết theo cấp"), and at least two figure columns under one to four rows of grouped header
cells ("Số hồ sơ nhận giải quyết" over "Tổng số" and "Trong đó", itself over three columns). An
annex header ("Chỉ tiêu", "Đơn vị tính") is not one. Each figure column is read as its header
path, top to bottom ("Số hồ sơ nhận giải quyết", "Trong đó", "Số kỳ trước chuyển qua"), for the
template's columns to be matched by wording (``reports.annex_import``): this module only reads.

Merged header cells: a workbook and a Word document say which cells a merge covers, and the
caller fills them (:func:`fill_merges`) before the table is read. Text does not: an empty header
cell continues the cell on its left when both sit under the same cell of the row above (a
group spanning columns), and is left empty otherwise (a label spanning rows).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.numbers import NumberFormatError, parse_number
from core.text import fold

from .annex_text import clean_cell
from .table_rows import STT_HEADERS, Grid, _is_name_header

MAX_HEADER_ROWS = 4
MIN_FIGURE_COLUMNS = 2
ANNEX_HEADER_WORDS = ("don vi tinh", "so lieu")
TOTAL_WORDS = ("tong cong", "tong so", "cong")
_COLUMN_NUMBER = re.compile(r"^\(?\d+\)?$|^\(?\d+\s*=.*\)?$")


@dataclass
class ParsedTableRow:
    line: int  # the row's number in the source (sheet row, table row, text line)
    stt: str
    label: str  # the field ("Hộ tịch"), or "Tổng cộng"
    cells: list[str]  # one text per figure column, as printed


@dataclass
class ParsedTable:
    """A table by field as the file prints it."""

    title: str  # the text above it (a sheet's first line, a document's paragraph), or ""
    columns: list[tuple[str, ...]]  # each figure column's header path, top to bottom
    rows: list[ParsedTableRow] = field(default_factory=list)
    sheet: str = ""  # the worksheet it is on, if any
    first_column: int = 0  # the grid column of the first figure column
    # Cells that hold a formula Excel never computed: (line, figure column index).
    formulas_without_values: set[tuple[int, int]] = field(default_factory=set)

    @property
    def width(self) -> int:
        return len(self.columns)


def fill_merges(grid: Grid, merges: list[tuple[int, int, int, int]]) -> Grid:
    """A copy of ``grid`` with every cell a merge covers holding the merge's text.
    ``merges``: (min_col, min_row, max_col, max_row), 1-based, as openpyxl gives them; rows
    are the grid's row numbers."""
    filled = Grid(rows=[(number, list(cells)) for number, cells in grid.rows])
    filled.numeric = set(grid.numeric)
    filled.stored = dict(grid.stored)
    by_number = {number: cells for number, cells in filled.rows}
    for min_col, min_row, max_col, max_row in merges:
        top = by_number.get(min_row)
        if top is None or min_col - 1 >= len(top):
            continue
        text = top[min_col - 1]
        for number in range(min_row, max_row + 1):
            cells = by_number.get(number)
            if cells is None:
                continue
            for column in range(min_col - 1, min(max_col, len(cells))):
                if not cells[column]:
                    cells[column] = text
    return filled


def _folded(text: str) -> str:
    return fold(clean_cell(text)).strip()


def _is_number(text: str) -> bool:
    try:
        return parse_number(text) is not None
    except NumberFormatError:
        return False


def _header_start(grid: Grid, start: int = 0) -> tuple[int, int] | None:
    """Where a table by field's header is: (index in ``grid.rows``, its STT column)."""
    for index in range(start, len(grid.rows)):
        cells = grid.rows[index][1]
        folded = [_folded(cell) for cell in cells]
        stt = next((i for i, text in enumerate(folded[:3]) if text in STT_HEADERS), None)
        if stt is None or stt + 1 >= len(cells):
            continue
        label = clean_cell(cells[stt + 1])
        if not label or _is_name_header(label):
            continue
        header = grid.rows[index : index + MAX_HEADER_ROWS]
        words = " ".join(_folded(cell) for _, row in header for cell in row)
        if any(word in words for word in ANNEX_HEADER_WORDS):
            continue
        figures = {i for _, row in header for i, text in enumerate(row) if i > stt + 1 and text}
        if len(figures) >= MIN_FIGURE_COLUMNS:
            return index, stt
    return None


def _is_column_numbers(cells: list[str], first: int) -> bool:
    """A row numbering the columns ("(1) (2) (3)", "1 2 3 4=5+6"), printed under some headers."""
    texts = [clean_cell(cell) for cell in cells[first:] if clean_cell(cell)]
    return len(texts) >= MIN_FIGURE_COLUMNS and all(_COLUMN_NUMBER.match(t) for t in texts)


def _is_body_row(cells: list[str], stt: int) -> bool:
    """A row of figures: a number in a figure column, or an STT or a total that says so."""
    first = clean_cell(cells[stt]) if stt < len(cells) else ""
    if first and (first.rstrip(".").isdigit() or _folded(first).startswith(TOTAL_WORDS)):
        return True
    return any(_is_number(clean_cell(cell)) for cell in cells[stt + 2 :])


def _continue_groups(header: list[list[str]], first: int) -> None:
    """Text without merges: an empty header cell continues the one on its left when both sit
    under the same cell of the row above (the top row: always)."""
    for level, row in enumerate(header):
        for column in range(first + 1, len(row)):
            if row[column] or not row[column - 1]:
                continue
            above = header[level - 1] if level else None
            if above is None or (above[column] and above[column] == above[column - 1]):
                row[column] = row[column - 1]


def _paths(header: list[list[str]], first: int, width: int) -> list[tuple[str, ...]]:
    paths = []
    for column in range(first, width):
        path: list[str] = []
        for row in header:
            text = clean_cell(row[column]) if column < len(row) else ""
            if text and (not path or path[-1] != text):
                path.append(text)
        paths.append(tuple(path))
    return paths


def find_field_table(
    grid: Grid, *, merged: bool, title: str = "", start: int = 0
) -> tuple[ParsedTable, int] | None:
    """The first table by field of ``grid`` from row index ``start``, and the index of the row
    after it. ``merged``: the grid's merged cells are filled already (a workbook, a Word table);
    otherwise (text) groups are continued to the right as :func:`_continue_groups` says."""
    found = _header_start(grid, start)
    if found is None:
        return None
    index, stt = found
    header: list[list[str]] = []
    position = index
    while position < len(grid.rows) and len(header) < MAX_HEADER_ROWS:
        cells = grid.rows[position][1]
        if header and _is_body_row(cells, stt):
            break
        position += 1
        if header and _is_column_numbers(cells, stt):
            continue
        header.append([clean_cell(cell) for cell in cells])
    width = max(len(row) for row in header)
    for row in header:
        row.extend([""] * (width - len(row)))
    first = stt + 2
    if not merged:
        _continue_groups(header, first)
    # The figure columns end at the last one the header names.
    last = max(i for row in header for i, text in enumerate(row) if text)
    columns = _paths(header, first, last + 1)
    table = ParsedTable(title=clean_cell(title), columns=columns, first_column=first)
    while position < len(grid.rows):
        line, cells = grid.rows[position]
        texts = [clean_cell(cell) for cell in cells]
        if not any(texts):
            if table.rows:
                break
            position += 1
            continue
        if _header_start(Grid(rows=[(line, cells)])) is not None and table.rows:
            break  # another table's header
        number = texts[stt] if stt < len(texts) else ""
        label = texts[stt + 1] if stt + 1 < len(texts) else ""
        if not label and number and not number.rstrip(".").isdigit():
            number, label = "", number  # "Tổng cộng" printed across the STT column
        figures = texts[first : last + 1]
        figures += [""] * (len(columns) - len(figures))
        if label or any(figures):
            table.rows.append(ParsedTableRow(line, number, label, figures))
        position += 1
    return table, position


def find_field_tables(grid: Grid, *, merged: bool, title: str = "") -> list[ParsedTable]:
    """Every table by field of ``grid``, in order."""
    tables = []
    start = 0
    while (found := find_field_table(grid, merged=merged, title=title, start=start)) is not None:
        table, start = found
        if table.rows:
            tables.append(table)
    return tables


def text_field_tables(lines: list[str]) -> list[ParsedTable]:
    """The tables by field of tab-separated text lines (seed 003 prints one), each with the
    line above it that names it."""
    tables: list[ParsedTable] = []
    index = 0
    while index < len(lines):
        if "\t" not in lines[index]:
            index += 1
            continue
        end = index
        while end < len(lines) and "\t" in lines[end]:
            end += 1
        grid = Grid(rows=[(n + 1, lines[n].split("\t")) for n in range(index, end)])
        title = _title_above(lines, index)
        tables += find_field_tables(grid, merged=False, title=title)
        index = end
    return tables


def _title_above(lines: list[str], index: int) -> str:
    """The upper-case line nearest above a table, within a few lines (its title)."""
    for line in reversed(lines[max(index - 12, 0) : index]):
        text = clean_cell(re.sub(r"^#+\s*", "", line))
        if len(text) > 12 and text.upper() == text and any(c.isalpha() for c in text):
            return text
    return ""
