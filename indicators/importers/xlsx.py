"""Read an annex from an Excel workbook (openpyxl): the first sheet with an annex header.

- Merged cells: openpyxl gives the value to the top-left cell only. That is what a merged
  "Trong đó" STT cell means (the first breakdown row says it, the others are blank); a unit
  merged over several rows ("nt" for a whole "Trong đó" run) is copied to each of them.
- Formulas: the value Excel computed and saved with the file is read; a formula without a
  saved value (a workbook written by a program and never opened in Excel) is refused with the
  cells named, since reading "=SUM(D10:D12)" as a figure would be wrong.
- The portal's own exports carry each row's canonical code in a hidden column, and a template
  export adds a hidden sheet with what the printed annex cannot show (value types, flags,
  outline, tables, rules): both are used when present.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from xml.etree.ElementTree import ParseError

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from core.numbers import format_number
from core.text import clean_json, clean_text
from indicators.models import INDICATOR_SETTINGS

from .annex_text import ParsedAnnex
from .files import ImportFileError
from .table_rows import Grid, find_columns, parse_grid

# The hidden sheet of a template export (reports.exports.template_workbook writes it).
TEMPLATE_DATA_SHEET = "Dữ liệu mẫu"
ROW_FIELDS = ("code", *INDICATOR_SETTINGS)
JSON_ROW_FIELDS = {"choices", "tags"}
BOOL_ROW_FIELDS = {"is_breakdown", "parts_sum_to_total"}
TEMPLATE_PARTS = ("outline", "tables", "rules")
ROWS_MARKER = "rows"
# Bounds of what is read: an annex has a few hundred rows and a dozen columns.
MAX_ROWS = 3000
MAX_COLUMNS = 40

MSG_UNREADABLE = (
    "Không đọc được tệp Excel (tệp hỏng hoặc không đúng định dạng .xlsx): hãy mở bằng Excel, "
    "lưu lại rồi tải lên lần nữa."
)
MSG_FORMULAS_WITHOUT_VALUES = (
    "Các ô {cells} là công thức chưa có giá trị tính sẵn: hãy mở tệp bằng Excel, lưu lại "
    "(để Excel tính công thức) rồi tải lên lần nữa, hoặc thay công thức bằng số."
)
MAX_CELLS_NAMED = 8

_READ_ERRORS = (
    InvalidFileException,
    zipfile.BadZipFile,
    KeyError,
    ValueError,
    TypeError,
    IndexError,
    AttributeError,
    OSError,
    EOFError,
    ParseError,
    SyntaxError,
)


@dataclass
class WorkbookAnnex:
    annex: ParsedAnnex
    sheet: str
    # From a template export: per code, the row's hidden attributes; and outline/tables/rules.
    row_data: dict[str, dict] = field(default_factory=dict)
    template_parts: dict[str, list] = field(default_factory=dict)


def cell_text(value) -> str:
    """A cell as the annex prints it: 1590 → "1.590", 93.88 → "93,88" (what
    ``reports.values.interpret_printed`` reads), text as it is."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        return format_number(Decimal(repr(value)) if isinstance(value, float) else Decimal(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    text = clean_text(str(value))
    return text.replace("\t", " ").replace("\n", " ").strip()


def _open(data: bytes, *, data_only: bool):
    try:
        return load_workbook(io.BytesIO(data), data_only=data_only, read_only=False)
    except _READ_ERRORS:
        raise ImportFileError(MSG_UNREADABLE) from None


def _grid(sheet: Worksheet) -> Grid:
    rows = min(sheet.max_row or 0, MAX_ROWS)
    columns = min(sheet.max_column or 0, MAX_COLUMNS)
    grid = Grid()
    for number, row in enumerate(
        sheet.iter_rows(min_row=1, max_row=rows, max_col=columns, values_only=True), start=1
    ):
        grid.rows.append((number, [cell_text(value) for value in row]))
    return grid


def _fill_merged_units(sheet: Worksheet, grid: Grid, unit_column: int | None) -> None:
    if unit_column is None:
        return
    by_number = {number: cells for number, cells in grid.rows}
    for merged in sheet.merged_cells.ranges:
        if (
            merged.min_col - 1 <= unit_column <= merged.max_col - 1
            and merged.max_row > merged.min_row
        ):
            top = by_number.get(merged.min_row)
            if top is None or unit_column >= len(top):
                continue
            for number in range(merged.min_row + 1, merged.max_row + 1):
                cells = by_number.get(number)
                if cells is not None and unit_column < len(cells) and not cells[unit_column]:
                    cells[unit_column] = top[unit_column]


def _formulas_without_values(
    formulas: Worksheet, values: Worksheet, first_row: int, last_row: int
) -> list[str]:
    missing = []
    for row in formulas.iter_rows(
        min_row=first_row, max_row=last_row, max_col=min(formulas.max_column, MAX_COLUMNS)
    ):
        for cell in row:
            if cell.data_type == "f" and values.cell(cell.row, cell.column).value is None:
                missing.append(f"{get_column_letter(cell.column)}{cell.row}")
    return missing


def read_xlsx(data: bytes) -> WorkbookAnnex | None:
    """The annex of the workbook, or None when no sheet has an annex header."""
    workbook = _open(data, data_only=True)
    for sheet in workbook.worksheets:
        if sheet.title == TEMPLATE_DATA_SHEET:
            continue
        grid = _grid(sheet)
        located = find_columns(grid)
        if located is None:
            continue
        _fill_merged_units(sheet, grid, located[1].unit)
        annex = parse_grid(grid)
        if annex is None:
            continue
        formulas = _open(data, data_only=False)[sheet.title]
        missing = _formulas_without_values(formulas, sheet, 1, len(grid.rows))
        if missing:
            named = ", ".join(missing[:MAX_CELLS_NAMED]) + ("…" if len(missing) > 8 else "")
            raise ImportFileError(MSG_FORMULAS_WITHOUT_VALUES.format(cells=named))
        result = WorkbookAnnex(annex=annex, sheet=sheet.title)
        if TEMPLATE_DATA_SHEET in workbook.sheetnames:
            _read_template_data(workbook[TEMPLATE_DATA_SHEET], result)
        return result
    return None


def _joined(cells: tuple) -> str:
    """A long JSON text is split over consecutive cells (Excel keeps 32.767 characters a cell)."""
    return "".join(str(value) for value in cells if value is not None)


def _read_template_data(sheet: Worksheet, result: WorkbookAnnex) -> None:
    """The hidden data of a template export; anything unreadable in it is ignored (the printed
    sheet still gives the rows)."""
    in_rows = False
    for row in sheet.iter_rows(max_row=MAX_ROWS, values_only=True):
        if not row or row[0] is None:
            continue
        key = str(row[0])
        if key == ROWS_MARKER:
            in_rows = True
            continue
        if key in TEMPLATE_PARTS:
            in_rows = False
            try:
                parsed = json.loads(_joined(row[1:]))
            except (ValueError, TypeError):
                continue
            if isinstance(parsed, list):
                result.template_parts[key] = clean_json(parsed)
            continue
        if in_rows:
            data = {}
            for name, value in zip(ROW_FIELDS, row, strict=False):
                if name in JSON_ROW_FIELDS:
                    try:
                        value = json.loads(value) if value else []
                    except (ValueError, TypeError):
                        value = []
                elif name in BOOL_ROW_FIELDS:
                    value = bool(value) and str(value).lower() not in {"0", "false"}
                else:
                    value = "" if value is None else str(value)
                data[name] = clean_json(value)
            result.row_data[data["code"]] = data
