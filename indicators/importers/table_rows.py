"""Annex rows from a grid of cells (a worksheet, a Word table): find the columns by the header
("STT | Chỉ tiêu thống kê | Đơn vị tính | Số liệu | Ghi chú"), then read each row as the
tab-separated reader does: STT codes, "Trong đó" breakdowns, repeated headers dropped.

In a grid every row is a real row, so a row is joined to the one above only when it plainly
continues it (no STT, no unit, no value, a name that starts in lower case).

A workbook tells more than the text of its cells (``Grid.numeric``, ``Grid.stored``): an STT
that Excel took for a number ("1.1" typed, 1.1 stored, "1,1" printed) is read back as the code,
"1.10" included (stored as 1.1, it follows "1.9"); a percentage cell keeps the fraction it
stores beside the percentage it shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.text import fold

from .annex_text import ParsedAnnex, ParsedRow, clean_cell

_CODE = re.compile(r"^\d+(\.\d+)*\.?$")
_BREAKDOWN_CODE = re.compile(r"^\d+(\.\d+)*\.[a-z]$")
STT_HEADERS = {"stt", "st t", "tt", "so tt", "so thu tu"}
NAME_HEADER_PREFIXES = ("chi tieu", "cac chi tieu", "ten chi tieu", "noi dung")
BREAKDOWN_STT = {"trong do", "trong do:", "trong", "do"}
MAX_HEADER_ROWS = 3


@dataclass
class SourceRow(ParsedRow):
    """A parsed row that may know its canonical code (the portal's own exports carry it)."""

    code_hint: str = ""
    # The value cell as stored, when it shows something else: a percentage cell shows "90"
    # (``value``) and stores the fraction "0,9". Empty for every other cell.
    stored_value: str = ""


@dataclass(frozen=True)
class Columns:
    stt: int
    name: int
    unit: int | None
    value: int | None
    note: int | None
    code: int | None = None


@dataclass
class Grid:
    """Rows of cells as text, each with its number in the source (sheet row, table row)."""

    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    # (row number, column index) of the cells that held a number (a workbook's), and of the
    # percentage cells, the fraction each stores (its text is the percentage it shows).
    numeric: set[tuple[int, int]] = field(default_factory=set)
    stored: dict[tuple[int, int], str] = field(default_factory=dict)


def _cell(cells: list[str], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cells[index]


def _is_name_header(text: str) -> bool:
    return fold(text).strip().startswith(NAME_HEADER_PREFIXES)


def find_columns(grid: Grid) -> tuple[int, Columns] | None:
    """Where the annex header is (index in ``grid.rows``) and which column holds what."""
    for index, (_, cells) in enumerate(grid.rows):
        folded = [fold(cell).strip() for cell in cells]
        stt = next((i for i, text in enumerate(folded) if text in STT_HEADERS), None)
        if stt is None:
            continue
        name = next((i for i in range(stt + 1, len(cells)) if _is_name_header(cells[i])), None)
        if name is None:
            continue
        found: dict[str, int] = {}
        for _, header_cells in grid.rows[index : index + MAX_HEADER_ROWS]:
            for position, text in enumerate(header_cells):
                label = fold(text).strip()
                for key, words in (
                    ("unit", "don vi tinh"),
                    ("value", "so lieu"),
                    ("note", "ghi chu"),
                    ("code", "ma chi tieu"),
                ):
                    if label.startswith(words) and key not in found:
                        found[key] = position
        width = max(len(cells) for _, cells in grid.rows[index : index + MAX_HEADER_ROWS])
        unit = found.get("unit", name + 1 if name + 1 < width else None)
        value = found.get("value", unit + 1 if unit is not None and unit + 1 < width else None)
        note = found.get("note")
        return index, Columns(stt, name, unit, value, note, found.get("code"))
    return None


def _is_repeated_header(cells: list[str], columns: Columns) -> bool:
    stt = fold(_cell(cells, columns.stt)).strip()
    if stt in STT_HEADERS and _is_name_header(_cell(cells, columns.name)):
        return True
    labels = {fold(cell).strip() for cell in cells if cell.strip()}
    return bool(labels) and labels <= {"don vi tinh", "so lieu", "ket qua thong ke", "ket qua"}


def _numeric_code(text: str, previous: str) -> str:
    """An STT code Excel stored as a number, printed "1,1": the code "1.1"; "1.10", which Excel
    stores as 1.1 too, when it follows "1.9" (and "1.2" after "1.19" is "1.20")."""
    code = text.replace(",", ".")
    head, dot, last = code.rpartition(".")
    if not dot:
        return code
    before_head, before_dot, before_last = previous.rstrip(".").rpartition(".")
    if before_dot and before_head == head and before_last.isdigit():
        expected = str(int(before_last) + 1)
        if expected != last and expected.startswith(last) and expected.rstrip("0") == last:
            return f"{head}.{expected}"
    return code


def parse_grid(grid: Grid) -> ParsedAnnex | None:
    """The annex rows of the grid, or None when it has no annex header."""
    located = find_columns(grid)
    if located is None:
        return None
    start, columns = located
    annex = ParsedAnnex()
    in_breakdown = False
    after_gap = False
    last_code = ""
    for line, raw_cells in grid.rows[start + 1 :]:
        cells = [clean_cell(cell) for cell in raw_cells]
        if not any(cells):
            # A blank row ends a "Trong đó" run; what follows it without a code is not a row.
            in_breakdown = False
            after_gap = bool(annex.rows)
            continue
        if _is_repeated_header(cells, columns):
            continue
        stt = _cell(cells, columns.stt)
        name = _cell(cells, columns.name)
        unit = _cell(cells, columns.unit)
        value = _cell(cells, columns.value)
        note = _cell(cells, columns.note)
        hint = _cell(cells, columns.code)
        previous = annex.rows[-1] if annex.rows else None
        if (line, columns.stt) in grid.numeric and stt:
            stt = _numeric_code(stt, last_code)
        folded_stt = fold(stt).strip()
        stored = grid.stored.get((line, columns.value), "") if columns.value is not None else ""
        if _CODE.match(stt) and name:
            annex.rows.append(
                SourceRow(line, stt, name, unit, value, note, code_hint=hint, stored_value=stored)
            )
            last_code = stt
            in_breakdown = False
            after_gap = False
        elif (folded_stt in BREAKDOWN_STT or _BREAKDOWN_CODE.match(hint)) and name and previous:
            annex.rows.append(
                SourceRow(
                    line,
                    "",
                    name,
                    unit,
                    value,
                    note,
                    is_breakdown=True,
                    code_hint=hint,
                    stored_value=stored,
                )
            )
            in_breakdown = True
        elif not stt and in_breakdown and name and not after_gap:
            annex.rows.append(
                SourceRow(
                    line,
                    "",
                    name,
                    unit,
                    value,
                    note,
                    is_breakdown=True,
                    code_hint=hint,
                    stored_value=stored,
                )
            )
        elif (
            not stt
            and previous is not None
            and not after_gap
            and name[:1].islower()
            and not (unit or value or note)
        ):
            previous.name = f"{previous.name} {name}".strip()
        else:
            annex.unplaced.append((line, " | ".join(cell for cell in cells if cell)))
    return annex
