"""The rate checks: a printed rate against its count and each base the text allows
(received, received with the files carried over, resolved, due, the total of a fraction
"05/29", a group total "trong số 125 Đ/c", the sum of a breakdown whose shares make 100 %, the
text's own total of the unit, the whole that the other rates of the sentence agree on), rounding
and truncation to the printed digits both tried; flagged only when no base fits, and an error
only when certain (exact figures, a base nearby, a gap of at least 0,1 point, no smaller
unstated base that would explain it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations

from core.numbers import format_number
from indicators.validation.figure_concepts import (
    CARRIED,
    CONCEPT_LABELS,
    DUE,
    EARLY_ON_TIME,
    LATE,
    NEW,
    NOT_DUE,
    PENDING,
    RECEIVED,
    RESOLVED,
    RETURNED,
    TOTAL,
    concept_of,
)
from indicators.validation.figure_structures import Figure, Paragraph, Rate, Sentence
from indicators.validation.findings import ERROR, NARRATIVE, WARNING, Finding, values_of
from indicators.validation.narrative_intervals import (
    CHANNELS,
    HUNDRED,
    OUTCOMES,
    TWO,
    ZERO,
    Interval,
    document_totals_of,
    figure_text,
    n,
    pct,
)

POINT = Decimal("0.1")  # the gap below which a failed rate is only a warning

MSG_RATE = "Tỷ lệ in {printed} nhưng {part}/{base} = {computed}{bases}."
MSG_RATE_BASES = " (đã thử các cơ sở {bases})"
MSG_RATE_UNSTATED = (
    " — có thể tính trên một cơ sở không nêu trong văn bản (≈ {implied}, ví dụ đã trừ hồ sơ "
    "trả lại, rút)"
)

_GROUP_TOTAL = re.compile(r"(trong so|tong so|tong cong|toan xa co|co tong so)\s*(cac\s*)?$")


# Scopes -------------------------------------------------------------------------------------


def _scope(paragraphs: list[Paragraph], p: int, s: int) -> list[Figure]:
    """The figures a sentence may refer to: its own, those of the sentences before it in its
    paragraph, and those of the paragraph before when its paragraph continues it."""
    paragraph = paragraphs[p]
    figures: list[Figure] = []
    for sentence in paragraph.sentences[: s + 1]:
        figures += sentence.figures
    first = paragraph.sentences[0] if paragraph.sentences else None
    if p > 0 and first is not None and first.continues:
        figures = paragraphs[p - 1].figures + figures
    return figures


def _near(paragraphs: list[Paragraph], p: int, s: int) -> list[Figure]:
    """The figures of the sentence and of the one just before it."""
    paragraph = paragraphs[p]
    figures = list(paragraph.sentences[s].figures)
    if s > 0:
        figures = paragraph.sentences[s - 1].figures + figures
    elif p > 0 and paragraphs[p - 1].sentences:
        figures = paragraphs[p - 1].sentences[-1].figures + figures
    return figures


# Rates --------------------------------------------------------------------------------------


@dataclass
class _Base:
    value: Interval
    label: str
    near: bool  # in the sentence or the one before
    figure: Figure | None = None


def _ratio(part: Interval, base: Interval) -> Interval | None:
    if base.low <= 0:
        return None
    low = part.low * HUNDRED / (base.high if base.high is not None else base.low * 1000)
    high = None if part.high is None else part.high * HUNDRED / base.low
    return Interval(low, high)


def _fits(part: Interval, base: Interval, rate: Rate) -> tuple[bool, Decimal]:
    computed = _ratio(part, base)
    if computed is None:
        return False, Decimal(999)
    printed = Interval(rate.low, rate.high)
    if computed.overlaps(printed):
        return True, Decimal(0)
    midpoint = computed.low if computed.high is None else (computed.low + computed.high) / 2
    return False, abs(midpoint - rate.value)


def _application_bases(figure: Figure, scope: list[Figure], near: list[Figure]) -> list[_Base]:
    concept = figure.concept
    same = [
        f
        for f in scope
        if f is not figure
        and f.applications
        and (f.level == figure.level or f.level is None or figure.level is None)
    ]
    if concept in CHANNELS | {NEW, CARRIED}:
        wanted = [RECEIVED, TOTAL]
    elif concept in OUTCOMES | {RETURNED}:
        wanted = [RESOLVED, DUE, RECEIVED, TOTAL]
    elif concept in (RESOLVED, PENDING, NOT_DUE):
        wanted = [RECEIVED, TOTAL, DUE]
    else:
        wanted = [RECEIVED, TOTAL, RESOLVED, DUE]
    bases: list[_Base] = []
    for f in same:
        if f.concept in wanted and f.value >= figure.value and not f.change:
            bases.append(_Base(Interval.of(f), CONCEPT_LABELS[f.concept], f in near, f))
        if f.base is not None and f.concept == RESOLVED:
            bases.append(_Base(Interval(f.base, f.base), "tiếp nhận", f in near, f))
    received = [b for b in bases if b.figure is not None and b.figure.concept == RECEIVED]
    carried = [f for f in same if f.concept == CARRIED]
    if received and carried:
        total = received[-1].value + Interval.of(carried[-1])
        bases.append(_Base(total, "tiếp nhận + kỳ trước", received[-1].near, None))
    if concept in OUTCOMES:
        parts = [f for f in same if f.concept in (EARLY_ON_TIME, LATE)]
        if {f.concept for f in parts} == {EARLY_ON_TIME, LATE}:
            summed = Interval.of(parts[0]) + Interval.of(parts[1])
            bases.append(_Base(summed, "đúng hạn + quá hạn", True, None))
    return bases


def _generic_bases(
    figure: Figure,
    sentence: Sentence,
    previous: Sentence | None,
    document_totals: dict[str, list[Figure]],
) -> list[_Base]:
    bases: list[_Base] = []
    for source, near in ((sentence, True), (previous, True)):
        if source is None:
            continue
        for f in source.figures:
            if (
                f is figure
                or f.base is not None
                or f.value < figure.value
                or f.change
                or (f.kind and figure.kind and f.kind != figure.kind)
                or (figure.kind and not f.kind)
            ):
                continue
            group = bool(_GROUP_TOTAL.search(f.wide)) or bool(_GROUP_TOTAL.search(f.label))
            bases.append(_Base(Interval.of(f), "tổng" if group else "", near, f))
        partition = _partition_sum(source)
        if partition is not None:
            bases.append(_Base(partition, "tổng các mục", near, None))
    for total in document_totals.get(figure.unit, []):
        if total.value > figure.value and total.sentence != figure.sentence:
            bases.append(_Base(Interval.of(total), "tổng số", False, total))
    return bases


def _partition_sum(sentence: Sentence) -> Interval | None:
    """The counts of a sentence whose shares make 100 % are their own base."""
    rated = [f for f in sentence.figures if f.rate is not None and f.base is None]
    if len(rated) < 2:
        return None
    shares = sum((f.rate.value for f in rated if f.rate is not None), Decimal(0))
    if abs(shares - HUNDRED) > 1:
        return None
    total = ZERO
    for f in rated:
        total = total + Interval.of(f)
    return total


def _consistent(sentence: Sentence) -> tuple[set[int], Interval | None]:
    """Figures of a sentence whose rates imply one common whole (two or more agree): a base
    exists that fits them all, even if the text does not print it; and that whole."""
    rated = [
        f
        for f in sentence.figures
        if f.rate is not None and f.base is None and f.exact and f.rate.exact_printed
    ]
    agreeing: set[int] = set()
    implied = {}
    for f in rated:
        assert f.rate is not None
        if f.rate.low <= 0:
            continue
        implied[id(f)] = Interval(f.value * HUNDRED / f.rate.high, f.value * HUNDRED / f.rate.low)
    ids = list(implied)
    consensus: Interval | None = None
    for size in range(len(ids), 1, -1):
        for group in combinations(ids, size):
            low = max(implied[i].low for i in group)
            high = min(h for i in group if (h := implied[i].high) is not None)
            if low <= high:
                agreeing.update(group)
                consensus = Interval(low, high) if consensus is None else consensus
        if agreeing:
            break
    return agreeing, consensus


def _confirmed_base(sentence: Sentence, previous: Sentence | None) -> bool:
    """Whether the whole of a sentence's shares is printed: a group total ("Trong số 125 Đ/c")
    or a figure equal to the sum of a breakdown whose shares make 100 % ("3.427 nhân khẩu …
    Thái 3395 người, chiếm 99,09 %; …"). Then shares that agree among themselves on another
    whole are not thereby right."""
    sources = [s for s in (previous, sentence) if s is not None]
    figures = [f for s in sources for f in s.figures if f.base is None and f.exact]
    if any(_GROUP_TOTAL.search(f.wide) or _GROUP_TOTAL.search(f.label) for f in figures):
        return True
    partition = _partition_sum(sentence)
    if partition is None or not partition.exact:
        return False
    rated = {id(f) for f in sentence.figures if f.rate is not None}
    return any(f.value == partition.low and id(f) not in rated for f in figures)


def rate_findings(paragraphs: list[Paragraph]) -> Iterator[Finding]:
    document_totals = document_totals_of(paragraphs)
    for p, paragraph in enumerate(paragraphs):
        for s, sentence in enumerate(paragraph.sentences):
            previous = paragraph.sentences[s - 1] if s > 0 else None
            agreeing, consensus = _consistent(sentence)
            if _confirmed_base(sentence, previous):
                agreeing, consensus = set(), None
            scope = _scope(paragraphs, p, s)
            near = _near(paragraphs, p, s)
            for figure in sentence.figures:
                rate = figure.rate
                if rate is None or rate.change or figure.rank or figure.change:
                    continue
                if figure.base is not None:
                    bases = [_Base(Interval(figure.base, figure.base), "", True, None)]
                    explicit = True
                elif id(figure) in agreeing or rate.compared or not (figure.unit or figure.kind):
                    continue
                elif figure.applications and figure.concept is not None:
                    bases = _application_bases(figure, scope, near)
                    explicit = False
                else:
                    bases = _generic_bases(figure, sentence, previous, document_totals)
                    if consensus is not None:
                        bases.append(_Base(consensus, "cơ sở chung của các tỷ lệ khác", True))
                    explicit = False
                finding = _judge(figure, figure, rate, bases, sentence, explicit)
                if finding is not None:
                    yield finding
            yield from _labelled_rates(sentence, scope, near, document_totals)


def _labelled_rates(
    sentence: Sentence,
    scope: list[Figure],
    near: list[Figure],
    document_totals: dict[str, list[Figure]],
) -> Iterator[Finding]:
    """ "Tỉ lệ hồ sơ … giải quyết đúng hạn đạt 98,94%; trong đó … đã giải quyết xong là
    207.030 hồ sơ, số hồ sơ … đúng hạn là 204.847 hồ sơ": the count is named by the rate's words;
    "Tổng số hộ nghèo: 391 hộ, 1904 khẩu; Tỷ lệ hộ nghèo: 60,9%": the counts are the sentence's,
    the bases the text's totals of the same units."""
    for rate in sentence.rates:
        if rate.change or rate.approx == "below" or not re.search(r"\bt[yi] le\b", rate.label):
            continue
        subject = rate.label[rate.label.rfind("le ") + 3 :]
        concept = concept_of(subject)
        if concept is not None:
            counts = [
                f
                for f in sentence.figures
                if f.applications and f.concept == concept and f.rate is None
            ]
            if len(counts) != 1:
                continue
            bases = _application_bases(counts[0], scope, near)
            finding = _judge(counts[0], None, rate, bases, sentence, False)
            if finding is not None:
                yield finding
            continue
        words = [w for w in subject.replace(":", " ").split() if w not in ("dat", "la", "so")]
        if len(words) < 2:
            continue
        subject_words = " ".join(words[:3])
        counts = [
            f
            for f in sentence.figures
            if f.rate is None and f.unit and subject_words in f"{f.label} {f.wide}"
        ]
        counts += [
            f
            for f in sentence.figures
            if f.rate is None and f.unit and f not in counts and counts and f.label == ""
        ]
        if not counts:
            continue
        tried: list[tuple[Figure, _Base]] = []
        for count in counts:
            for total in document_totals.get(count.unit, []):
                if total.value > count.value:
                    tried.append((count, _Base(Interval.of(total), "tổng số", False, total)))
        if not tried or any(_fits(Interval.of(c), b.value, rate)[0] for c, b in tried):
            continue
        gaps = [_fits(Interval.of(c), b.value, rate)[1] for c, b in tried]
        exact = all(c.exact and b.value.exact for c, b in tried)
        severity = ERROR if exact and min(gaps) >= POINT and rate.exact_printed else WARNING
        listing = "; ".join(
            f"{n(c.value)}/{n(b.value.low)} = {pct(c.value * HUNDRED / b.value.low)}"
            for c, b in tried
        )
        quote = " ".join(sentence.text.split())
        yield Finding(
            "narrative.percent",
            severity,
            f"Tỷ lệ in {n(rate.value)} % nhưng {listing}.",
            (),
            values_of(
                [tried[0][0].value, tried[0][1].value.low, rate.value]
                + [c.value * HUNDRED / b.value.low for c, b in tried]
            ),
            NARRATIVE,
            quote,
        )


def _judge(
    count: Figure,
    owner: Figure | None,
    rate: Rate,
    bases: list[_Base],
    sentence: Sentence,
    explicit: bool,
) -> Finding | None:
    if not bases:
        return None
    part = Interval.of(count)
    results = [(base, *_fits(part, base.value, rate)) for base in bases]
    if any(ok for _, ok, _ in results):
        return None
    printed = Interval(rate.low, rate.high)
    distance = min(
        (
            computed.distance(printed)
            for base, _, _ in results
            if (computed := _ratio(part, base.value)) is not None
        ),
        default=Decimal(0),
    )
    best, _, gap = min(results, key=lambda item: (item[0].label != "tổng", item[2]))
    certain = count.approx in ("", "rounded") and rate.exact_printed
    severity = ERROR if certain and gap >= POINT and distance > 0 else WARNING
    unstated = ""
    # An unstated smaller base: received minus returned or withdrawn files, or the resolved
    # files when the text does not print them (not when a timing's own base is printed).
    resolved_printed = count.concept in OUTCOMES and any(
        b.figure is not None and b.figure.concept == RESOLVED for b in bases
    )
    if count.applications and not explicit and rate.low > 0 and not resolved_printed:
        implied = count.value * HUNDRED / rate.value
        largest = max((b.value.low for b in bases), default=Decimal(0))
        if count.value <= implied < largest and implied >= largest * Decimal("0.9"):
            severity = WARNING
            unstated = MSG_RATE_UNSTATED.format(implied=n(implied.quantize(Decimal(1))))
    if not explicit and not any(b.near for b, _, _ in results):
        severity = WARNING
    best_high = best.value.high if best.value.high is not None else best.value.low
    base_value = best.value.low if best.value.exact else (best.value.low + best_high) / 2
    base_value = base_value.quantize(Decimal(1)) if not best.value.exact else base_value
    percent_computed = count.value * HUNDRED / base_value if base_value else Decimal(0)
    tried = sorted({f"{b.label} {n(b.value.low)}".strip() for b in bases if b.value.exact})
    quote = " ".join(sentence.text.split())
    message = MSG_RATE.format(
        quote=quote,
        part=figure_text(count),
        base=n(base_value),
        computed=pct(percent_computed),
        printed=f"{format_number(rate.value)} %",
        bases=MSG_RATE_BASES.format(bases=", ".join(tried)) if len(tried) > 1 else "",
    )
    return Finding(
        "narrative.percent",
        severity,
        message + unstated,
        (),
        values_of([count.value, base_value, rate.value, percent_computed.quantize(TWO)]),
        NARRATIVE,
        quote,
    )
