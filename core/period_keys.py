"""Reporting periods: keys ("2024Q3", "2021H1", "2024M9", "2024Y") and their legal data windows.

The windows are those of Nghị định 09/2019/NĐ-CP, Art. 12 (Công văn 581/BNV-CCHC for CCHC):
every window starts on 15 December of the previous year or on the 15th of a month, and ends on
the 14th. Ends are inclusive. Provinces may use other windows: these are only the defaults.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db import models

from core.errors import DomainError


class PeriodKind(models.TextChoices):
    QUARTER = "Q", "Quý"
    HALF = "H", "6 tháng"
    NINE_MONTHS = "M", "9 tháng"
    YEAR = "Y", "Năm"


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
KEY_RE = re.compile(r"^(?P<year>\d{4})(?:(?P<kind>[QH])(?P<number>[1-4])|(?P<m9>M9)|(?P<y>Y))$")

# (month, day) of the window's first and last day; month 0 is December of the previous year.
_WINDOWS: dict[tuple[str, int], tuple[tuple[int, int], tuple[int, int]]] = {
    (PeriodKind.QUARTER, 1): ((0, 15), (3, 14)),
    (PeriodKind.QUARTER, 2): ((3, 15), (6, 14)),
    (PeriodKind.QUARTER, 3): ((6, 15), (9, 14)),
    (PeriodKind.QUARTER, 4): ((9, 15), (12, 14)),
    (PeriodKind.HALF, 1): ((0, 15), (6, 14)),
    (PeriodKind.HALF, 2): ((6, 15), (12, 14)),
    (PeriodKind.NINE_MONTHS, 9): ((0, 15), (9, 14)),
    (PeriodKind.YEAR, 0): ((0, 15), (12, 14)),
}


class PeriodKeyError(DomainError, ValueError):
    """A period key that is not one ("2024Q5"), with the reason in ``message``."""


@dataclass(frozen=True)
class PeriodKey:
    kind: str
    year: int
    number: int

    @classmethod
    def parse(cls, key: str) -> PeriodKey:
        match = KEY_RE.match(key.strip().upper())
        if not match:
            raise PeriodKeyError(
                f"Kỳ báo cáo “{key}” không hợp lệ: dùng dạng 2024Q3, 2024H1, 2024H2, 2024M9 "
                "hoặc 2024Y."
            )
        year = int(match["year"])
        if match["m9"]:
            return cls(PeriodKind.NINE_MONTHS, year, 9)
        if match["y"]:
            return cls(PeriodKind.YEAR, year, 0)
        number = int(match["number"])
        if match["kind"] == "H" and number > 2:
            raise PeriodKeyError(f"Kỳ báo cáo “{key}” không hợp lệ: chỉ có H1 và H2.")
        return cls(match["kind"], year, number)

    def __str__(self) -> str:
        if self.kind == PeriodKind.NINE_MONTHS:
            return f"{self.year}M9"
        if self.kind == PeriodKind.YEAR:
            return f"{self.year}Y"
        return f"{self.year}{self.kind}{self.number}"

    @property
    def label(self) -> str:
        """The period as documents name it: "quý III năm 2024", "6 tháng đầu năm 2021"."""
        if self.kind == PeriodKind.QUARTER:
            return f"quý {ROMAN[self.number]} năm {self.year}"
        if self.kind == PeriodKind.HALF:
            half = "đầu" if self.number == 1 else "cuối"
            return f"6 tháng {half} năm {self.year}"
        if self.kind == PeriodKind.NINE_MONTHS:
            return f"9 tháng năm {self.year}"
        return f"năm {self.year}"

    @property
    def short_label(self) -> str:
        """The period as a note names it: "quý III/2024", "6 tháng đầu năm 2021"."""
        if self.kind == PeriodKind.QUARTER:
            return f"quý {ROMAN[self.number]}/{self.year}"
        return self.label

    def quarters(self) -> tuple[PeriodKey, ...]:
        """The quarters a longer period is made of (a quarter: none)."""
        numbers: tuple[int, ...] = ()
        if self.kind == PeriodKind.HALF:
            numbers = (1, 2) if self.number == 1 else (3, 4)
        elif self.kind == PeriodKind.NINE_MONTHS:
            numbers = (1, 2, 3)
        elif self.kind == PeriodKind.YEAR:
            numbers = (1, 2, 3, 4)
        return tuple(PeriodKey(PeriodKind.QUARTER, self.year, n) for n in numbers)

    def legal_window(self) -> tuple[dt.date, dt.date]:
        (start_month, start_day), (end_month, end_day) = _WINDOWS[(self.kind, self.number)]
        start = (
            dt.date(self.year - 1, 12, start_day)
            if start_month == 0
            else dt.date(self.year, start_month, start_day)
        )
        return start, dt.date(self.year, end_month, end_day)

    def next(self) -> PeriodKey:
        """The period of the same kind just after this one (quý IV → quý I of next year)."""
        if self.kind == PeriodKind.QUARTER:
            if self.number == 4:
                return PeriodKey(self.kind, self.year + 1, 1)
            return PeriodKey(self.kind, self.year, self.number + 1)
        if self.kind == PeriodKind.HALF:
            if self.number == 2:
                return PeriodKey(self.kind, self.year + 1, 1)
            return PeriodKey(self.kind, self.year, 2)
        return PeriodKey(self.kind, self.year + 1, self.number)

    def previous(self) -> PeriodKey:
        """The period of the same kind just before this one (quý I → quý IV of last year)."""
        if self.kind == PeriodKind.QUARTER:
            if self.number == 1:
                return PeriodKey(self.kind, self.year - 1, 4)
            return PeriodKey(self.kind, self.year, self.number - 1)
        if self.kind == PeriodKind.HALF:
            if self.number == 1:
                return PeriodKey(self.kind, self.year - 1, 2)
            return PeriodKey(self.kind, self.year, 1)
        return PeriodKey(self.kind, self.year - 1, self.number)


def default_due_date(end: dt.date) -> dt.date:
    """Two days after the window: at least one working day, before the district's own deadline."""
    return end + dt.timedelta(days=2)
