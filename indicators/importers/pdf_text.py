"""Read an annex whose text was extracted from a PDF (seed 002): no tabs, the cells of a row run
together with single spaces, long names and coded units are broken over several lines, "Trong
đó" itself is broken ("Tron" / "g đó"), and the table header is repeated on every page.

A row starts at a line that begins with a plausible STT code (the next section number, or a
code under one already open) and runs to the next such line. Its text is then split from the
end: the value (a trailing number not preceded by "="), the unit (coded choices "… = 1 … = 0",
or the last capitalised words, which is how every annex writes its units), and the name.
The result is the same :class:`ParsedAnnex` the tab-separated reader gives.
"""

from __future__ import annotations

import re

from core.text import fold

from .annex_text import ParsedAnnex, ParsedRow, clean_cell

_CODE_LINE = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*\.?)(?:\s+(.*))?$")
_VALUE = re.compile(r"^\d[\d.,]*%?$")
# The PDF font artefact of "ư" (fixtures/README.md).
PDF_ARTEFACTS = str.maketrans({"ƣ": "ư", "Ƣ": "Ư"})
HEADER_LINES = {
    "stt",
    "st t",
    "tt",
    "chi tieu thong ke",
    "cac chi tieu",
    "ket qua thong ke",
    "ket qua",
    "ghi chu",
    "don vi tinh so lieu",
    "don vi tinh",
    "so lieu",
}
_REPORT_SUBTITLE = re.compile(r"^\(\s*bao cao\b.*\)$")
STOP_PREFIXES = ("noi nhan", "tm. ", "kt. ", "nguoi lap", "tren day")
# Units written in lower case or as a sign, which no capital announces.
SIGN_UNITS = ("%", "nt")
MAX_UNIT_WORDS = 6
MAX_INLINE_UNIT_WORDS = 4


def is_header_line(text: str) -> bool:
    folded = fold(text).strip().rstrip(":").strip()
    if folded in HEADER_LINES or _REPORT_SUBTITLE.match(folded):
        return True
    return folded.startswith("stt ") and "chi tieu" in folded


def _breakdown_marker(lines: list[str], index: int) -> tuple[int, str] | None:
    """ "Trong đó" at ``index`` (also broken as "Tron" / "g đó" or "Trong" / "đó"): how many
    lines it takes and the text after it."""
    folded = fold(lines[index]).strip()
    if folded.startswith("trong do"):
        return 1, lines[index].strip()[len("Trong đó") :].strip(" :")
    after = next((i for i in range(index + 1, len(lines)) if lines[i].strip()), None)
    if after is None:
        return None
    following = fold(lines[after]).strip()
    if folded == "tron" and following.startswith("g do"):
        return after - index + 1, lines[after].strip()[len("g đó") :].strip(" :")
    if folded == "trong" and following.startswith("do"):
        return after - index + 1, lines[after].strip()[len("đó") :].strip(" :")
    return None


