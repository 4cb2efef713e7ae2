"""The figure reader: numbers in Vietnamese administrative prose, whatever the template.

A text (a pasted draft, a press article, a section of a report) is read paragraph by paragraph
(a paragraph printed twice is read once), sentence by sentence, into figures:

- numbers as officials print them: dots or spaces group thousands ("643.272", "2 590 755 750"),
  a comma starts the decimals ("1.809,5"), a decimal point where it cannot be a thousands dot
  ("79.31 %", "3.26%"), leading zeros ("05 đồng chí"), thousands written out ("10,18 ngàn",
  "hơn 16 nghìn");
- approximations read as bounds, never as exact values: "hơn 700" / "trên 99%" (above),
  "gần 11.300" (below), "khoảng" (around), "4,52 ngàn" (rounded to tens);
- ratios "05/29", "4.561/5.650" (part and base), ranks "xếp thứ 3/10" (no ratio);
- the rate attached to a count ("… 2.521 hồ sơ trực tuyến (đạt tỷ lệ 37,76%)", "chiếm", "bằng",
  "= 90%") and the rates stated on their own ("tỷ lệ … đúng hạn đạt 99,68%");
- what each figure counts (its unit, and for applications its concept: received, resolved, on
  time, late, pending, carried over, online …) and its administrative level (tỉnh / huyện / xã,
  or the whole area).

Dates, times, years, document numbers and service levels ("mức độ 3, 4") are not figures.
Positions are kept: every figure knows its sentence, and every sentence its paragraph, so that
a finding can quote the words it is about.

The vocabulary (concepts, levels, units) is in ``figure_concepts``, the reading of numbers and
approximations in ``figure_numbers``, the paragraphs, sentences, figures and rates in
``figure_structures``; this module reads a text into them, attaches each rate to its count
and gives each figure its concept and level.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache

from indicators.validation.figure_concepts import (
    APPLICATIONS,
    EARLY_ON_TIME,
    LATE,
    MIXED,
    MONEY,
    NOT_DUE,
    PENDING,
    UNIT_RE,
    WHOLE,
    WHOLE_AREA,
    WHOLE_AREA_SPAN,
    concept_of,
    level_in,
)
from indicators.validation.figure_numbers import (
    APPROX,
    APPROX_KIND,
    COUNTED,
    DIGITS,
    MULTIPLIER,
    MULTIPLIERS,
    PERCENT_SIGN,
    TOKEN,
    blank_non_figures,
    figure_bounds,
    parse_amount,
    printed_digits,
    rate_bounds,
    word_tokens,
)
from indicators.validation.figure_structures import (
    BULLET,
    CONTINUES,
    Figure,
    Paragraph,
    Rate,
    Sentence,
    split_sentences,
)
from indicators.validation.narrative_text import fold_aligned

# A rate followed by the whole it is taken of, or by another period: "bằng 11,5% so với cùng kỳ",
# "chiếm 12% tổng số hồ sơ của huyện", "đạt 18,9% trên tổng số hồ sơ giải quyết".
_COMPARED = re.compile(
    r"\s*(so voi|so cung ky|cung ky|(cua |tren )?tong so|tren (so|tong)|cua ca|cua toan"
    r"|(so )?(ke hoach|chi tieu|nghi quyet|muc tieu))"
)

# A rate attached to the count before it: "(đạt tỷ lệ 37,76%)", ", chiếm 61%", "= 90%".
_ATTACH = re.compile(
    r"^(?P<desc>[^\d%;.)]{0,70}?)[\s,(:]*(?:"
    r"(?:dat|chiem|bang|=)\s*(?P<rl1>(?:ty le|ti le)(?:\s+[a-z]+){0,6}?)?"
    r"|(?P<rl2>(?:ty le|ti le)(?:\s+[a-z]+){0,6}?)"
    r")\s*(?:la|dat|:)?\s*(?:(?P<approx>hon|tren|gan|khoang)\s+)?$"
)
_GOOD_TIMING = {"early", "on_time", "early_on_time"}
# "3 dân tộc, trong đó: dân tộc Kinh chiếm 70%": the rate is an item's, not the count's.
_LIST_OPENING = re.compile(r"trong do\b(?! tuoi)|\bgom\b|:")
_CHANGE = re.compile(r"(tang|giam|nang|ha|cao hon|thap hon|vuot)\s*(tu|toi|den|them|xuong)?\s*$")
_THIS_RATE = re.compile(r"ty le (nay|do|tren|chung)|ti le (nay|do)")


def read_paragraphs(texts: Iterable[str]) -> list[Paragraph]:
    """The paragraphs of a text (one per non-empty line), each read into sentences and figures;
    a paragraph printed twice (a lead repeated as the first paragraph) is read once."""
    paragraphs: list[Paragraph] = []
    seen: set[str] = set()
    for raw in texts:
        for line in raw.split("\n"):
            text = unicodedata.normalize("NFC", line).strip()
            if not text:
                continue
            key = " ".join(_read_cached(text)[0].split())
            if key in seen and len(key) > 40:
                continue
            seen.add(key)
            paragraphs.append(read_paragraph(text, len(paragraphs)))
    _assign_levels(paragraphs)
    _elliptic_concepts(paragraphs)
    return paragraphs


def read_paragraph(text: str, index: int = 0) -> Paragraph:
    """One paragraph read into sentences and figures. The reading of a text is kept (a
    report is checked again on every save, most of its paragraphs unchanged); each call gets
    figures of its own, which the level and concept passes complete."""
    folded, bullet, spans, figures, rates = _read_cached(text)
    paragraph = Paragraph(index, text, folded, bullet=bullet)
    for number, (start, end) in enumerate(spans):
        sentence = Sentence(number, start, end, text[start:end], folded[start:end])
        sentence.continues = bool(CONTINUES.match(sentence.folded))
        sentence.figures = [
            replace(f, paragraph=index, sentence=number) for f in figures if start <= f.start < end
        ]
        sentence.rates = [r for r in rates if start <= r.start < end]
        paragraph.sentences.append(sentence)
    return paragraph


@lru_cache(maxsize=4096)
def _read_cached(
    text: str,
) -> tuple[str, bool, tuple[tuple[int, int], ...], tuple[Figure, ...], tuple[Rate, ...]]:
    folded = fold_aligned(text).lower()
    bullet = bool(BULLET.match(folded))
    if DIGITS.search(text) or COUNTED.search(folded):
        figures, rates = _read_numbers(text, folded, blank_non_figures(folded), 0)
    else:
        figures, rates = [], []  # no figure to read: most lines of a report
    return folded, bullet, tuple(split_sentences(text)), tuple(figures), tuple(rates)


def _read_numbers(
    text: str, folded: str, masked: str, paragraph: int
) -> tuple[list[Figure], list[Rate]]:
    figures: list[Figure] = []
    rates: list[Rate] = []
    tokens: list = sorted(
        [*TOKEN.finditer(masked), *word_tokens(text, folded)], key=lambda t: t.start()
    )
    previous_end = 0
    for position, match in enumerate(tokens):
        start, end = match.start(), match.end()
        first = parse_amount(match.group("a"))
        if first is None:
            continue
        before = folded[max(0, start - 40) : start]
        approx_match = APPROX.search(before)
        approx = APPROX_KIND.get(approx_match.group("w"), "") if approx_match else ""
        percent = PERCENT_SIGN.match(folded, end)
        if percent and match.group("b") is None:
            digits = printed_digits(match.group("a"))
            low, high = rate_bounds(first, digits, approx)
            rate_end = percent.end()
            rate = Rate(
                first,
                low,
                high,
                digits,
                approx,
                start,
                rate_end,
                text[start:rate_end],
                change=bool(_CHANGE.search(before)),
                compared=bool(_COMPARED.match(folded, rate_end)),
            )
            gap = masked[previous_end:start]
            owner = figures[-1] if figures else None
            if owner is not None and owner.in_parens and ")" in gap:
                outside = [f for f in figures if not f.in_parens]
                owner = outside[-1] if outside and outside[-1].rate is None else None
                gap = gap[gap.rfind(")") + 1 :]
                previous_end = owner.end if owner is not None else previous_end
            attach = _ATTACH.match(gap)
            if (
                owner is not None
                and owner.rate is None
                and owner.end == previous_end
                and attach is not None
                and not _LIST_OPENING.search(attach.group("desc"))
                and not _THIS_RATE.search(gap)
                and not rate.change
                and approx != "below"
                and _same_subject(owner, _rate_words(gap))
            ):
                owner.rate = rate
            else:
                clause = folded[max(0, start - 120) : start]
                cut = max(clause.rfind(";"), clause.rfind("."), clause.rfind("("))
                rates.append(_with_label(rate, clause[cut + 1 :].strip(" ,:")))
            previous_end = rate_end
            continue
        base = parse_amount(match.group("b")) if match.group("b") else None
        value, unit_end, unit, kind = first, end, "", ""
        rounded_unit = Decimal(1)
        multiplier = MULTIPLIER.match(folded, end) if base is None else None
        if multiplier:
            power = MULTIPLIERS[multiplier.group(1)]
            digits = printed_digits(match.group("a"))
            value = first * Decimal(10) ** power
            rounded_unit = Decimal(10) ** (power - digits)
            unit_end = multiplier.end()
            if not approx:
                approx = "rounded"
        for pattern, unit_kind in UNIT_RE:
            unit_match = pattern.match(folded, unit_end)
            if unit_match:
                unit, kind = unit_match.group(1), unit_kind
                unit_end = unit_match.end()
                break
        if multiplier and multiplier.group(1) in ("trieu", "ty") and not unit:
            kind = MONEY
        figure_low, figure_high = figure_bounds(value, approx, rounded_unit)
        wide = folded[previous_end:start]
        sentence_cut = max(wide.rfind(". "), wide.rfind("! "), wide.rfind("? "))
        if sentence_cut >= 0:
            wide = wide[sentence_cut + 2 :]
        cut = max(wide.rfind(","), wide.rfind(";"), wide.rfind("("), wide.rfind(")"))
        label = wide[cut + 1 :]
        label = re.sub(r"^\s*(trong do|trong so|gom|bao gom|cu the)\s*[:,]?\s*", "", label)
        label = APPROX.sub("", label)
        after_stop = len(folded)
        for stop in (",", ";", ".", "(", ")"):
            index = folded.find(stop, unit_end)
            if index >= 0:
                after_stop = min(after_stop, index)
        if position + 1 < len(tokens):
            after_stop = min(after_stop, tokens[position + 1].start())
        after = " ".join(folded[unit_end:after_stop].split()[:5])
        sentence_end = len(folded)
        for stop in (". ", ";"):
            index = folded.find(stop, unit_end)
            if index >= 0:
                sentence_end = min(sentence_end, index)
        if position + 1 < len(tokens):
            sentence_end = min(sentence_end, tokens[position + 1].start())
        if position + 1 < len(tokens) and tokens[position + 1].start() <= sentence_end:
            comma = folded.rfind(",", unit_end, tokens[position + 1].start())
            sentence_end = comma if comma >= 0 else unit_end
        beyond = re.sub(r"\([^)]*\)?", " ", folded[unit_end:sentence_end])
        beyond = re.split(r"\btrong do\b|\bgom\b|\bvoi\b", beyond)[0]
        extended = " ".join(beyond.replace(",", " ").split()[:10])
        if not kind and re.search(r"\bho so\b|\bhs\b", label):
            kind = APPLICATIONS
        if (
            not kind
            and figures
            and figures[-1].kind
            and base is None
            and not unit
            and "." not in folded[figures[-1].end : start]
        ):
            kind = figures[-1].kind  # "326 hồ sơ kỳ trước chuyển sang, 7.278 nhận mới"
        figure = Figure(
            value=value,
            low=figure_low,
            high=figure_high,
            approx=approx,
            start=start,
            end=unit_end,
            text=text[start:unit_end].strip(),
            unit=unit,
            kind=kind,
            base=base,
            rank=base is not None and bool(re.search(r"(xep|thu|hang|vi thu)\s*(thu)?\s*$", wide)),
            label=" ".join(label.split()),
            wide=" ".join(wide.split()),
            after=after,
            extended=extended,
            change=bool(re.search(r"\b(tang|giam)\s*(them)?\s*$", wide)),
            in_parens=folded.count("(", 0, start) > folded.count(")", 0, start),
            paragraph=paragraph,
        )
        figures.append(figure)
        previous_end = unit_end
    for figure in figures:
        if figure.kind == APPLICATIONS:
            figure.concept = _application_concept(figure)
    return figures, rates


def _same_subject(owner: Figure, rate_words: str) -> bool:
    """ "48.249 hồ sơ (tỷ lệ hồ sơ đúng hạn … đạt 98%)": a rate naming another concept than its
    count's is a rate of its own."""
    if owner.kind != APPLICATIONS or not rate_words:
        return True
    named = concept_of(rate_words.replace("ty le", "").replace("ti le", ""))
    own = _application_concept(owner)
    if named is None or own is None or named == own:
        return True
    return named in _GOOD_TIMING and own in _GOOD_TIMING


