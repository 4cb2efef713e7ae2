"""Dates as administrative documents write them (Nghị định 30/2020/NĐ-CP, Phụ lục I).

Days below 10 and the months January and February take a leading zero ("ngày 04 tháng 02"), so
that no digit can be added by hand afterwards ("tháng 1" could become "tháng 11"); the other
months do not ("tháng 9").
"""

from __future__ import annotations

import datetime as dt
import re

LONG_DATE = "ngày {day} tháng {month} năm {year}"
# A date left open for the văn thư to fill in when the document is signed and numbered.
OPEN_DATE = "ngày      tháng      năm {year}"

_PRINTED_PART = re.compile(r"\b(ngày|tháng)(\s+)(\d{1,2})\b", re.IGNORECASE)
_EMPTY_DAY = re.compile(r"\bngày\s+tháng\b", re.IGNORECASE)
_EMPTY_MONTH = re.compile(r"\btháng\s+năm\b", re.IGNORECASE)


def day_text(day: int) -> str:
    return f"{day:02d}"


def month_text(month: int) -> str:
    return f"{month:02d}" if month < 3 else str(month)


def long_date(day: dt.date) -> str:
    """ "ngày 04 tháng 9 năm 2024"."""
    return LONG_DATE.format(day=day_text(day.day), month=month_text(day.month), year=day.year)


def short_date(day: dt.date) -> str:
    """ "04/9/2024", "15/12/2023", "10/01/2024": the same rule, in figures."""
    return f"{day_text(day.day)}/{month_text(day.month)}/{day.year}"


def normalise_printed_date(printed: str) -> str:
    """A date as the report printed it, with the rule applied to the figures it has and room
    left where a figure is missing: "ngày tháng 03 năm 2024" → "ngày      tháng 3 năm 2024"."""

    def fix(match: re.Match[str]) -> str:
        word, number = match.group(1), int(match.group(3))
        figure = day_text(number) if word.lower() == "ngày" else month_text(number)
        return f"{word} {figure}"

    text = " ".join(printed.split())
    text = _PRINTED_PART.sub(fix, text)
    text = _EMPTY_DAY.sub("ngày      tháng", text)
    return _EMPTY_MONTH.sub("tháng      năm", text)
