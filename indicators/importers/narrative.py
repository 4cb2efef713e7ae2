"""The narrative of a báo cáo in a file: its outline headings ("I. CÔNG TÁC CHỈ ĐẠO …",
"1. Cải cách thể chế") and the text under each, matched to a template's outline by wording.

Headings are found as the fixtures define them (fixtures/README.md): level 1 opens with a Roman
numeral, level 2 with a number directly under a Roman heading; deeper numbering ("2.1.") stays
in the text. The narrative ends at the closing line ("Trên đây là báo cáo …"), "Nơi nhận" or the
annex. A numbered line that no outline section matches (a list of tasks) stays in the text of
the section above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from core.text import fold

from .annex_text import clean_cell

_ROMAN = re.compile(r"^(?P<number>[IVX]{1,4})\s*[.:)]?\s+(?P<rest>[^\W\d_].*)$")
_NUMBERED = re.compile(r"^(?P<number>\d{1,2})\s*[.)]\s*(?P<rest>[^\W\d_].*)$")
_MARKUP = re.compile(r"</?[a-zA-Z][^>]*>|\*\*|^#+\s*")
_PERIOD_WORDS = re.compile(
    r"\b(quy\s+[0-9ivx]+(/\d{4})?|6\s+thang\s+(dau|cuoi)(\s+nam)?|9\s+thang|nam\s+\d{4}|ky\s+toi)\b"
)
_NON_WORD = re.compile(r"[^a-z0-9 ]+")
END_PREFIXES = ("tren day la", "noi nhan", "phu luc")
MAX_HEADING_LENGTH = 160
MAX_SUBHEADING_LENGTH = 120
MATCH_THRESHOLD = 0.6
SAME_NUMBER_BONUS = 0.15


@dataclass(frozen=True)
class Heading:
    index: int  # in the list of lines
    level: int
    number: str
    text: str


@dataclass(frozen=True)
class Section:
    level: int
    heading: str
    text: str
    line: int  # 1-based line (or paragraph) of the heading


def clean_line(line: str) -> str:
    return clean_cell(_MARKUP.sub("", line.replace("ƣ", "ư").replace("Ƣ", "Ư")))


def narrative_end(lines: list[str]) -> int:
    for index, line in enumerate(lines):
        folded = fold(clean_line(line))
        if folded.startswith(END_PREFIXES) or ("\t" in line and folded.startswith("stt")):
            return index
    return len(lines)


def find_headings(lines: list[str], *, whole: bool = False) -> list[Heading]:
    """Level-1 and level-2 headings of the narrative, in order. ``whole``: ``lines`` are the
    narrative and nothing else (its end already found: a sentence inside it may start with
    "Trên đây là")."""
    headings: list[Heading] = []
    seen_roman = False
    end = len(lines) if whole else narrative_end(lines)
    for index, raw in enumerate(lines[:end]):
        line = clean_line(raw)
        if not line or len(line) > MAX_HEADING_LENGTH:
            continue
        roman = _ROMAN.match(line)
        if roman:
            headings.append(Heading(index, 1, roman.group("number"), line))
            seen_roman = True
            continue
        numbered = _NUMBERED.match(line)
        if (
            numbered
            and seen_roman
            and len(line) <= MAX_SUBHEADING_LENGTH
            and not line.rstrip().endswith((";", ","))
        ):
            headings.append(Heading(index, 2, numbered.group("number"), line))
    return headings


def heading_core(text: str) -> str:
    """What a heading says, for comparison: no numbering, period or punctuation."""
    folded = fold(clean_line(text))
    folded = re.sub(r"^([ivx]{1,4}|\d{1,2})\s*[.:)]?\s*", "", folded)
    folded = _PERIOD_WORDS.sub(" ", folded)
    return " ".join(_NON_WORD.sub(" ", folded).split())


def _number_of(text: str) -> str:
    line = clean_line(text)
    match = _ROMAN.match(line) or _NUMBERED.match(line)
    return match.group("number") if match else ""


def _score(outline_heading: str, heading: Heading) -> float:
    ratio = SequenceMatcher(None, heading_core(outline_heading), heading_core(heading.text)).ratio()
    number = _number_of(outline_heading)
    return ratio + (SAME_NUMBER_BONUS if number and number == heading.number else 0)


def _text_between(lines: list[str], start: int, end: int) -> str:
    kept = [clean_line(line) for line in lines[start:end]]
    return "\n".join(line for line in kept if line)


def outline_sections(lines: list[str]) -> list[Section]:
    """Every heading of the narrative with the text under it (the outline of a new template)."""
    headings = find_headings(lines)
    end = narrative_end(lines)
    sections = []
    for position, heading in enumerate(headings):
        stop = headings[position + 1].index if position + 1 < len(headings) else end
        sections.append(
            Section(
                heading.level,
                heading.text,
                _text_between(lines, heading.index + 1, stop),
                heading.index + 1,
            )
        )
    return sections


def match_outline(
    lines: list[str], outline: list[tuple[int, str]], *, whole: bool = False
) -> dict[int, Section]:
    """The file's section for each outline entry (by index in ``outline``: level, heading)
    that the file has: headings matched in order, by wording, level 1 first, then level 2
    within the span of their level-1 section."""
    headings = find_headings(lines, whole=whole)
    end = len(lines) if whole else narrative_end(lines)
    matched: dict[int, Heading] = {}
    cursor = 0
    for index, (level, heading) in enumerate(outline):
        if level != 1:
            continue
        found = _best(heading, [h for h in headings[cursor:] if h.level == 1])
        if found is not None:
            matched[index] = found
            cursor = headings.index(found) + 1
    for index, (level, heading) in enumerate(outline):
        if level == 1:
            continue
        parent = max((i for i in matched if i < index and outline[i][0] == 1), default=None)
        following = min((i for i in matched if i > index and outline[i][0] == 1), default=None)
        low = matched[parent].index if parent is not None else -1
        high = matched[following].index if following is not None else end
        taken = {h.index for h in matched.values()}
        previous = max((h.index for i, h in matched.items() if i < index), default=-1)
        candidates = [
            h
            for h in headings
            if h.level == 2 and low < h.index < high and h.index > previous and h.index not in taken
        ]
        found = _best(heading, candidates)
        if found is not None:
            matched[index] = found
    starts = sorted(h.index for h in matched.values())
    sections = {}
    for index, head in matched.items():
        stop = next((s for s in starts if s > head.index), end)
        sections[index] = Section(
            head.level,
            head.text,
            _text_between(lines, head.index + 1, stop),
            head.index + 1,
        )
    return sections


def _best(outline_heading: str, candidates: list[Heading]) -> Heading | None:
    scored = [(_score(outline_heading, h), -position, h) for position, h in enumerate(candidates)]
    scored = [item for item in scored if item[0] >= MATCH_THRESHOLD]
    if not scored:
        return None
    return max(scored, key=lambda item: (item[0], item[1]))[2]