def _rate_words(gap: str) -> str:
    """The words naming what a rate measures: "tỷ lệ hồ sơ trực tuyến được giải quyết đúng
    hạn đạt" → "ho so truc tuyen duoc giai quyet dung han"."""
    found = list(re.finditer(r"\bt[yi] le\b", gap))
    if not found:
        return ""
    words = gap[found[-1].start() :]
    return re.sub(r"\s*(dat|la|chiem|bang|:|=)\s*$", "", words.strip())


def _with_label(rate: Rate, label: str) -> Rate:
    return Rate(
        rate.value,
        rate.low,
        rate.high,
        rate.digits,
        rate.approx,
        rate.start,
        rate.end,
        rate.text,
        rate.change,
        " ".join(label.split()),
        rate.compared,
    )


def _application_concept(figure: Figure) -> str | None:
    tail = figure.wide[-70:]
    if re.search(
        r"(truoc|som)( thoi)?( han| hen)?\s*(,|va|hoac)\s*(dung)"
        r"|dung( thoi)?( han| hen)?\s*(,|va|hoac)\s*(truoc|som)",
        tail,
    ) and not re.search(r"%", tail):
        label_concept: str | None = EARLY_ON_TIME
    else:
        label_concept = concept_of(figure.label)
    after_concept = concept_of(figure.after)
    if label_concept == PENDING and after_concept in (NOT_DUE, LATE):
        return PENDING
    return (
        after_concept
        or label_concept
        or concept_of(figure.wide[-80:])
        or concept_of(figure.extended)
    )


