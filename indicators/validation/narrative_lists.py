"""The checks of complete lists: the shares of a list as long as the count it announces
("10 dân tộc" and ten shares "dân tộc …") make 100 %, and consecutive lines giving "N/M" of one
whole M under one sub-heading add up to M when the list is exhaustive (a catch-all item "Khác",
or shares that make 100 %).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from core.numbers import format_number
from indicators.validation.figure_structures import Figure, Paragraph
from indicators.validation.findings import ERROR, NARRATIVE, WARNING, Finding, values_of
from indicators.validation.narrative_intervals import CATCH_ALL, HUNDRED, document_totals_of, n

MSG_SHARES = "Có {count} {noun} mà các tỷ lệ cộng lại {listing} = {sum} %, không phải 100 %."
MSG_GROUP = (
    "Các mục cộng lại {listing} = {sum} nhưng tổng số là {total} (danh sách có mục "
    "“{catch_all}” "
    "nên phải đủ)."
)
MSG_GROUP_SHARES = "Các tỷ lệ của danh sách cộng lại {listing} = {sum} %, không phải 100 %."


# Shares of a complete list --------------------------------------------------------------------


def complete_list_findings(paragraphs: list[Paragraph]) -> Iterator[Finding]:
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


def group_findings(paragraphs: list[Paragraph]) -> Iterator[Finding]:
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
    totals = document_totals_of(paragraphs)
    for group in groups:
        if len(group) < 2:
            continue
        base = group[0].base
        assert base is not None
        catch_all = next(
            (f for f in group if CATCH_ALL.search(f.label) and len(f.label.split()) <= 3), None
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
