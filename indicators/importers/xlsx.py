"""Read an annex from an Excel workbook (openpyxl): the first sheet with an annex header, and
the tables by field of the workbook's sheets (``field_tables``), the annex's sheet or their own.

Cells are read as offices fill them (``xlsx_cells``), from the value Excel stored and the cell's
number format:

- a cell formatted as a percentage holds a fraction (Excel stores 90 % as 0.9): its text is the
  percentage as Excel shows it ("90"), and the fraction stays known (``Grid.stored``) for a row
  whose indicator is not a percentage (a count in a column formatted "%" is its stored number);
- numbers keep the 15 significant digits Excel keeps ("0.78571428571428570" is 0,785714285714286)
  and print as the annex prints them ("1.377.189", "81,95"); numbers typed as text
  ("1.377.189") stay as typed, for ``core.numbers.parse_number``;
- dates print as dd/mm/yyyy; an STT code Excel took for a number (1.1) reads as the code "1.1"
  (``table_rows``: "1.1" after "1.9" is "1.10").

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

import io
import json
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree
from openpyxl.utils import get_column_letter, range_boundaries

from core.numbers import format_number
from core.text import clean_json
from indicators.models import INDICATOR_SETTINGS

from .annex_text import ParsedAnnex
from .field_tables import ParsedTable, fill_merges, find_field_tables
from .files import ImportFileError
from .legacy_text import detect, to_unicode
from .limits import MAX_COLUMNS, ReadBudget
from .table_rows import Grid, find_columns, parse_grid
from .xlsx_cells import cell_text, is_percent_format, percent_of
from .xlsx_files import (
    MSG_UNREADABLE,
    READ_ERRORS,
    check_parts,
    open_workbook,
    prepare_sheet,
    sheet_rows,
)

# The hidden sheet of a template export (reports.exports.template_workbook writes it).
TEMPLATE_DATA_SHEET = "Dữ liệu mẫu"
ROW_FIELDS = ("code", *INDICATOR_SETTINGS)
JSON_ROW_FIELDS = {"choices", "tags"}
BOOL_ROW_FIELDS = {"is_breakdown", "parts_sum_to_total"}
TEMPLATE_PARTS = ("outline", "tables", "rules")
ROWS_MARKER = "rows"

MSG_FORMULAS_WITHOUT_VALUES = (
    "Các ô {cells} là công thức chưa có giá trị tính sẵn: hãy mở tệp bằng Excel, lưu lại "
    "(để Excel tính công thức) rồi tải lên lần nữa, hoặc thay công thức bằng số."
)
MAX_CELLS_NAMED = 8
_FORMULA = re.compile(rb"<(?:[\w.-]+:)?f[\s/>]")
_CHUNK = 64 * 1024


@dataclass
class WorkbookAnnex:
    annex: ParsedAnnex | None  # None: no sheet has an annex header
    sheet: str = ""
    # From a template export: per code, the row's hidden attributes; and outline/tables/rules.
    row_data: dict[str, dict] = field(default_factory=dict)
    template_parts: dict[str, list] = field(default_factory=dict)
    # The legacy encoding (TCVN3, VNI) the cells were typed in and converted from, if any.
    legacy_encoding: str | None = None
    # The tables by field of the workbook, in sheet order (the annex's sheet included).
    tables: list[ParsedTable] = field(default_factory=list)


def _has_formulas(archive: zipfile.ZipFile, path: str) -> bool:
    tail = b""
    with archive.open(path) as part:
        while chunk := part.read(_CHUNK):
            if _FORMULA.search(tail + chunk):
                return True
            tail = chunk[-16:]
    return False


def _grid(archive: zipfile.ZipFile, sheet, budget: ReadBudget) -> Grid:
    """The sheet's cells as text, with what the text alone cannot tell: which cells held a
    number, and the fraction a percentage cell stores."""
    prepare_sheet(sheet)
    grid = Grid()
    for number, row in sheet_rows(sheet, budget, values_only=False):
        texts = []
        for column, cell in enumerate(row):
            value = cell.value
            if isinstance(value, int | float) and not isinstance(value, bool):
                grid.numeric.add((number, column))
                if is_percent_format(getattr(cell, "number_format", None)):
                    grid.stored[(number, column)] = cell_text(value)
                    texts.append(format_number(percent_of(value)))
                    continue
            texts.append(cell_text(value))
        grid.rows.append((number, texts))
    # Every row as wide as the widest (a row ends at its last cell in the file).
    width = max((len(cells) for _, cells in grid.rows), default=0)
    for _, cells in grid.rows:
        cells.extend([""] * (width - len(cells)))
    return grid


def _merged_ranges(archive: zipfile.ZipFile, sheet) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row) of each merged range: read-only sheets do not
    keep them, so they are read from the sheet's XML (its size is bounded, entities refused)."""
    ranges = []
    with archive.open(sheet._worksheet_path) as part:
        for _, element in etree.iterparse(
            part, tag="{*}mergeCell", resolve_entities=False, no_network=True
        ):
            reference = element.get("ref") or ""
            if ":" in reference:
                ranges.append(range_boundaries(reference))
            element.clear()
    return ranges


def _fill_merged_units(
    merged_ranges: list[tuple[int, int, int, int]], grid: Grid, unit_column: int | None
) -> None:
    if unit_column is None:
        return
    by_number = {number: cells for number, cells in grid.rows}
    for min_col, min_row, max_col, max_row in merged_ranges:
        if min_col - 1 <= unit_column <= max_col - 1 and max_row > min_row:
            top = by_number.get(min_row)
            if top is None or unit_column >= len(top):
                continue
            for number in range(min_row + 1, max_row + 1):
                cells = by_number.get(number)
                if cells is not None and unit_column < len(cells) and not cells[unit_column]:
                    cells[unit_column] = top[unit_column]