def _is_acronym(word: str) -> bool:
    letters = [char for char in word if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


def _starts_capital(word: str) -> bool:
    return bool(word) and word[0].isalpha() and word[0].isupper() and not _is_acronym(word)


def _split_value(words: list[str]) -> tuple[list[str], str]:
    if len(words) >= 2 and _VALUE.match(words[-1]) and words[-2] != "=":
        return words[:-1], words[-1]
    return words, ""


def _split_coded_unit(words: list[str]) -> tuple[str, str] | None:
    """ "Tổ chức đối thoại … Không = 0 Có = 1" → name, "Không = 0 Có = 1"."""
    if "=" not in words:
        return None
    first = words.index("=")
    start = next((i for i in range(first - 1, 0, -1) if _starts_capital(words[i])), None)
    if start is None:
        return None
    return " ".join(words[:start]), " ".join(words[start:])


def _split_unit_by_lines(lines: list[str]) -> tuple[str, str] | None:
    """A row over several lines: the unit starts on the last line that opens with a capital
    (or a sign), after the name's lines, and is short."""
    for index in range(len(lines) - 1, 0, -1):
        first_word = lines[index].split()[0] if lines[index].split() else ""
        if first_word in SIGN_UNITS or (first_word[:1].isalpha() and first_word[:1].isupper()):
            unit = " ".join(lines[index:])
            if len(unit.split()) <= MAX_UNIT_WORDS and "(" not in unit:
                return " ".join(lines[:index]), unit
            return None
    return None


def _split_unit_inline(words: list[str]) -> tuple[str, str] | None:
    """Name and unit on one line: the unit is the last capitalised run of a few words."""
    if len(words) >= 2 and words[-1] in SIGN_UNITS:
        return " ".join(words[:-1]), words[-1]
    for index in range(len(words) - 1, 0, -1):
        if _starts_capital(words[index]):
            unit = words[index:]
            if len(unit) <= MAX_INLINE_UNIT_WORDS and not any(
                "(" in w or ")" in w or any(c.isdigit() for c in w) for w in unit
            ):
                return " ".join(words[:index]), " ".join(unit)
            return None
    return None


def split_row_text(lines: list[str]) -> tuple[str, str, str]:
    """The text lines of one row (code removed) → name, unit, value."""
    lines = [clean_cell(line) for line in lines if clean_cell(line)]
    if not lines:
        return "", "", ""
    words, value = _split_value(" ".join(lines).split())
    if value:
        # Drop the value from the last line too, so the line structure still shows the unit.
        last = lines[-1].split()
        lines = [*lines[:-1], " ".join(last[:-1])] if len(last) > 1 else lines[:-1]
    split = _split_coded_unit(words)
    if split is None and len(lines) > 1:
        split = _split_unit_by_lines(lines)
    if split is None and len(lines) <= 1:
        split = _split_unit_inline(words)
    name, unit = split if split else (" ".join(words), "")
    return name, unit, value


class _Codes:
    """Which numbers at the start of a line are STT codes, not a value or a name's tail."""

    def __init__(self) -> None:
        self.open: list[str] = []  # the chain of open codes, shallowest first

    def plausible(self, code: str) -> bool:
        if not self.open:
            return True  # the table's first row, whatever its number (a page of an annex)
        parts = code.rstrip(".").split(".")
        if len(parts) == 1:
            return int(parts[0]) == int(self.open[0]) + 1
        # Under a row already open, directly or across a level the annex skips (1.4.2 under 1).
        prefixes = {".".join(parts[:depth]) for depth in range(1, len(parts))}
        return bool(prefixes & set(self.open))

    def accept(self, code: str) -> None:
        parts = code.rstrip(".").split(".")
        self.open = [".".join(parts[: depth + 1]) for depth in range(len(parts))]


def parse_pdf_annex(text_lines: list[str]) -> ParsedAnnex:
    """The rows of the annex table of PDF-extracted text (``text_lines`` as split on newlines)."""
    lines = [line.translate(PDF_ARTEFACTS).rstrip() for line in text_lines]
    annex = ParsedAnnex()
    codes = _Codes()
    in_table = False
    current: ParsedRow | None = None
    current_lines: list[str] = []
    breakdown_lines: list[tuple[int, str]] = []
    in_breakdown = False

    def close_row() -> None:
        nonlocal current, current_lines
        if current is not None:
            current.name, current.unit, current.value = split_row_text(current_lines)
            annex.rows.append(current)
        current, current_lines = None, []

    def close_breakdown(*, complete: bool) -> None:
        nonlocal breakdown_lines
        if breakdown_lines:
            name, unit, value = split_row_text([text for _, text in breakdown_lines])
            if complete or value or unit:
                annex.rows.append(
                    ParsedRow(breakdown_lines[0][0], "", name, unit, value, is_breakdown=True)
                )
            else:
                annex.unplaced.extend(breakdown_lines)
        breakdown_lines = []

    index = 0
    while index < len(lines):
        raw = lines[index].strip()
        line_no = index + 1
        index += 1
        if not raw:
            continue
        if is_header_line(raw):
            in_table = in_table or fold(raw).strip() in {"stt", "st t", "tt"}
            continue
        if not in_table:
            continue
        if (current or annex.rows) and fold(raw).startswith(STOP_PREFIXES):
            break
        match = _CODE_LINE.match(raw)
        if match and codes.plausible(match.group(1)):
            close_row()
            close_breakdown(complete=True)
            in_breakdown = False
            codes.accept(match.group(1))
            current = ParsedRow(line_no, match.group(1), "")
            current_lines = [match.group(2) or ""]
            continue
        marker = _breakdown_marker(lines, index - 1)
        if marker is not None and (current is not None or annex.rows):
            taken, rest = marker
            close_row()
            close_breakdown(complete=True)
            in_breakdown = True
            index += taken - 1
            if rest:
                breakdown_lines.append((line_no, rest))
            continue
        if in_breakdown:
            breakdown_lines.append((line_no, raw))
            words = raw.split()
            if len(words) >= 2 and _VALUE.match(words[-1]) and words[-2] != "=":
                close_breakdown(complete=True)
            continue
        if current is not None:
            current_lines.append(raw)
        else:
            annex.unplaced.append((line_no, raw))
    close_row()
    close_breakdown(complete=False)
    return annex
