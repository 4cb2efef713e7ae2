"""What the checks on figures share: a figure as the interval of the exact values it can
stand for (``Interval``; an approximation is a range, "hơn 700" has no upper bound) and sums of
such intervals, how figures and percentages are printed in a message, the groups of concepts
(channels, outcomes), the catch-all item of a list ("khác", "còn lại") and the text's own totals
by unit ("Tổng số: 656 hộ").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from core.numbers import format_number
from indicators.validation.figure_concepts import (
    APPLICATIONS,
    DIRECT,
    DIRECT_POSTAL,
    EARLY,
    EARLY_ON_TIME,
    LATE,
    ON_TIME,
    ONLINE,
    POSTAL,
)
from indicators.validation.figure_structures import Figure, Paragraph, Sentence

HUNDRED = Decimal(100)
TWO = Decimal("0.01")

CHANNELS = {ONLINE, DIRECT, POSTAL, DIRECT_POSTAL}
OUTCOMES = {EARLY, ON_TIME, EARLY_ON_TIME, LATE}
CATCH_ALL = re.compile(r"\b(khac|con lai)\b")
_DOC_TOTAL = re.compile(r"tong so|toan xa|tong cong")


@dataclass(frozen=True)
class Interval:
    low: Decimal
    high: Decimal | None  # None: unbounded

    @classmethod
    def of(cls, figure: Figure) -> Interval:
        return cls(figure.low, figure.high)

    def __add__(self, other: Interval) -> Interval:
        high = None if self.high is None or other.high is None else self.high + other.high
        return Interval(self.low + other.low, high)

    def overlaps(self, other: Interval) -> bool:
        if self.high is not None and self.high < other.low:
            return False
        return not (other.high is not None and other.high < self.low)

    def distance(self, other: Interval) -> Decimal:
        if self.overlaps(other):
            return Decimal(0)
        if self.high is not None and self.high < other.low:
            return other.low - self.high
        assert other.high is not None
        return self.low - other.high

    @property
    def exact(self) -> bool:
        return self.high is not None and self.high == self.low


ZERO = Interval(Decimal(0), Decimal(0))


def n(value: Decimal) -> str:
    return format_number(value.normalize() if value == value.to_integral() else value)


def pct(value: Decimal) -> str:
    return f"{format_number(value.quantize(TWO).normalize())} %"


def figure_text(figure: Figure) -> str:
    return n(figure.value) if figure.exact else figure.text


def _sentence_quote(paragraph: Paragraph, sentence: Sentence) -> str:
    return " ".join(sentence.text.split())


def document_totals_of(paragraphs: list[Paragraph]) -> dict[str, list[Figure]]:
    """The text's own totals by unit ("Tổng số: 656 hộ 3.172 Khẩu"): the largest figure of a
    unit in a clause that says "tổng số"."""
    totals: dict[str, list[Figure]] = {}
    for paragraph in paragraphs:
        for sentence in paragraph.sentences:
            for figure in sentence.figures:
                if not figure.unit or figure.kind == APPLICATIONS or figure.base is not None:
                    continue
                clause = sentence.folded[: figure.start - sentence.start]
                clause = clause[max(clause.rfind(";"), clause.rfind(". ")) + 1 :]
                if _DOC_TOTAL.search(clause) and not re.search(r"tong so \w+ \w+", clause[-25:]):
                    totals.setdefault(figure.unit, []).append(figure)
    for unit, figures in totals.items():
        largest = max(f.value for f in figures)
        totals[unit] = [f for f in figures if f.value == largest]
    return totals
