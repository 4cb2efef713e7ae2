"""Applications (hồ sơ) as the narrative accounts for them, block by block: "Tổng số hồ sơ đã
tiếp nhận … Trong đó: trực tuyến …; kỳ trước chuyển qua …; đã giải quyết … (trước hạn, đúng
hạn, quá hạn); đang giải quyết …". Each block's parts must add up to its totals, its
percentages must be those of its counts; a sub-block ("… theo cơ chế một cửa liên thông có 14
hồ sơ") is checked for its own arithmetic only. Percentages printed with their base ("09/10
người … đạt 90%") are recomputed wherever they stand.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from indicators.validation.arithmetic import percent, percent_matches
from indicators.validation.findings import (
    NARRATIVE,
    WARNING,
    Finding,
    addition,
    num,
    percent_text,
    values_of,
)
from indicators.validation.narrative_text import (
    BCCI,
    BLOCK,
    CARRIED,
    DIRECT,
    DIRECT_POSTAL,
    EARLY,
    LATE,
    ON_TIME,
    ONLINE,
    PENDING,
    RECEIVED,
    RESOLVED,
    RETURNED,
    Line,
    Quantity,
    Sentence,
    application_concept,
)

MSG_PERCENT = "Thuyết minh ghi “{fragment}” nhưng {part}/{base} = {computed}."
MSG_RECEIPTS = "Thuyết minh ghi {total} hồ sơ nhưng các nguồn tiếp nhận cộng lại {listing} = {sum}."
MSG_CARRIED_INCLUDED = " Có lẽ {total} đã gồm cả {carried} hồ sơ kỳ trước chuyển qua."
MSG_TIMING = "Thuyết minh ghi {total} hồ sơ đã giải quyết nhưng {listing} = {sum}."
MSG_BALANCE = (
    "Thuyết minh ghi {total} hồ sơ nhưng đã giải quyết + đang giải quyết{returned} = "
    "{listing} = {sum}."
)

_CHANNELS = [(ONLINE, "trực tuyến"), (DIRECT, "trực tiếp"), (DIRECT_POSTAL, "trực tiếp/bưu chính"),
             (BCCI, "qua BCCI"), (CARRIED, "kỳ trước chuyển qua")]  # fmt: skip
_TIMINGS = [(EARLY, "trước hạn"), (ON_TIME, "đúng hạn"), (LATE, "quá hạn")]
_TIMING_CONCEPTS = {EARLY, ON_TIME, LATE}
_CHANNEL_CONCEPTS = {ONLINE, DIRECT, DIRECT_POSTAL, BCCI, CARRIED}


@dataclass
class Statement:
    concept: str
    quantity: Quantity
    sentence: Sentence
    line: Line


@dataclass
class Block:
    """The applications of one account: "Tổng số hồ sơ …; trực tuyến …; đã giải quyết …"."""

    sub: bool = False
    statements: dict[str, Statement] = field(default_factory=dict)

    def value(self, concept: str) -> Decimal | None:
        statement = self.statements.get(concept)
        return statement.quantity.value if statement else None

    @property
    def total(self) -> Statement | None:
        return self.statements.get(RECEIVED)


def application_blocks(lines: list[Line]) -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None
    section = None
    for line in lines:
        if line.section != section:
            current, section = None, line.section
        for sentence in line.sentences:
            for quantity in sentence.quantities:
                if quantity.in_parens:
                    continue
                concept = application_concept(quantity)
                if concept is None:
                    continue
                starts = concept in (BLOCK, RECEIVED)
                if concept == BLOCK:
                    concept = RECEIVED
                if current is None or starts or concept in current.statements:
                    current = Block(sub="lien thong" in quantity.words)
                    blocks.append(current)
                current.statements[concept] = Statement(concept, quantity, sentence, line)
    return blocks


def block_findings(block: Block) -> Iterator[Finding]:
    yield from _receipts(block)
    yield from _timing(block)
    yield from _balance(block)
    yield from _block_percents(block)


def _receipts(block: Block) -> Iterator[Finding]:
    total = block.total
    channels = [
        (concept, label, block.statements[concept])
        for concept, label in _CHANNELS
        if concept in block.statements
        and not (concept == BCCI and DIRECT_POSTAL in block.statements)
    ]
    if total is None or len(channels) < 2:
        return
    values = [s.quantity.value for _, _, s in channels]
    summed = sum(values, Decimal(0))
    if summed == total.quantity.value:
        return
    listing = " + ".join(f"{label} {num(s.quantity.value)}" for _, label, s in channels)
    message = MSG_RECEIPTS.format(total=num(total.quantity.value), listing=listing, sum=num(summed))
    carried = block.value(CARRIED)
    if carried and summed - carried == total.quantity.value:
        message += MSG_CARRIED_INCLUDED.format(
            total=num(total.quantity.value), carried=num(carried)
        )
    yield Finding(
        "narrative.parts",
        WARNING,
        message,
        (),
        values_of([total.quantity.value, *values, summed]),
        NARRATIVE,
        total.sentence.text.strip(),
    )


def _timing(block: Block) -> Iterator[Finding]:
    resolved = block.statements.get(RESOLVED)
    parts = [(label, block.statements[c]) for c, label in _TIMINGS if c in block.statements]
    if resolved is None or len(parts) < 2:
        return
    values = [s.quantity.value for _, s in parts]
    summed = sum(values, Decimal(0))
    if summed == resolved.quantity.value:
        return
    yield Finding(
        "narrative.parts",
        WARNING,
        MSG_TIMING.format(
            total=num(resolved.quantity.value),
            listing=" + ".join(f"{label} {num(s.quantity.value)}" for label, s in parts),
            sum=num(summed),
        ),
        (),
        values_of([resolved.quantity.value, *values, summed]),
        NARRATIVE,
        resolved.sentence.text.strip(),
    )


def _balance(block: Block) -> Iterator[Finding]:
    total, resolved, pending = (
        block.total,
        block.statements.get(RESOLVED),
        block.statements.get(PENDING),
    )
    if total is None or resolved is None or pending is None:
        return
    parts = [resolved.quantity.value, pending.quantity.value]
    returned = block.value(RETURNED)
    if returned is not None:
        parts.append(returned)
    summed = sum(parts, Decimal(0))
    if summed == total.quantity.value:
        return
    yield Finding(
        "narrative.balance",
        WARNING,
        MSG_BALANCE.format(
            total=num(total.quantity.value),
            returned=" + trả lại" if returned is not None else "",
            listing=addition(parts),
            sum=num(summed),
        ),
        (),
        values_of([total.quantity.value, *parts, summed]),
        NARRATIVE,
        total.sentence.text.strip(),
    )


def _block_percents(block: Block) -> Iterator[Finding]:
    for concept, statement in block.statements.items():
        quantity = statement.quantity
        if quantity.percent is None or quantity.base is not None:
            continue  # "28/28 hồ sơ, đạt 100%": checked with the other explicit fractions
        if concept in _TIMING_CONCEPTS:
            base = block.value(RESOLVED) or block.value(RECEIVED)
        elif concept in _CHANNEL_CONCEPTS or concept == RESOLVED:
            base = block.value(RECEIVED)
        else:
            base = None
        finding = percent_finding(quantity, base)
        if finding is not None:
            yield finding


def percent_finding(quantity: Quantity, base: Decimal | None) -> Finding | None:
    if quantity.percent is None or not base:
        return None
    computed = percent(quantity.value, base)
    if percent_matches(quantity.percent, computed, quantity.percent_digits):
        return None
    return Finding(
        "narrative.percent",
        WARNING,
        MSG_PERCENT.format(
            fragment=quantity.fragment,
            part=num(quantity.value),
            base=num(base),
            computed=percent_text(computed),
        ),
        (),
        values_of([quantity.value, base, quantity.percent, computed.quantize(Decimal("0.01"))]),
        NARRATIVE,
        quantity.fragment,
    )


def explicit_percent_findings(lines: list[Line]) -> Iterator[Finding]:
    """ "09/10 người có trình độ đại học đạt 90%": the base is printed, recompute."""
    for line in lines:
        for quantity in line.quantities:
            if quantity.base is not None and quantity.percent is not None:
                finding = percent_finding(quantity, quantity.base)
                if finding is not None:
                    yield finding
