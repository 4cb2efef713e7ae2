"""Period words against the report's period: headings, the summary (trích yếu), the opening
and closing lines that name another period ("PHƯƠNG HƯỚNG … QUÝ 2 NĂM 2024" in a quarter-3
report), leave the quarter blank ("nhiệm vụ quý năm 2024"), or a stated data window that is not
the period's ("từ 05/11/2021 đến 01/03/2022" for quý I/2022).

Looking back, a line may name the report's period or any period ending the same day ("9 tháng"
in a quarter-3 report); looking forward ("phương hướng", "nhiệm vụ" to come), the period that
starts the day after.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from core.period_keys import ROMAN, PeriodKey, PeriodKind
from indicators.validation.findings import PERIOD, WARNING, Finding
from indicators.validation.narrative_text import fold_aligned
from indicators.validation.snapshot import PeriodInfo

MSG_WRONG_BACK = "“{quote}” nói về {found} nhưng báo cáo là {expected}."
MSG_WRONG_FORWARD = (
    "“{quote}” nói về {found} nhưng phương hướng, nhiệm vụ của báo cáo {period} phải là {expected}."
)
MSG_BLANK = "“{quote}” để trống số quý (“{found}”): phải là {expected}."
MSG_WINDOW = (
    "Thuyết minh ghi số liệu “từ {start} đến {end}” nhưng kỳ {period} tính từ {period_start} "
    "đến hết {period_end}."
)

_ROMAN = {numeral.lower(): number for number, numeral in ROMAN.items()}
_QUARTER = re.compile(r"\bquy\s+(?P<n>iv|i{1,3}|0?[1-4])(?![\w])(?:\s*(?:/|nam)\s*(?P<y>\d{4}))?")
_QUARTER_BLANK = re.compile(r"\bquy\s+(?:nam\s+\d{4}|/\s*\d{4})")
_HALF = re.compile(r"\b6\s+thang\s+(?P<h>dau|cuoi)(?:\s+nam)?(?:\s*/?\s*(?P<y>\d{4}))?")
_NINE = re.compile(r"\b9\s+thang(?:\s+dau)?(?:\s+nam)?(?:\s*/?\s*(?P<y>\d{4}))?")
_YEAR_AFTER = re.compile(r"\bnam\s+(\d{4})|/(\d{4})\b")
_FORWARD = re.compile(r"phuong huong|ky toi|tiep theo|giai phap|(?<!thuc hien )nhiem vu")
_WINDOW = re.compile(
    r"\btu\s+(?:ngay\s+|thang\s+)?(\d{1,2})/(\d{1,2})/+(\d{4})\s+(?:tinh\s+)?den\s+"
    r"(?:het\s+)?(?:ngay\s+)?(\d{1,2})/(\d{1,2})/+(\d{4})"
)
_DATA_WORDS = re.compile(r"ket qua|so lieu")


@dataclass(frozen=True)
class Mention:
    key: PeriodKey | None  # None: the quarter is left blank
    start: int
    end: int
    forward: bool
    text: str


def _label(key: PeriodKey) -> str:
    return key.label


def mentions(text: str, default_year: int | None = None) -> list[Mention]:
    """The periods a line names, in order, each looking back or forward."""
    folded = fold_aligned(text)
    found: list[tuple[int, int, str, str | None, str | None]] = []
    for match in _QUARTER.finditer(folded):
        number = match.group("n")
        quarter = _ROMAN.get(number) or int(number)
        found.append((match.start(), match.end(), PeriodKind.QUARTER, str(quarter), match["y"]))
    for match in _QUARTER_BLANK.finditer(folded):
        found.append((match.start(), match.end(), "", None, None))
    for match in _HALF.finditer(folded):
        found.append(
            (
                match.start(),
                match.end(),
                PeriodKind.HALF,
                "1" if match["h"] == "dau" else "2",
                match["y"],
            )
        )
    for match in _NINE.finditer(folded):
        found.append((match.start(), match.end(), PeriodKind.NINE_MONTHS, "9", match["y"]))
    found.sort()
    result: list[Mention] = []
    previous_end = 0
    for start, end, kind, number, year in found:
        between = folded[previous_end:start]
        forward = bool(_FORWARD.search(between)) or (
            bool(result) and result[-1].forward and not between.strip(" ,.;:")
        )
        year_value = int(year) if year else _year_after(folded, end) or default_year
        key = PeriodKey(kind, year_value, int(number)) if kind and number and year_value else None
        result.append(Mention(key, start, end, forward, text[start:end]))
        previous_end = end
    return result


def _year_after(folded: str, position: int) -> int | None:
    match = _YEAR_AFTER.search(folded, position)
    if match is None:
        return None
    return int(match.group(1) or match.group(2))


def _next_start(period: PeriodKey) -> dt.date:
    return period.legal_window()[1] + dt.timedelta(days=1)


def expected_forward(period: PeriodKey) -> PeriodKey:
    """The period the forward-looking part names: the next one of the same kind."""
    if period.kind == PeriodKind.QUARTER:
        return (
            PeriodKey(period.kind, period.year + 1, 1)
            if period.number == 4
            else PeriodKey(period.kind, period.year, period.number + 1)
        )
    if period.kind == PeriodKind.HALF:
        return (
            PeriodKey(period.kind, period.year + 1, 1)
            if period.number == 2
            else PeriodKey(period.kind, period.year, 2)
        )
    if period.kind == PeriodKind.NINE_MONTHS:
        return PeriodKey(PeriodKind.QUARTER, period.year, 4)
    return PeriodKey(PeriodKind.YEAR, period.year + 1, 0)


def _fits(mention: Mention, period: PeriodKey) -> bool:
    assert mention.key is not None
    start, end = mention.key.legal_window()
    if mention.forward:
        return start == _next_start(period)
    return end == period.legal_window()[1]


def wording_findings(texts: Iterable[str], period: PeriodKey) -> Iterator[Finding]:
    """Headings, summary, opening and closing lines against the report's period."""
    for text in texts:
        if not text or not text.strip():
            continue
        quote = " ".join(text.split())
        for mention in mentions(quote, default_year=period.year):
            expected = expected_forward(period) if mention.forward else period
            if mention.key is None:
                yield Finding(
                    "period.blank",
                    WARNING,
                    MSG_BLANK.format(
                        quote=quote, found=mention.text.strip(), expected=_label(expected)
                    ),
                    (),
                    ("", str(expected)),
                    PERIOD,
                    quote,
                )
            elif not _fits(mention, period):
                template = MSG_WRONG_FORWARD if mention.forward else MSG_WRONG_BACK
                yield Finding(
                    "period.wording",
                    WARNING,
                    template.format(
                        quote=quote,
                        found=_label(mention.key),
                        expected=_label(expected),
                        period=_label(period),
                    ),
                    (),
                    (str(mention.key), str(expected)),
                    PERIOD,
                    quote,
                )


