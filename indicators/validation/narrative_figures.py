"""Checks on the figures of any Vietnamese administrative text (``figures.read_paragraphs``),
with the conventions of real reports:

- a rate against its count and the bases the text allows: received, received including the
  files carried over, resolved, due ("đến hạn", Vĩnh Phúc), the total a fraction prints
  ("05/29"), "trong số 125 Đ/c", the sum of a breakdown whose shares make 100 %, the text's own
  total of households or persons; flagged only when none fits, rounding and truncation to the
  printed digits both tried;
- a total and its parts: resolved = early + on time + late (+ returned), "đúng và trước hạn"
  as one bucket; received/total = new + carried over, or its channels (received with or
  without the carried-over files); pending = within time + overdue; a publication of TTHC =
  new/replacing + amended + abolished; a breakdown with a catch-all ("Khác") or whose shares
  make 100 % is exhaustive;
- resolved + pending (+ returned) against the files to process: more than a total that the
  text itself gives as new + carried over is certain, more than "tiếp nhận" (which may exclude
  the carried-over files) only doubtful, less is never flagged (returned or withdrawn files are
  rarely printed);
- figures by level (tỉnh / huyện / xã) against the whole area's figure, unless the text says
  that the district figures include their communes;
- shares of a complete list ("10 dân tộc" and ten "dân tộc …" shares) that add up to more or
  less than 100 %; shares of one whole in one sentence that imply different wholes.

A hard error only when an identity certainly fails: exact figures (approximations "hơn",
"gần", "khoảng", "N ngàn" are intervals and fail only when no value of theirs fits), all the
figures in one sentence or the one before (or in one list), a gap of at least 0,1 point for a
rate, and for applications no smaller unstated base (received minus returned files) that
would explain a rate. Anything less certain is a warning. Every finding shows the arithmetic
and quotes the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations

from core.numbers import format_number
from indicators.validation.figures import (
    APPLICATIONS,
    CARRIED,
    COMMUNE,
    DIRECT,
    DIRECT_POSTAL,
    DISTRICT,
    DUE,
    EARLY,
    EARLY_ON_TIME,
    LATE,
    LEVEL_LABELS,
    NEW,
    NOT_DUE,
    ON_TIME,
    ONLINE,
    PENDING,
    POSTAL,
    PROCEDURES,
    PROVINCE,
    RECEIVED,
    RESOLVED,
    RETURNED,
    TOTAL,
    WHOLE,
    Figure,
    Paragraph,
    Rate,
    Sentence,
    concept_of,
    read_paragraphs,
)
from indicators.validation.findings import ERROR, NARRATIVE, WARNING, Finding, values_of

HUNDRED = Decimal(100)
POINT = Decimal("0.1")  # the gap below which a failed rate is only a warning
TWO = Decimal("0.01")

MSG_RATE = "Tỷ lệ in {printed} nhưng {part}/{base} = {computed}{bases}."
MSG_RATE_BASES = " (đã thử các cơ sở {bases})"
MSG_RATE_UNSTATED = (
    " — có thể tính trên một cơ sở không nêu trong văn bản (≈ {implied}, ví dụ đã trừ hồ sơ "
    "trả lại, rút)"
)
MSG_PARTS = "Thuyết minh ghi {total} nhưng {listing} = {sum}{gap}."
MSG_BALANCE = (
    "Đã giải quyết + đang giải quyết{returned} = {listing} = {sum}, nhiều hơn {total} {what}{hint}."
)
MSG_BALANCE_HINT = " (có thể do số tiếp nhận chưa gồm hồ sơ kỳ trước chuyển qua)"
MSG_LEVELS = "{concept} {whole} = {total} nhưng theo cấp {listing} = {sum}."
MSG_SHARES = "Có {count} {noun} mà các tỷ lệ cộng lại {listing} = {sum} %, không phải 100 %."
MSG_GROUP = (
    "Các mục cộng lại {listing} = {sum} nhưng tổng số là {total} (danh sách có mục "
    "“{catch_all}” "
    "nên phải đủ)."
)
MSG_GROUP_SHARES = "Các tỷ lệ của danh sách cộng lại {listing} = {sum} %, không phải 100 %."

CONCEPT_LABELS = {
    RECEIVED: "tiếp nhận",
    NEW: "mới tiếp nhận",
    CARRIED: "kỳ trước chuyển qua",
    TOTAL: "tổng số phải giải quyết",
    DUE: "đến hạn",
    RESOLVED: "đã giải quyết",
    EARLY: "trước hạn",
    ON_TIME: "đúng hạn",
    EARLY_ON_TIME: "đúng và trước hạn",
    LATE: "quá hạn",
    PENDING: "đang giải quyết",
    NOT_DUE: "chưa đến hạn",
    RETURNED: "trả lại/rút",
    ONLINE: "trực tuyến",
    DIRECT: "trực tiếp",
    POSTAL: "bưu chính",
    DIRECT_POSTAL: "trực tiếp và bưu chính",
}

_CHANNELS = {ONLINE, DIRECT, POSTAL, DIRECT_POSTAL}
_OUTCOMES = {EARLY, ON_TIME, EARLY_ON_TIME, LATE}
_GOOD = {EARLY, ON_TIME, EARLY_ON_TIME}
_INCLUDES_COMMUNES = re.compile(r"bao gom (ca )?(so lieu )?(cua )?(cac )?(cap )?xa")
_CATCH_ALL = re.compile(r"\b(khac|con lai)\b")
_PUBLICATION = [
    re.compile(r"\bmoi\b|thay the"),
    re.compile(r"sua doi|bo sung"),
    re.compile(r"bai bo|huy bo"),
]
_LIST_START = re.compile(r"trong do\b(?! tuoi)|\bgom\b|bao gom|\bnhu sau\b")
_GROUP_TOTAL = re.compile(r"(trong so|tong so|tong cong|toan xa co|co tong so)\s*(cac\s*)?$")
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


def figure_findings(texts: list[str]) -> Iterator[Finding]:
    """Every check on the figures of a text given as paragraphs (lines)."""
    paragraphs = read_paragraphs(texts)
    yield from _rate_findings(paragraphs)
    yield from _parts_findings(paragraphs)
    yield from _balance_findings(paragraphs)
    yield from _level_findings(paragraphs)
    yield from _complete_list_findings(paragraphs)
    yield from _group_findings(paragraphs)


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
    if concept in _CHANNELS | {NEW, CARRIED}:
        wanted = [RECEIVED, TOTAL]
    elif concept in _OUTCOMES | {RETURNED}:
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
    if concept in _OUTCOMES:
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


def _document_totals(paragraphs: list[Paragraph]) -> dict[str, list[Figure]]:
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


def _rate_findings(paragraphs: list[Paragraph]) -> Iterator[Finding]:
    document_totals = _document_totals(paragraphs)
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
    resolved_printed = count.concept in _OUTCOMES and any(
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


# Totals and their parts ---------------------------------------------------------------------

_FAMILIES: list[tuple[str, tuple[str, ...], set[str]]] = [
    ("outcome", (RESOLVED,), _OUTCOMES),
    ("pending", (PENDING,), {NOT_DUE, LATE}),
    ("intake", (TOTAL, RECEIVED), {NEW, CARRIED} | _CHANNELS),
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


def _parts_findings(paragraphs: list[Paragraph]) -> Iterator[Finding]:
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
        if NEW in concepts and concepts & _CHANNELS:
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
            elif any(_CATCH_ALL.search(w) for w in words):
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


# Resolved + pending against the files to process ---------------------------------------------


def _balance_findings(paragraphs: list[Paragraph]) -> Iterator[Finding]:
    blocks: list[list[tuple[Paragraph, Sentence]]] = []
    for paragraph in paragraphs:
        first = paragraph.sentences[0] if paragraph.sentences else None
        items = [(paragraph, s) for s in paragraph.sentences]
        if blocks and first is not None and first.continues:
            blocks[-1] += items
        else:
            blocks.append(items)
    for block in blocks:
        figures = [
            f
            for _, s in block
            for f in s.figures
            if f.applications and not f.in_parens and not f.change and f.level != "mixed"
        ]
        by_level: dict[str | None, list[Figure]] = {}
        for figure in figures:
            by_level.setdefault(figure.level, []).append(figure)
        for level_figures in by_level.values():
            finding = _balance(level_figures, block)
            if finding is not None:
                yield finding


def _single(figures: list[Figure], concept: str) -> Figure | None:
    found = [f for f in figures if f.concept == concept]
    values = {f.value for f in found}
    return found[0] if len(values) == 1 else None


def _balance(figures: list[Figure], block: list[tuple[Paragraph, Sentence]]) -> Finding | None:
    resolved = _single(figures, RESOLVED)
    pending = _single(figures, PENDING)
    if resolved is None or pending is None:
        return None
    total = _single(figures, TOTAL)
    received = _single(figures, RECEIVED)
    carried = _single(figures, CARRIED)
    new = _single(figures, NEW)
    returned = _single(figures, RETURNED)
    parts = [resolved, pending] + ([returned] if returned is not None else [])
    summed = ZERO
    for part in parts:
        summed = summed + Interval.of(part)
    if total is not None:
        whole, what, certain = Interval.of(total), "hồ sơ phải giải quyết", True
    elif received is not None and carried is not None:
        whole = Interval.of(received) + Interval.of(carried)
        what, certain = "hồ sơ tiếp nhận + kỳ trước chuyển qua", True
    elif received is not None:
        whole, what, certain = Interval.of(received), "hồ sơ tiếp nhận", False
    elif new is not None and carried is not None:
        whole = Interval.of(new) + Interval.of(carried)
        what, certain = "hồ sơ mới + kỳ trước chuyển qua", True
    else:
        return None
    if whole.high is None or summed.low <= whole.high:
        return None
    sentences = [s for _, s in block if any(f in s.figures for f in parts)]
    quote = " ".join(" ".join(s.text.split()) for s in sentences)
    exact = whole.exact and summed.exact
    if received is not None and total is None and carried is not None:
        # "tiếp nhận" that already includes the carried-over files would be exceeded too
        certain = not Interval.of(received).overlaps(summed)
    severity = ERROR if certain and exact else WARNING
    base = total or received or new
    assert base is not None
    return Finding(
        "narrative.balance",
        severity,
        MSG_BALANCE.format(
            quote=quote,
            returned=" + trả lại" if returned is not None else "",
            listing=" + ".join(figure_text(p) for p in parts),
            sum=n(summed.low),
            total=n(whole.low) if whole.exact else figure_text(base),
            what=what,
            hint="" if certain else MSG_BALANCE_HINT,
        ),
        (),
        values_of([whole.low, *(p.value for p in parts), summed.low]),
        NARRATIVE,
        quote,
    )


# Levels ---------------------------------------------------------------------------------------


def _level_findings(paragraphs: list[Paragraph]) -> Iterator[Finding]:
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


# Shares of a complete list --------------------------------------------------------------------


def _complete_list_findings(paragraphs: list[Paragraph]) -> Iterator[Finding]:
    """ "Toàn xã có 10 dân tộc … trong đó: Dân tộc kinh chiếm 83%, dân tộc Nùng chiếm 8,9%, …"
    (ten shares): the shares of a list as long as the count it announces make 100 %."""
    for paragraph in paragraphs:
        counts = [f for f in paragraph.figures if f.unit and f.exact and f.base is None]
        if not counts:
            continue
        for sentence in paragraph.sentences:
            shares = [r for r in sentence.rates if not r.change and r.exact_printed]
            shares += [f.rate for f in sentence.figures if f.rate is not None and not f.unit]
            if len(shares) < 3:
                continue
            for count in counts:
                noun = count.unit
                if len(noun.split()) < 2:
                    continue
                labelled = [
                    r
                    for r in shares
                    if r is not None and noun in r.label[-len(noun) - 25 :] and not r.approx
                ]
                if len(labelled) != count.value:
                    continue
                total = sum((r.value for r in labelled), Decimal(0))
                tolerance = sum((Decimal(1).scaleb(-r.digits) for r in labelled), Decimal(0))
                if abs(total - HUNDRED) <= tolerance:
                    continue
                quote = " ".join(sentence.text.split())
                yield Finding(
                    "narrative.shares",
                    ERROR,
                    MSG_SHARES.format(
                        quote=quote,
                        count=n(count.value),
                        noun=count.text.split(maxsplit=1)[-1],
                        listing=" + ".join(format_number(r.value) for r in labelled),
                        sum=format_number(total),
                    ),
                    (),
                    values_of([count.value, *(r.value for r in labelled), total]),
                    NARRATIVE,
                    quote,
                )


# Lists of fractions of one whole ("* Khác: 07/29 vị chiếm 24,13%") ---------------------------


def _group_findings(paragraphs: list[Paragraph]) -> Iterator[Finding]:
    """Consecutive lines each giving "N/M" of the same whole M under one sub-heading: when the
    list is exhaustive (a catch-all item "Khác", or shares that make 100 %), the N add up to M."""
    groups: list[list[Figure]] = []
    current: list[Figure] = []
    for paragraph in paragraphs:
        fractions = [f for f in paragraph.figures if f.base is not None and not f.rank]
        if len(fractions) == 1 and len(paragraph.figures) == 1:
            if current and current[-1].base != fractions[0].base:
                groups.append(current)
                current = []
            current.append(fractions[0])
            continue
        if current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    totals = _document_totals(paragraphs)
    for group in groups:
        if len(group) < 2:
            continue
        base = group[0].base
        assert base is not None
        catch_all = next(
            (f for f in group if _CATCH_ALL.search(f.label) and len(f.label.split()) <= 3), None
        )
        shares = [f.rate.value for f in group if f.rate is not None]
        share_sum = sum(shares, Decimal(0))
        complete_shares = len(shares) == len(group) and abs(share_sum - HUNDRED) <= Decimal(
            "0.05"
        ) * len(group)
        if catch_all is None and not complete_shares:
            continue
        summed = sum((f.value for f in group), Decimal(0))
        if summed == base:
            continue
        quote = _group_quote(paragraphs, group, base, totals)
        label = ""
        if catch_all is not None:
            line = paragraphs[catch_all.paragraph].text
            label = line[: catch_all.start].strip(" *+-:–\t")
        yield Finding(
            "narrative.parts",
            ERROR,
            MSG_GROUP.format(
                quote=quote,
                listing=" + ".join(f"{_item_label(paragraphs, f)} {f.text}".strip() for f in group),
                sum=n(summed),
                total=n(base),
                catch_all=label or "…",
            ),
            (),
            values_of([base, *(f.value for f in group), summed]),
            NARRATIVE,
            quote,
        )
        if len(shares) == len(group) and abs(share_sum - HUNDRED) > Decimal("0.05") * len(group):
            yield Finding(
                "narrative.shares",
                WARNING,
                MSG_GROUP_SHARES.format(
                    quote=" ".join(paragraphs[group[-1].paragraph].text.split()),
                    listing=" + ".join(format_number(v) for v in shares),
                    sum=format_number(share_sum),
                ),
                (),
                values_of([*shares, share_sum]),
                NARRATIVE,
                " ".join(paragraphs[group[-1].paragraph].text.split()),
            )


def _item_label(paragraphs: list[Paragraph], figure: Figure) -> str:
    """ "* Đại học:      16/29 vị chiếm 55,17%" → "Đại học"."""
    return paragraphs[figure.paragraph].text[: figure.start].strip(" *+-:–\t")


def _group_quote(
    paragraphs: list[Paragraph], group: list[Figure], base: Decimal, totals: dict
) -> str:
    """The sentence that states the whole ("Tổng số đại biểu … là 29 vị đại biểu"), else the
    list's lines."""
    for paragraph in paragraphs:
        for sentence in paragraph.sentences:
            for figure in sentence.figures:
                if (
                    figure.value == base
                    and figure.base is None
                    and figure.unit
                    and re.search(r"tong so|tong cong", sentence.folded)
                ):
                    return " ".join(sentence.text.split())
    return " ".join(" ".join(paragraphs[f.paragraph].text.split()) for f in group)
