"""The period a text reports on, read from the whole text, not only from its title.

A text names its period in many ways: "quý I/2024", "quý III.2020", "Quý III (năm 2021)", "6
tháng đầu năm 2022", "9 tháng", "trong 3 tháng đầu năm" (quarter I), "năm 2023", "Tháng
5-2021", "trong tháng 10 vừa qua" (the year from the page's date), or a data window "từ ngày
15/12/2022 đến 14/3/2023", "từ ngày 21/7 đến 20/8/2021". The first sentence that states the
period of its figures decides: a period word looking back (not "phương hướng, nhiệm vụ quý
IV", not "so với năm 2022", not "nhiệm kỳ 2016-2021", "năm học 2021 – 2022" or "từ năm
2015-2020"), or a window. A year-to-date window ("từ đầu năm đến nay", "tính đến cuối tháng
5", "đến hết tháng 4/2018") or a window that is no standard period gives no period.

Windows are mapped to a period through the window conventions held as data
(``CONVENTIONS``): the legal one (Nghị định 09/2019: the 15th to the 14th), calendar
months, Vĩnh Phúc's (the 21st to the 20th) and Lâm Đồng's quarters shifted by a month
(1/12/2019–29/2/2020 for quý I/2020).

A month has no ``PeriodKey`` ("2024M9" means nine months): it is detected as a month, coded
"2024M03" for people and tools, and its period checks are skipped.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from core.period_keys import PeriodKey, PeriodKind
from indicators.validation.narrative_text import fold_aligned

MONTH = "month"
WINDOW = "window"
OPEN = "open"  # year to date, up to a date: no standard period

# Longer periods first when a sentence names several ("tháng 9 và quý III/2021").
_RANK = {
    PeriodKind.YEAR: 5,
    PeriodKind.NINE_MONTHS: 4,
    PeriodKind.HALF: 3,
    PeriodKind.QUARTER: 2,
    MONTH: 1,
}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


@dataclass(frozen=True)
class WindowConvention:
    """How a unit cuts its reporting windows: a period of months a..b runs from day
    ``start_day`` of month a − ``start_shift`` to day ``end_day`` (0 = the last day) of month
    b − ``end_shift``."""

    name: str
    start_day: int
    start_shift: int
    end_day: int
    end_shift: int
    provinces: tuple[str, ...] = ()

    def window(self, first_month: int, last_month: int, year: int) -> tuple[dt.date, dt.date]:
        start = _month_day(year, first_month - self.start_shift, self.start_day)
        end = _month_day(year, last_month - self.end_shift, self.end_day)
        return start, end


CONVENTIONS: tuple[WindowConvention, ...] = (
    WindowConvention("Nghị định 09/2019/NĐ-CP (15 → 14)", 15, 1, 14, 0),
    WindowConvention("tháng dương lịch", 1, 0, 0, 0),
    WindowConvention("Vĩnh Phúc (21 → 20)", 21, 1, 20, 0, ("Vĩnh Phúc",)),
    WindowConvention("Lâm Đồng 2020 (lùi một tháng)", 1, 1, 0, 1, ("Lâm Đồng",)),
)


def _month_day(year: int, month: int, day: int) -> dt.date:
    while month < 1:
        month += 12
        year -= 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, last if day == 0 else min(day, last))


@dataclass(frozen=True)
class DetectedPeriod:
    kind: str  # a PeriodKind, MONTH, WINDOW or OPEN
    year: int | None
    number: int = 0  # quarter, half, month
    start: dt.date | None = None  # a stated window
    end: dt.date | None = None
    quote: str = ""
    convention: str = ""

    @property
    def key(self) -> PeriodKey | None:
        if self.year is None or self.kind in (MONTH, WINDOW, OPEN):
            return None
        number = 9 if self.kind == PeriodKind.NINE_MONTHS else self.number
        return PeriodKey(self.kind, self.year, number)

    @property
    def code(self) -> str | None:
        """ "2024Q1", "2021H1", "2024M9" (nine months), "2023Y", "2019M10" (a month)."""
        if self.kind == MONTH and self.year is not None:
            return f"{self.year}M{self.number:02d}"
        key = self.key
        return str(key) if key is not None else None


_YEAR = r"(?:19|20)\d{2}"
_YEAR_TAIL = rf"(?:\s*[/.\-]\s*|\s+nam\s+|\s*\(\s*nam\s+|\s*,\s*nam\s+)(?P<y>{_YEAR})\b"
_MENTIONS = [
    (PeriodKind.QUARTER, re.compile(rf"\bquy\s+(?P<n>iv|iii|ii|i|0?[1-4])\b(?:{_YEAR_TAIL})?")),
    (
        PeriodKind.HALF,
        re.compile(rf"\b6\s+thang\s+(?P<n>dau|cuoi)(?:\s+nam)?(?:\s*/?\s*(?P<y>{_YEAR})\b)?"),
    ),
    (
        PeriodKind.NINE_MONTHS,
        re.compile(rf"\b9\s+thang(?:\s+dau)?(?:\s+nam)?(?:\s*/?\s*(?P<y>{_YEAR})\b)?(?P<n>)"),
    ),
    (
        PeriodKind.QUARTER,
        re.compile(rf"\b3\s+thang\s+dau\s+nam(?:\s*/?\s*(?P<y>{_YEAR})\b)?(?P<n>)"),
    ),
    (
        MONTH,
        re.compile(rf"\bthang\s+(?P<n>0?[1-9]|1[0-2])\b(?!\s*/\s*\d{{1,2}}\b)(?:{_YEAR_TAIL})?"),
    ),
    (PeriodKind.YEAR, re.compile(rf"\bnam\s+(?P<y>{_YEAR})\b(?!\s*[-–]\s*{_YEAR})(?P<n>)")),
]
_NOT_A_PERIOD_BEFORE = re.compile(
    r"(so voi|cung ky|nhiem ky|giai doan|nam hoc|tu|den|den het|tinh den|den cuoi|cuoi|"
    r"ngay\s+\d{1,2}|thang\s+\d{1,2}|ky bao cao|truoc|sau|dau)\s*(cac\s+)?"
    r"(ky\s+bao\s+cao\s+)?$"
)
_FORWARD = re.compile(
    r"phuong huong|ky toi|tiep theo|giai phap|trien khai|du kien|\bse\b|thoi gian toi"
)
_FORWARD_NEAR = re.compile(r"nhiem vu\s*(trong tam\s*)?(,\s*)?$")
_DATE = r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{4}))?"
_WINDOW = re.compile(
    rf"\btu\s+(?:ngay\s+)?{_DATE}\s*(?:tinh\s+)?den\s+(?:het\s+)?(?:ngay\s+)?"
    rf"(?:(?P<cuoi>cuoi\s+thang\s+(\d{{1,2}})\s*[/.\-]\s*(\d{{4}}))|{_DATE})"
)
_OPEN = re.compile(
    rf"tu dau nam(\s+{_YEAR})?\s+den nay|tinh den (cuoi |het )?(thang|ngay|nay)|"
    rf"den het thang|tu ngay \d{{1,2}}\s*/\s*\d{{1,2}}(\s*/\s*{_YEAR})? den nay|luy ke den"
)
_FULL_DATE = re.compile(r"\b(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*((?:19|20)\d{2})\b")
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")


@dataclass
class _Mention:
    kind: str
    number: int
    year: int | None
    start: int
    end: int
    text: str


def detect_text_period(text: str) -> DetectedPeriod | None:
    """The period the text's figures are for, or None when it names none (or only a
    year-to-date or non-standard window, returned as OPEN / WINDOW with its dates)."""
    folded = fold_aligned(text).lower()
    sentences = [
        (m.start(), m.end())
        for m in re.finditer(r"[^\n]+?(?:(?<=[.!?])(?=\s)|$)", folded, re.MULTILINE)
    ]
    all_mentions = _mentions(folded, 0, len(folded))
    for start, end in sentences:
        window = _WINDOW.search(folded, start, end)
        opened = _OPEN.search(folded, start, end)
        back = [
            m for m in all_mentions if start <= m.start < end and not _is_forward(folded, start, m)
        ]
        if opened is not None and (not back or opened.start() < back[0].start):
            # "Từ đầu năm đến nay, … các kế hoạch năm 2022": the year qualifies something else
            return DetectedPeriod(OPEN, None, quote=" ".join(text[start:end].split()))
        if back:
            best = max(back, key=lambda m: (_RANK[m.kind], -m.start))
            year = best.year or _infer_year(folded, best, all_mentions)
            window_dates = _window_dates(window, year) if window else None
            return DetectedPeriod(
                best.kind,
                year,
                best.number,
                window_dates[0] if window_dates else None,
                window_dates[1] if window_dates else None,
                quote=" ".join(text[start:end].split()),
            )
        if window is not None:
            dates = _window_dates(window, None)
            if dates is None:
                continue
            mapped = period_of_window(*dates)
            if mapped is not None:
                return mapped
            return DetectedPeriod(
                WINDOW, None, 0, dates[0], dates[1], " ".join(text[start:end].split())
            )
        if opened is not None:
            return DetectedPeriod(OPEN, None, quote=" ".join(text[start:end].split()))
    return None


def _mentions(folded: str, start: int, end: int) -> list[_Mention]:
    found: list[_Mention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _MENTIONS:
        for match in pattern.finditer(folded, start, end):
            if any(s <= match.start() < e for s, e in taken):
                continue
            before = folded[max(0, match.start() - 30) : match.start()]
            if _NOT_A_PERIOD_BEFORE.search(before):
                continue
            if kind == MONTH and re.search(r"\bngay\s+\d{1,2}\s*$", before):
                continue
            number = _number(kind, match.group("n") or "")
            year = int(match.group("y")) if match.group("y") else None
            found.append(_Mention(kind, number, year, match.start(), match.end(), match.group(0)))
            taken.append((match.start(), match.end()))
    return sorted(found, key=lambda m: m.start)


def _number(kind: str, text: str) -> int:
    if kind == PeriodKind.QUARTER:
        return _ROMAN.get(text) or int(text or 1)
    if kind == PeriodKind.HALF:
        return 1 if text == "dau" else 2
    if kind == MONTH:
        return int(text)
    return 0


def _is_forward(folded: str, sentence_start: int, mention: _Mention) -> bool:
    before = folded[sentence_start : mention.start]
    last_back = before  # forward words since the sentence start
    return bool(_FORWARD.search(last_back)) or bool(_FORWARD_NEAR.search(before[-30:]))


def _infer_year(folded: str, mention: _Mention, mentions: list[_Mention]) -> int | None:
    """A period named without its year ("trong quý I", "tháng 10 vừa qua"): the year of the
    next mention of the same kind, else of the page's date, else of any later mention."""
    for other in mentions:
        if other.start > mention.start and other.kind == mention.kind and other.year:
            return other.year
    dates = list(_FULL_DATE.finditer(folded))
    if dates:
        before = [d for d in dates if d.start() < mention.start]
        chosen = before[-1] if before else dates[0]
        year, month = int(chosen.group(3)), int(chosen.group(2))
        if mention.kind == MONTH and mention.number > month:
            return year - 1
        return year
    later = [m.year for m in mentions if m.start > mention.start and m.year]
    return later[0] if later else None


