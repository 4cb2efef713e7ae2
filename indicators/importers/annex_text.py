"""Read an annex table written as text: one tab-separated row per line (STT, name, unit, value,
note), as the seeds carry it. Page headers repeated on every page are dropped; names and coded
units broken over several lines are joined; "Trong đó" rows become breakdowns of the row above.

This is the first stage of the annex importer: it only finds rows. ``indicators.importers.tree``
turns them into codes, a hierarchy, value types and choices.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_CODE = re.compile(r"^\d+(\.\d+)*\.?$")
_SPACES = re.compile(r"\s+")
HEADER_FIRST_CELLS = {"stt", "st t"}
HEADER_NAME_PREFIXES = ("chỉ tiêu", "các chỉ tiêu")
SUBHEADER_CELLS = {"đơn vị tính", "số liệu"}


def clean_cell(text: str) -> str:
    text = _TAG.sub("", text).replace("**", "")
    return _SPACES.sub(" ", text).strip()


@dataclass
class ParsedRow:
    line: int
    printed_code: str
    name: str
    unit: str = ""
    value: str = ""
    note: str = ""
    is_breakdown: bool = False


@dataclass
class ParsedAnnex:
    rows: list[ParsedRow] = field(default_factory=list)
    # Lines that look like table rows but could not be placed: (line number, text).
    unplaced: list[tuple[int, str]] = field(default_factory=list)


def _is_header(cells: list[str]) -> bool:
    first = cells[0].lower()
    if first in HEADER_FIRST_CELLS and cells[1].lower().startswith(HEADER_NAME_PREFIXES):
        return True
    return not cells[0] and not cells[1] and {c.lower() for c in cells[2:4]} <= SUBHEADER_CELLS


def _starts_lowercase(text: str) -> bool:
    return bool(text) and text[0].isalpha() and text[0].islower()


def parse_annex_lines(lines: list[str], start: int = 0) -> ParsedAnnex:
    """Rows of the first annex table found in ``lines`` (from index ``start``).

    The table starts at its "STT | Chỉ tiêu …" header and ends at the first line that is neither
    a row nor a repeated header, after at least one row (a new table, the signature block…).
    """
    annex = ParsedAnnex()
    in_table = False
    in_breakdown = False
    for index in range(start, len(lines)):
        raw = lines[index]
        if "\t" not in raw:
            if in_table and annex.rows and raw.strip():
                break
            continue
        cells = [clean_cell(c) for c in raw.split("\t")]
        cells += [""] * (5 - len(cells))
        if _is_header(cells):
            in_table = True
            continue
        if not in_table:
            continue
        stt, name, unit, value, note = cells[:5]
        previous = annex.rows[-1] if annex.rows else None
        line_no = index + 1
        if _CODE.match(stt):
            annex.rows.append(ParsedRow(line_no, stt, name, unit, value, note))
            in_breakdown = False
        elif stt.lower() in {"trong đó", "trong", "đó"}:
            # 2B breaks "Trong đó" over a page: "Trong" on one row, "đó" on the next.
            annex.rows.append(ParsedRow(line_no, "", name, unit, value, note, is_breakdown=True))
            in_breakdown = True
        elif stt == "" and previous is not None:
            if in_breakdown and name and not _starts_lowercase(name):
                annex.rows.append(
                    ParsedRow(line_no, "", name, unit, value, note, is_breakdown=True)
                )
            elif not value and (name or unit):
                # The rest of a name or of a coded unit, pushed to the next line or page.
                previous.name = f"{previous.name} {name}".strip()
                previous.unit = f"{previous.unit} {unit}".strip()
            else:
                annex.unplaced.append((line_no, raw.strip()))
        else:
            annex.unplaced.append((line_no, raw.strip()))
    return annex
