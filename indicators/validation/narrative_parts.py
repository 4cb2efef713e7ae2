"""The checks of a total against its parts, in a sentence and those that continue it
("Trong đó, …"): resolved = early + on time + late (+ returned), "đúng và trước hạn" as one
bucket; received or total = new + carried over, or its channels (received with or without the
files carried over); pending = within time + overdue; and, for other counts, a list after
"trong đó" / "gồm" that is exhaustive by definition (a publication of TTHC: new or replacing,
amended, abolished; the three levels; a catch-all item "khác").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from indicators.validation.figure_concepts import (
    CARRIED,
    COMMUNE,
    CONCEPT_LABELS,
    DISTRICT,
    EARLY,
    EARLY_ON_TIME,
    LATE,
    NEW,
    NOT_DUE,
    ON_TIME,
    PENDING,
    PROCEDURES,
    PROVINCE,
    RECEIVED,
    RESOLVED,
    RETURNED,
    TOTAL,
)
from indicators.validation.figure_structures import Figure, Paragraph, Sentence
from indicators.validation.findings import ERROR, NARRATIVE, WARNING, Finding, values_of
from indicators.validation.narrative_intervals import (
    CATCH_ALL,
    CHANNELS,
    OUTCOMES,
    ZERO,
    Interval,
    figure_text,
    n,
)

MSG_PARTS = "Thuyết minh ghi {total} nhưng {listing} = {sum}{gap}."

_GOOD = {EARLY, ON_TIME, EARLY_ON_TIME}
_PUBLICATION = [
    re.compile(r"\bmoi\b|thay the"),
    re.compile(r"sua doi|bo sung"),
    re.compile(r"bai bo|huy bo"),
]
_LIST_START = re.compile(r"trong do\b(?! tuoi)|\bgom\b|bao gom|\bnhu sau\b")


# Totals and their parts ---------------------------------------------------------------------

_FAMILIES: list[tuple[str, tuple[str, ...], set[str]]] = [
    ("outcome", (RESOLVED,), OUTCOMES),
    ("pending", (PENDING,), {NOT_DUE, LATE}),
    ("intake", (TOTAL, RECEIVED), {NEW, CARRIED} | CHANNELS),
]


def _groups(paragraphs: list[Paragraph]) -> Iterator[tuple[list[Sentence], Paragraph]]:
    """Sentences read together: a sentence and those that continue it ("Trong đó, …")."""
    for paragraph in paragraphs:
        group: list[Sentence] = []
        for sentence in paragraph.sentences:
            if group and not sentence.continues:
                yield group, paragraph
                group = []
            group.append(sentence)
        if group:
            yield group, paragraph


def parts_findings(paragraphs: list[Paragraph]) -> Iterator[Finding]:
    for group, paragraph in _groups(paragraphs):
        figures = [
            f for s in group for f in s.figures if f.applications and not f.change and not f.rank
        ]
        quote = " ".join(" ".join(s.text.split()) for s in group)
        for name, total_concepts, part_concepts in _FAMILIES:
            for index, total in enumerate(figures):
                if total.concept not in total_concepts:
                    continue
                parts = _parts_of(
                    figures, index, total_concepts, part_concepts, name, paragraph.folded
                )
                if name == "pending" and not any(f.concept == NOT_DUE for f in parts):
                    continue
                if len(parts) < 2:
                    continue
                # returned files, or pending ones listed among "đã giải quyết" (processed)
                extra = [f for f in figures[index + 1 :] if f.concept in (RETURNED, PENDING)]
                finding = _parts_finding(total, parts, quote, name, extra)
                if finding is not None:
                    yield finding
        yield from _listed_parts(group)


def _parts_of(
    figures: list[Figure],
    index: int,
    total_concepts: tuple[str, ...],
    part_concepts: set[str],
    family: str,
    folded: str,
) -> list[Figure]:
    """The parts that follow a total (or, for "lũy kế … là N", that precede it), until the next
    figure that is a total of the same family. A part's own breakdown ("đúng hạn 990 hồ sơ
    (trước hạn 600)", "đúng hạn 990, trong đó trước hạn 600") is not a sibling part."""
    total = figures[index]
    parts: list[Figure] = []
    for figure in figures[index + 1 :]:
        if figure.concept in total_concepts and not figure.in_parens:
            break
        if parts:
            between = folded[parts[-1].end : figure.start]
            if _LIST_START.search(between):
                break  # a part broken down in its turn: the list of the total is over
            if figure.in_parens and between.count("(") > between.count(")"):
                continue
        if figure.level != total.level and figure.level is not None and total.level is not None:
            continue
        if family == "outcome" and figure.concept == PENDING:
            break
        if family == "pending" and figure.concept not in part_concepts:
            break
        if figure.concept in part_concepts and figure.concept not in {p.concept for p in parts}:
            parts.append(figure)
    if total.concept == TOTAL and not parts:
        for figure in reversed(figures[:index]):
            if figure.concept in part_concepts and figure.concept not in {p.concept for p in parts}:
                parts.insert(0, figure)
            elif figure.concept in total_concepts:
                break
    if family == "intake":
        concepts = {p.concept for p in parts}
        if NEW in concepts and concepts & CHANNELS:
            parts = [
                p for p in parts if p.concept != NEW or not p.label.startswith("tiep nhan moi ")
            ]
    return parts