def _elliptic_concepts(paragraphs: list[Paragraph]) -> None:
    """ "… tiếp nhận hơn 37 nghìn hồ sơ. Trong đó cấp huyện hơn 16 nghìn hồ sơ": a figure that
    names only its level counts what the figure it breaks down counts."""
    last: Figure | None = None
    for paragraph in paragraphs:
        for sentence in paragraph.sentences:
            for figure in sentence.figures:
                if (
                    figure.applications
                    and figure.concept is None
                    and last is not None
                    and level_in(figure.label) not in (None, MIXED)
                    and (sentence.continues or last.sentence == figure.sentence)
                ):
                    figure.concept = last.concept
                if figure.applications and figure.concept is not None:
                    last = figure


def _assign_levels(paragraphs: list[Paragraph]) -> None:
    """Each figure's level: a level named just after it ("1.833 thủ tục cấp tỉnh"), else the
    last level named before it in its sentence (a named level before "toàn tỉnh": "Với cấp xã,
    toàn tỉnh … tiếp nhận"), else the level the text was last talking about."""
    current: str | None = None
    for paragraph in paragraphs:
        for sentence in paragraph.sentences:
            for figure in sentence.figures:
                local_start = figure.start - sentence.start
                before = sentence.folded[:local_start]
                after_level = level_in(figure.after)
                level = after_level or level_in(before)
                if level in (None, MIXED) and WHOLE_AREA.search(before):
                    level = WHOLE
                if level is None and WHOLE_AREA_SPAN.search(figure.after):
                    level = WHOLE
                figure.level = level or current
            if sentence.figures and sentence.figures[-1].level is not None:
                current = sentence.figures[-1].level
            elif level_in(sentence.folded) is not None:
                current = level_in(sentence.folded)
            elif WHOLE_AREA.search(sentence.folded):
                current = WHOLE
