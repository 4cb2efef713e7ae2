"""What the figure reader reads a text into: paragraphs, cut into sentences (the dot of an
abbreviation, or a dot before a lower-case word, ends none; "Trong đó, …" continues the sentence
before), each sentence with its figures (a count with its unit, kind, concept and level, the
words around it and the rate attached to it) and the rates it states on their own; every
position is kept, so that a finding can quote the words it is about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from indicators.validation.figure_concepts import APPLICATIONS
from indicators.validation.narrative_text import fold_aligned

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^\s])")
_ABBREVIATION = re.compile(r"\b(tp|tx|q|p|th|ths|ts|pgs|gs|d|ubnd|st)\.$")
BULLET = re.compile(r"^\s*(?:[-+*•–]+|\d{1,2}[.)-]|[ivx]+[.)-])\s*")


@dataclass(frozen=True)
class Rate:
    """A printed percentage: its value, the interval of exact values it can stand for (rounded
    or truncated to the printed digits, or an approximation), and where it stands."""

    value: Decimal
    low: Decimal
    high: Decimal
    digits: int
    approx: str  # "", "above", "below", "around"
    start: int
    end: int
    text: str
    change: bool = False  # "tăng 0,10%": a difference of rates, not a share
    label: str = ""  # folded words before a rate stated on its own
    compared: bool = False  # "bằng 11,5% so với cùng kỳ": against another period or a plan

    @property
    def exact_printed(self) -> bool:
        return not self.approx


@dataclass
class Figure:
    value: Decimal
    low: Decimal
    high: Decimal | None  # None: no upper bound ("hơn 57.000")
    approx: str  # "", "above", "below", "around", "rounded"
    start: int  # in the paragraph
    end: int  # end of the number (and its unit)
    text: str  # the figure as printed, with its unit
    unit: str = ""
    kind: str = ""
    base: Decimal | None = None  # "05/29": 29
    rank: bool = False  # "xếp thứ 3/10"
    rate: Rate | None = None
    label: str = ""  # folded words before it, back to a comma, semicolon or figure
    wide: str = ""  # folded words before it, back to the previous figure
    after: str = ""  # a few folded words after its unit
    extended: str = ""  # more words after it, up to the sentence's end or the next figure
    change: bool = False  # "giảm 142 HS so với tháng 9": a difference, not a count
    in_parens: bool = False
    concept: str | None = None
    level: str | None = None
    sentence: int = 0
    paragraph: int = 0

    @property
    def exact(self) -> bool:
        return not self.approx

    @property
    def applications(self) -> bool:
        return self.kind == APPLICATIONS


@dataclass
class Sentence:
    index: int  # within its paragraph
    start: int
    end: int
    text: str
    folded: str
    figures: list[Figure] = field(default_factory=list)
    rates: list[Rate] = field(default_factory=list)  # rates not attached to a count
    continues: bool = False  # "Trong đó, …", "Cụ thể, …": about the sentence before


@dataclass
class Paragraph:
    index: int
    text: str
    folded: str
    sentences: list[Sentence] = field(default_factory=list)
    bullet: bool = False

    @property
    def figures(self) -> list[Figure]:
        return [figure for sentence in self.sentences for figure in sentence.figures]


def split_sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        before = fold_aligned(text[max(0, match.start() - 6) : match.start()])
        if _ABBREVIATION.search(before.lower()):
            continue
        following = text[match.end() : match.end() + 1]
        if text[match.start() - 1] == "." and following and following[0].islower():
            continue
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


CONTINUES = re.compile(
    r"^\s*(trong do|trong so (nay|do|tren|ho so)|cu the|ket qua|qua do|rieng|nhu vay)\b"
)
