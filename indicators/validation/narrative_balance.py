"""The balance of the files: resolved + pending (+ returned) against the files to process,
level by level in a block (a paragraph and those that continue it). More than a total that the
text itself gives as new + carried over is certain; more than "tiếp nhận" (which may exclude the
files carried over) only doubtful; less is never flagged (returned or withdrawn files are rarely
printed).
"""

from __future__ import annotations

from collections.abc import Iterator

from indicators.validation.figure_concepts import (
    CARRIED,
    NEW,
    PENDING,
    RECEIVED,
    RESOLVED,
    RETURNED,
    TOTAL,
)
from indicators.validation.figure_structures import Figure, Paragraph, Sentence
from indicators.validation.findings import ERROR, NARRATIVE, WARNING, Finding, values_of
from indicators.validation.narrative_intervals import ZERO, Interval, figure_text, n

MSG_BALANCE = (
    "Đã giải quyết + đang giải quyết{returned} = {listing} = {sum}, nhiều hơn {total} {what}{hint}."
)
MSG_BALANCE_HINT = " (có thể do số tiếp nhận chưa gồm hồ sơ kỳ trước chuyển qua)"


# Resolved + pending against the files to process ---------------------------------------------


def balance_findings(paragraphs: list[Paragraph]) -> Iterator[Finding]:
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