def _window_dates(match: re.Match[str], year: int | None) -> tuple[dt.date, dt.date] | None:
    groups = match.groups()
    start_day, start_month, start_year = groups[0], groups[1], groups[2]
    try:
        if match.group("cuoi"):
            end_month, end_year = int(groups[4]), int(groups[5])
            end = _month_day(end_year, end_month, 0)
        else:
            end_day_text, end_month_text, end_year_text = groups[6], groups[7], groups[8]
            stated_year = int(end_year_text) if end_year_text else year
            if stated_year is None:
                return None
            end = dt.date(stated_year, int(end_month_text), int(end_day_text))
        first_year = int(start_year) if start_year else end.year
        start = dt.date(first_year, int(start_month), int(start_day))
        if start > end:
            start = start.replace(year=start.year - 1)
    except (ValueError, TypeError):
        return None
    return start, end


_SPANS: list[tuple[str, int, int, int]] = [
    *((PeriodKind.QUARTER, q, 3 * q - 2, 3 * q) for q in range(1, 5)),
    (PeriodKind.HALF, 1, 1, 6),
    (PeriodKind.HALF, 2, 7, 12),
    (PeriodKind.NINE_MONTHS, 9, 1, 9),
    (PeriodKind.YEAR, 0, 1, 12),
    *((MONTH, m, m, m) for m in range(1, 13)),
]


def period_of_window(start: dt.date, end: dt.date) -> DetectedPeriod | None:
    """The standard period a stated window is, under one of the window conventions."""
    for convention in CONVENTIONS:
        for year in (end.year, end.year + 1):
            for kind, number, first, last in _SPANS:
                if convention.window(first, last, year) == (start, end):
                    return DetectedPeriod(
                        kind, year, number, start, end, convention=convention.name
                    )
    return None
