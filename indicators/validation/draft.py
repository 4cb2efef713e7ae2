"""A báo cáo pasted as plain text (from Word, before it goes into the portal): its header
number and date, trích yếu, opening, outline sections and closing line, so that the narrative
checks run on it as on a report."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from core.text import fold
from indicators.validation.snapshot import DocumentInfo, Section

_MARKUP = re.compile(r"^#+\s*|\*\*|<[^>]+>")
_ROMAN_HEADING = re.compile(r"^(X{0,3}(?:IX|IV|V?I{0,3}))[.\s]\s*\S")
_NUMBER_HEADING = re.compile(r"^\d{1,2}\.\s*[^\d\s]")
_NUMBER_LINE = re.compile(r"^so\s*:\s*(?P<number>\d*)\s*/", re.IGNORECASE)
_DATE_LINE = re.compile(r"\bngay\b.*\bthang\b.*\bnam\s+\d{4}")
_CLOSING = re.compile(r"^tren day la")
_TITLE = re.compile(r"^bao cao$")
_ANNEX = re.compile(r"^phu luc\b")


@dataclass(frozen=True)
class Draft:
    sections: tuple[Section, ...]
    document: DocumentInfo
    has_number_line: bool = False  # "Số: …/BC-UBND" printed (blank or not)
    # Every line of the text before the annex, in order: what the figure checks read, whether
    # or not the text has a title and outline headings (a press article has neither).
    body: tuple[str, ...] = ()


def _clean(line: str) -> str:
    line = unicodedata.normalize("NFC", line)
    line = _MARKUP.sub("", line.strip())
    return line.strip().strip("*").strip()


def parse_draft(text: str) -> Draft:
    lines = [_clean(line) for line in text.splitlines()]
    number, date_printed, summary, closing = "", "", "", ""
    has_number_line = False
    intro: list[str] = []
    sections: list[tuple[int, str, list[str]]] = []
    title_seen = False
    summary_pending = False
    body: list[str] = []
    for line in lines:
        if not line:
            continue
        folded = fold(line)
        if _ANNEX.match(folded) and sections:
            break  # the annex follows the signature: not narrative
        body.append(line)
        match = _NUMBER_LINE.match(folded)
        if match and not has_number_line and not sections:
            number, has_number_line = match.group("number"), True
            # "Số: /BC-UBND Bình Thành, ngày tháng 3 năm 2024": number and date on one line.
            if _DATE_LINE.search(folded):
                date_printed = _date_part(line)
            continue
        if not date_printed and not sections and _DATE_LINE.search(folded) and len(line) < 90:
            date_printed = _date_part(line)
            continue
        if _TITLE.match(folded):
            title_seen, summary_pending = True, True
            continue
        if summary_pending:
            summary, summary_pending = line, False
            continue
        if _CLOSING.match(folded):
            closing = line
            continue
        if closing:
            continue  # nơi nhận, signature
        heading_level = _heading_level(line)
        if heading_level:
            sections.append((heading_level, line, []))
        elif sections:
            sections[-1][2].append(line)
        elif title_seen:
            intro.append(line)
    return Draft(
        sections=tuple(
            Section(heading, "\n".join(body), level) for level, heading, body in sections
        ),
        document=DocumentInfo(
            number=number,
            date=None,
            date_printed=date_printed,
            summary=summary,
            intro="\n".join(intro),
            closing=closing,
        ),
        has_number_line=has_number_line,
        body=tuple(body),
    )


def _date_part(line: str) -> str:
    """ "Sơn Phú, ngày 14 tháng 9 năm 2021" → "ngày 14 tháng 9 năm 2021"."""
    start = line.lower().find("ngày")
    return line[start:].strip() if start >= 0 else line


def _heading_level(line: str) -> int:
    roman = _ROMAN_HEADING.match(line)
    if roman and roman.group(1) and line[: len(roman.group(1)) + 1].strip(". ").isupper():
        return 1
    # "1. Cải cách thể chế" is a heading; "1. Tiếp tục thực hiện … đề ra." is a task of a list.
    if (
        _NUMBER_HEADING.match(line)
        and len(line) < 120
        and not line.rstrip().endswith((";", ","))
        and not (line.rstrip().endswith(".") and len(line) > 60)
    ):
        return 2
    return 0