def _parts_finding(
    total: Figure, parts: list[Figure], quote: str, family: str, extra: list[Figure]
) -> Finding | None:
    whole = Interval.of(total)
    summed = ZERO
    for part in parts:
        summed = summed + Interval.of(part)
    if whole.overlaps(summed):
        return None
    if family == "outcome":
        for figure in extra:
            # resolved + returned = the files received (seed 001: 490 + 1 = 491); files still
            # pending counted among the processed ones ("đã giải quyết 1.000 (đúng hạn 950,
            # quá hạn 30, đang giải quyết 20)")
            if (whole + Interval.of(figure)).overlaps(summed) or whole.overlaps(
                summed + Interval.of(figure)
            ):
                return None
    if family == "intake" and total.concept == RECEIVED:
        without = ZERO
        for part in parts:
            if part.concept != CARRIED:
                without = without + Interval.of(part)
        if any(p.concept == CARRIED for p in parts) and whole.overlaps(without):
            return None  # "tiếp nhận" without the files carried over
    if (
        family == "outcome"
        and whole.high is not None
        and summed.high is not None
        and summed.high < whole.low
        and not any(p.concept in _GOOD for p in parts)
    ):
        return None  # only late files listed: the files on time are simply not printed
    exact = whole.exact and summed.exact
    severity = ERROR if exact or not whole.overlaps(summed) else WARNING
    listing = " + ".join(
        f"{CONCEPT_LABELS.get(p.concept or '', '')} {figure_text(p)}".strip() for p in parts
    )
    total_value = summed.low if summed.exact else None
    sum_text = n(total_value) if total_value is not None else "≈ " + n(summed.low)
    difference = ""
    if exact:
        difference = f" (chênh {n(abs(summed.low - whole.low))})"
    return Finding(
        "narrative.parts",
        severity,
        MSG_PARTS.format(
            quote=quote,
            total=f"{CONCEPT_LABELS.get(total.concept or '', '')} {figure_text(total)}".strip(),
            listing=listing,
            sum=sum_text,
            gap=difference,
        ),
        (),
        values_of([total.value, *(p.value for p in parts), summed.low]),
        NARRATIVE,
        quote,
    )


def _listed_parts(group: list[Sentence]) -> Iterator[Finding]:
    """A total and the list after "trong đó" / "gồm" in the same sentence, when the list is
    exhaustive by definition: the categories of a TTHC publication (new or replacing, amended,
    abolished), the three levels, a catch-all ("khác", "còn lại")."""
    for sentence in group:
        figures = [f for f in sentence.figures if not f.applications and f.unit and not f.rank]
        if len(figures) < 3:
            continue  # a total and at least two parts
        for match in _LIST_START.finditer(sentence.folded):
            position = sentence.start + match.start()
            before = [f for f in figures if f.end <= position]
            if not before:
                continue
            total = before[-1]
            parts = []
            for f in figures:
                if f.start <= position:
                    continue
                if _LIST_START.search(sentence.folded[: f.start - sentence.start][match.end() :]):
                    break
                if f.unit != total.unit:
                    break
                parts.append(f)
            if len(parts) < 2:
                continue
            words = [f"{p.label} {p.after}" for p in parts]
            exhaustive = ""
            if (
                total.kind == PROCEDURES
                and all(any(pattern.search(w) for w in words) for pattern in _PUBLICATION)
                and len(parts) == len(_PUBLICATION)
            ):
                exhaustive = "công bố TTHC: mới/thay thế, sửa đổi/bổ sung, bãi bỏ"
            elif {p.level for p in parts} == {PROVINCE, DISTRICT, COMMUNE} and len(parts) == 3:
                exhaustive = "ba cấp tỉnh, huyện, xã"
            elif any(CATCH_ALL.search(w) for w in words):
                exhaustive = "có mục “khác”"
            if not exhaustive:
                continue
            summed = ZERO
            for part in parts:
                summed = summed + Interval.of(part)
            whole = Interval.of(total)
            if whole.overlaps(summed):
                continue
            quote = " ".join(sentence.text.split())
            exact = whole.exact and summed.exact
            yield Finding(
                "narrative.parts",
                ERROR if exact else WARNING,
                MSG_PARTS.format(
                    quote=quote,
                    total=total.text,
                    listing=" + ".join(p.text for p in parts),
                    sum=n(summed.low),
                    gap=f" (chênh {n(abs(summed.low - whole.low))}; {exhaustive})",
                ),
                (),
                values_of([total.value, *(p.value for p in parts), summed.low]),
                NARRATIVE,
                quote,
            )