def _formulas_without_values(
    data: bytes, title: str, values, last_row: int, budget: ReadBudget
) -> list[tuple[int, int]]:
    """The cells (row, 0-based column) of the first ``last_row`` rows that hold a formula but
    no value saved with it: the workbook read again with its formulas, in step with the values."""
    formulas = open_workbook(data, data_only=False)
    try:
        formula_sheet = formulas[title]
        formula_sheet.reset_dimensions()
        bounds = {"min_row": 1, "max_row": last_row, "max_col": MAX_COLUMNS}
        missing = []
        for formula_row, value_row in zip(
            formula_sheet.iter_rows(**bounds),
            values.iter_rows(**bounds, values_only=True),
            strict=False,
        ):
            budget.check_time()
            for cell, value in zip(formula_row, value_row, strict=False):
                if getattr(cell, "data_type", None) == "f" and value is None:
                    missing.append((cell.row, cell.column - 1))
        return missing
    finally:
        formulas.close()


def _cell_name(row: int, column: int) -> str:
    return f"{get_column_letter(column + 1)}{row}"


def read_xlsx(data: bytes, budget: ReadBudget | None = None) -> WorkbookAnnex:
    """The annex of the first sheet with an annex header (``annex`` None when none has one);
    cells typed in a legacy Vietnamese encoding are converted to Unicode."""
    budget = budget or ReadBudget()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except READ_ERRORS:
        raise ImportFileError(MSG_UNREADABLE) from None
    with archive:
        check_parts(archive)
        workbook = open_workbook(data, data_only=True)
        try:
            return _read_workbook(data, archive, workbook, budget)
        except ImportFileError:
            raise
        except READ_ERRORS:
            raise ImportFileError(MSG_UNREADABLE) from None
        finally:
            workbook.close()


def _to_unicode(grid: Grid) -> str | None:
    """Cells typed in a TCVN3 or VNI font, converted; the encoding, if any."""
    legacy = detect(cell for _, cells in grid.rows for cell in cells)
    if legacy is not None:
        for _, cells in grid.rows:
            cells[:] = [to_unicode(cell, legacy) for cell in cells]
    return legacy


def _read_workbook(
    data: bytes, archive: zipfile.ZipFile, workbook, budget: ReadBudget
) -> WorkbookAnnex:
    """The annex of the first sheet that has one, and the tables by field of every sheet."""
    result = WorkbookAnnex(annex=None)
    for sheet in workbook.worksheets:
        if sheet.title == TEMPLATE_DATA_SHEET:
            continue
        grid = _grid(archive, sheet, budget)
        legacy = _to_unicode(grid)
        result.legacy_encoding = result.legacy_encoding or legacy
        merges = _merged_ranges(archive, sheet)
        if result.annex is None and (located := find_columns(grid)) is not None:
            if located[1].unit is not None:
                _fill_merged_units(merges, grid, located[1].unit)
            annex = parse_grid(grid)
            if annex is not None:
                missing = []
                if _has_formulas(archive, sheet._worksheet_path):
                    missing = _formulas_without_values(
                        data, sheet.title, sheet, len(grid.rows), budget
                    )
                if missing:
                    named = ", ".join(_cell_name(*cell) for cell in missing[:MAX_CELLS_NAMED])
                    named += "…" if len(missing) > MAX_CELLS_NAMED else ""
                    raise ImportFileError(MSG_FORMULAS_WITHOUT_VALUES.format(cells=named))
                result.annex, result.sheet = annex, sheet.title
                result.legacy_encoding = legacy or result.legacy_encoding
        tables = find_field_tables(
            fill_merges(grid, merges), merged=True, title=_first_text(grid) or sheet.title
        )
        if tables and _has_formulas(archive, sheet._worksheet_path):
            # A total computed by a formula Excel never ran (a workbook a program wrote) reads
            # blank: the rows that need it are told, not read as empty.
            missing_cells = set(
                _formulas_without_values(data, sheet.title, sheet, len(grid.rows), budget)
            )
            for table in tables:
                for row in table.rows:
                    for index in range(table.width):
                        if (row.line, table.first_column + index) in missing_cells:
                            table.formulas_without_values.add((row.line, index))
        for table in tables:
            table.sheet = sheet.title
        result.tables += tables
    if result.annex is not None and TEMPLATE_DATA_SHEET in workbook.sheetnames:
        hidden = workbook[TEMPLATE_DATA_SHEET]
        prepare_sheet(hidden)
        _read_template_data(hidden, result, budget)
    return result


def _first_text(grid: Grid) -> str:
    """A sheet's title: the first text of its first rows."""
    for _, cells in grid.rows[:8]:
        for text in cells:
            if text.strip() and not text.strip().replace(".", "").isdigit():
                return text.strip()
    return ""


def _joined(cells: tuple) -> str:
    """A long JSON text is split over consecutive cells (Excel keeps 32.767 characters a cell)."""
    return "".join(str(value) for value in cells if value is not None)


def _read_template_data(sheet, result: WorkbookAnnex, budget: ReadBudget) -> None:
    """The hidden data of a template export; anything unreadable in it is ignored (the printed
    sheet still gives the rows)."""
    in_rows = False
    names: tuple[str, ...] = ROW_FIELDS
    for _, row in sheet_rows(sheet, budget):
        if not row or row[0] is None:
            continue
        key = str(row[0])
        if key == ROWS_MARKER:
            in_rows = True
            # The columns as the file names them (files exported before kinds had "prefill").
            names = ("code", *(str(name or "") for name in row[1:]))
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
            for name, value in zip(names, row, strict=False):
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