def window_findings(texts: Iterable[str], period: PeriodInfo) -> Iterator[Finding]:
    """A stated data window ("kết quả … từ 15/12/2023 đến hết 14/3/2024") is the period's."""
    for text in texts:
        folded = fold_aligned(text)
        for match in _WINDOW.finditer(folded):
            sentence_start = max(
                folded.rfind(". ", 0, match.start()), folded.rfind("\n", 0, match.start())
            )
            if not _DATA_WORDS.search(folded[sentence_start + 1 : match.start()]):
                continue
            start: dt.date | None
            end: dt.date | None
            try:
                start = dt.date(int(match[3]), int(match[2]), int(match[1]))
                end = dt.date(int(match[6]), int(match[5]), int(match[4]))
            except ValueError:
                start = end = None
            if start == period.start and end == period.end:
                continue
            quote = _sentence_around(text, match.start(), match.end())
            yield Finding(
                "period.window",
                WARNING,
                MSG_WINDOW.format(
                    start=text[match.start(1) : match.end(3)],
                    end=text[match.start(4) : match.end(6)],
                    period=_label(period.key),
                    period_start=f"{period.start:%d/%m/%Y}",
                    period_end=f"{period.end:%d/%m/%Y}",
                ),
                (),
                (
                    start.isoformat() if start else "",
                    end.isoformat() if end else "",
                    period.start.isoformat(),
                    period.end.isoformat(),
                ),
                PERIOD,
                quote,
            )


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) if right_candidates else len(text)
    return " ".join(text[left:right].split()).strip(" -+")


def detect_period(texts: Iterable[str]) -> PeriodKey | None:
    """The period a draft reports on: the first period its title lines name looking back."""
    for text in texts:
        for mention in mentions(" ".join(text.split())):
            if mention.key is not None and not mention.forward:
                return mention.key
    return None
