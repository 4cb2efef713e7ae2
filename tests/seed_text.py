"""Reading the seed reports as printed, independently of the importer under test."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from django.conf import settings

SEED_FILES = {
    "15889/2024Q3": "000_786d473fb2e4928a.txt",
    "18217/2021Q3": "001_9c1b2be0e2b3796f.txt",
    "15886/2022Q1": "002_73710f8e72a7a789.txt",
    "5605/2024Q1": "003_aa0afa9b4b178e83.txt",
    "20071/2021H1": "004_85dfaf04df502ccb.txt",
}
_TAGS = re.compile(r"</?[a-z]+>")
_CODE = re.compile(r"^\d+(\.\d+)*\.?$")
_PDF_CODE_LINE = re.compile(r"^\s?\d+(\.\d+)*\.? (\S.*)?$")


@cache
def seed_lines(key: str) -> tuple[str, ...]:
    path = Path(settings.SEEDS_DIR) / SEED_FILES[key]
    text = path.read_text(encoding="utf-8").replace("ƣ", "ư")
    return tuple(_TAGS.sub("", line) for line in text.split("\n"))


def annex_start(key: str) -> int:
    lines = seed_lines(key)
    for index, line in enumerate(lines):
        if re.match(r"^(STT|Stt)\t", line) or line.startswith("Phụ lục 01b"):
            return index
    raise AssertionError(f"no annex in {key}")


def _fold_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def printed_cell(key: str, locator: str) -> str:
    """What the seed prints in the value column of a row, found by its printed STT code (first
    occurrence in the annex) or by a fragment of its name. For the PDF text of seed 002, the
    value is the text of the row's lines, to search in."""
    lines = seed_lines(key)
    start = annex_start(key)
    by_code = bool(_CODE.match(locator))
    for index in range(start, len(lines)):
        cells = lines[index].split("\t")
        if "\t" in lines[index]:
            first = cells[0].strip()
            found = (
                first.rstrip(".") == locator.rstrip(".")
                if by_code
                else locator in _fold_spaces(cells[1] if len(cells) > 1 else "")
            )
            if found:
                return cells[3].strip() if len(cells) > 3 else ""
        else:
            line = _fold_spaces(lines[index])
            found = (
                re.match(rf"^{re.escape(locator.rstrip('.'))}\.? ", line + " ") is not None
                if by_code
                else locator in line
            )
            if found:
                return " ".join(_fold_spaces(x) for x in _pdf_row_lines(lines, index))
    raise AssertionError(f"{key}: no row {locator!r} in the seed's annex")


def _pdf_row_lines(lines: tuple[str, ...], index: int) -> list[str]:
    """The lines of one row in PDF text: up to the next line that starts another row."""
    row = [lines[index]]
    for line in lines[index + 1 : index + 30]:
        starts_a_row = _PDF_CODE_LINE.match(line) or line.strip().startswith("Tron")
        if starts_a_row and not _ends_with_equals(row):
            break
        row.append(line)
    return row


def _ends_with_equals(row: list[str]) -> bool:
    """A choice coding broken over lines ("Có thực hiện =" / "1") continues the row."""
    last = next((line for line in reversed(row) if line.strip()), "")
    return last.rstrip().endswith("=")


def coded_row_count(key: str) -> int:
    """How many annex rows the seed prints with an STT code."""
    lines = seed_lines(key)
    start = annex_start(key)
    if key == "15886/2022Q1":
        count, previous = 0, ""
        for line in lines[start:]:
            # Choice codings broken over lines ("Đã vận hành =" / "1") are not rows.
            if _PDF_CODE_LINE.match(line) and not previous.rstrip().endswith("="):
                count += 1
            if line.strip():
                previous = line
        return count
    count = 0
    for line in lines[start:]:
        if "\t" not in line:
            continue
        if _CODE.match(line.split("\t")[0].strip()):
            count += 1
        elif line.startswith("ST T\t"):
            break  # the table by field of seed 003 starts: not annex rows
    return count


def field_table_rows(key: str) -> list[list[str]]:
    """The printed rows of seed 003's table by field: [STT or "Tổng cộng", label, 12 cells]."""
    lines = seed_lines(key)
    start = next(i for i, line in enumerate(lines) if line.startswith("ST T\t"))
    rows = []
    for line in lines[start + 1 :]:
        cells = [c.strip() for c in line.split("\t")]
        if cells[0].isdigit() or cells[0] == "Tổng cộng":
            rows.append(cells)
    return rows
