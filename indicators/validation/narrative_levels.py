"""The levels against the whole area: for each concept, the figures of tỉnh / huyện / xã add
up to the figure of the whole area ("toàn tỉnh", "trên địa bàn huyện"), with the levels that
make a province's or a district's whole; not checked when the text says that the district
figures include their communes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from indicators.validation.figure_concepts import (
    COMMUNE,
    CONCEPT_LABELS,
    DISTRICT,
    LEVEL_LABELS,
    PROVINCE,
    WHOLE,
)
from indicators.validation.figure_structures import Figure, Paragraph
from indicators.validation.findings import ERROR, NARRATIVE, WARNING, Finding, values_of
from indicators.validation.narrative_intervals import ZERO, Interval, figure_text, n

MSG_LEVELS = "{concept} {whole} = {total} nhưng theo cấp {listing} = {sum}."
_INCLUDES_COMMUNES = re.compile(r"bao gom (ca )?(so lieu )?(cua )?(cac )?(cap )?xa")


# Levels ---------------------------------------------------------------------------------------


def level_findings(paragraphs: list[Paragraph]) -> Iterator[Finding]:
    text = " ".join(p.folded for p in paragraphs)
    if _INCLUDES_COMMUNES.search(text):
        return  # district figures that already include their communes
    figures = [
        f
        for p in paragraphs
        for f in p.figures
        if f.applications and not f.in_parens and not f.change and f.concept is not None
    ]
    present = {f.level for f in figures} & {PROVINCE, DISTRICT, COMMUNE}
    sentences = {(p.index, s.index): s for p in paragraphs for s in p.sentences}
    for concept in CONCEPT_LABELS:
        wholes = [f for f in figures if f.concept == concept and f.level == WHOLE]
        if len({f.value for f in wholes}) != 1:
            continue
        whole = wholes[0]
        required = _required_levels(whole, present, paragraphs)
        if not required:
            continue
        levels = []
        for level in required:
            found = [f for f in figures if f.concept == concept and f.level == level]
            if len({f.value for f in found}) != 1:
                break
            levels.append(found[0])
        else:
            summed = ZERO
            for figure in levels:
                summed = summed + Interval.of(figure)
            if Interval.of(whole).overlaps(summed):
                continue
            exact = Interval.of(whole).exact and summed.exact
            sentence = sentences[(whole.paragraph, whole.sentence)]
            quote = " ".join(sentence.text.split())
            yield Finding(
                "narrative.levels",
                ERROR if exact else WARNING,
                MSG_LEVELS.format(
                    concept=f"Số hồ sơ {CONCEPT_LABELS[concept]}",
                    whole=f"toàn bộ (“{whole.text}”)",
                    total=figure_text(whole),
                    listing=" + ".join(
                        f"{LEVEL_LABELS[f.level or '']} {figure_text(f)}" for f in levels
                    ),
                    sum=n(summed.low),
                ),
                (),
                values_of([whole.value, *(f.value for f in levels), summed.low]),
                NARRATIVE,
                quote,
            )


_PROVINCE_WIDE = re.compile(r"toan tinh|dia ban (toan )?tinh|cac co quan, don vi, dia phuong")
_DISTRICT_WIDE = re.compile(r"toan (huyen|thanh pho|thi xa|quan)|dia ban (huyen|thanh pho|thi xa)")


def _required_levels(whole: Figure, present: set, paragraphs: list[Paragraph]) -> list[str]:
    """The levels whose figures make the whole: tỉnh (+ huyện where the text has districts)
    + xã for a province, huyện + xã for a district or city; none when the text does not give
    a figure for each."""
    sentence = next(
        s
        for p in paragraphs
        if p.index == whole.paragraph
        for s in p.sentences
        if s.index == whole.sentence
    )
    before = sentence.folded[: whole.start - sentence.start]
    if _DISTRICT_WIDE.search(before) and not _PROVINCE_WIDE.search(before):
        return [DISTRICT, COMMUNE]
    if PROVINCE in present:
        return [level for level in (PROVINCE, DISTRICT, COMMUNE) if level in present]
    if _PROVINCE_WIDE.search(before):
        return []  # the province's own figure is not given
    return [DISTRICT, COMMUNE]
