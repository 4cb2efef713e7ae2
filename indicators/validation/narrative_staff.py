"""Staff (cán bộ, công chức) as the narrative counts them: a total and its categories
("Tổng số … 20 người. Trong đó: * Cán bộ: 9 người … * Công chức: 11 người"), education and
political-theory levels with their percentages, and a list of categories without a total
compared with the staff present in the annex.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from indicators.validation.findings import (
    NARRATIVE,
    WARNING,
    Finding,
    addition,
    num,
    values_of,
)
from indicators.validation.narrative_annex import annex_figures, compare
from indicators.validation.narrative_applications import percent_finding
from indicators.validation.narrative_text import (
    PEOPLE,
    Line,
    Quantity,
    Sentence,
    is_staff_total,
)
from indicators.validation.snapshot import ReportData

MSG_STAFF_PARTS = "Thuyết minh ghi tổng số {total} người nhưng {listing} = {sum}."
MSG_STAFF_ANNEX = "Thuyết minh kể {listing}: {addition} = {sum} người nhưng {figure} = {annex}."
MSG_STAFF_BASES = (
    "Thuyết minh đếm cùng một đội ngũ thành hai tổng khác nhau: {first_listing} = {first} "
    "người nhưng {second_listing} = {second} người."
)

_CATEGORY = re.compile(
    r"\b(can bo|cong chuc|lanh dao|doan the|chuyen trach|cb|cc|nhan vien|cong an)\b"
)
_QUALIFICATION = re.compile(
    r"trinh do|thac s[iy]|tien s[iy]|dai hoc|cao dang|trung cap|so cap|cao cap|ly luan"
    r"|chua qua dao tao|chinh tri"
)
_PARENS = re.compile(r"\([^)]*\)")
_TOTAL_WITH_PARTS = re.compile(r"trong do")


def _category_text(quantity: Quantity) -> str:
    return f"{quantity.words} {quantity.unit} {_PARENS.sub(' ', quantity.after)}"


def is_category(quantity: Quantity) -> bool:
    """ "Cán bộ: 9 người", "09 công chức chuyên môn", "Trưởng các đoàn thể: 05 đồng chí"."""
    if (
        quantity.kind != PEOPLE
        or quantity.percent is not None
        or quantity.base is not None
        or quantity.in_parens
    ):
        return False
    text = _category_text(quantity)
    return bool(_CATEGORY.search(text)) and not _QUALIFICATION.search(text)


def _list_category(line: Line) -> Quantity | None:
    """A bullet line that is one item of a staff list: its first figure, a category, with a
    short label ("* Cán bộ: 9 người")."""
    if not line.bullet:
        return None
    first = next(iter(line.quantities), None)
    if first is None or not is_category(first) or len(first.words.split()) > 8:
        return None
    return first


@dataclass
class _Total:
    quantity: Quantity
    sentence: Sentence
    line_index: int


def staff_findings(lines: list[Line], data: ReportData | None) -> Iterator[Finding]:
    totals: list[_Total] = []
    for index, line in enumerate(lines):
        found = next(
            (
                (quantity, sentence)
                for sentence in line.sentences
                for quantity in sentence.quantities
                if is_staff_total(quantity) and not quantity.in_parens
            ),
            None,
        )
        if found is not None:
            totals.append(_Total(found[0], found[1], index))
    for total in totals:
        yield from _staff_parts(lines, total)
    yield from _staff_percents(lines, totals)
    if data is not None:
        yield from _staff_annex(lines, totals, data)


def _categories_after(lines: list[Line], total: _Total) -> list[Quantity]:
    """The categories a staff total is broken into: after "trong đó" in its own line, or the
    bullet items that follow it."""
    line = lines[total.line_index]
    items: list[Quantity] = []
    seen_total = False
    for sentence in line.sentences:
        for quantity in sentence.quantities:
            if quantity is total.quantity:
                seen_total = True
            elif seen_total and is_category(quantity) and (_TOTAL_WITH_PARTS.search(line.folded)):
                items.append(quantity)
    if items:
        return items
    bullet = ""
    for following in lines[total.line_index + 1 :]:
        if following.section != line.section:
            break
        if any(is_staff_total(q) for q in following.quantities):
            break
        item = _list_category(following)
        if item is not None and (not bullet or following.bullet == bullet):
            bullet = following.bullet
            items.append(item)
        elif not following.bullet and next(iter(following.quantities), None) is not None:
            break  # a paragraph of its own with figures: the list is over
    return items


def _staff_parts(lines: list[Line], total: _Total) -> Iterator[Finding]:
    items = _categories_after(lines, total)
    if len(items) < 2:
        return
    values = [item.value for item in items]
    summed = sum(values, Decimal(0))
    if summed == total.quantity.value:
        return
    yield Finding(
        "narrative.parts",
        WARNING,
        MSG_STAFF_PARTS.format(
            total=num(total.quantity.value),
            listing=" + ".join(f"“{item.fragment}”" for item in items),
            sum=num(summed),
        ),
        (),
        values_of([total.quantity.value, *values, summed]),
        NARRATIVE,
        total.sentence.text.strip(),
    )


def _staff_percents(lines: list[Line], totals: list[_Total]) -> Iterator[Finding]:
    """Education and political-theory levels with their percentages. The base is the total of
    the line ("Tổng số … 19 người, trong đó …"), or of the category the line belongs to
    ("* Cán bộ: 9 người" / "+ Trình độ chuyên môn: …"), or else the levels themselves when
    their percentages add up to 100 %."""
    total_lines = {total.line_index: total for total in totals}
    category: Quantity | None = None
    section = None
    for index, line in enumerate(lines):
        if line.section != section or not line.bullet:
            category, section = None, line.section
        item = _list_category(line)
        if item is not None:
            category = item
            continue
        total = total_lines.get(index)
        after_total = False
        partitions: list[tuple[list[Quantity], Sentence]] = []
        for sentence in line.sentences:
            if total is not None and sentence is total.sentence:
                after_total = True
            group = [
                q
                for q in sentence.quantities
                if q.kind == PEOPLE and q.percent is not None and q.base is None and not q.in_parens
            ]
            if not group:
                continue
            scope = (
                total.quantity.value
                if after_total and total is not None
                else (category.value if category is not None else None)
            )
            counts = sum((q.value for q in group), Decimal(0))
            shares = sum((q.percent for q in group if q.percent is not None), Decimal(0))
            is_partition = abs(shares - 100) <= 1
            if scope is not None:
                base = scope
                if is_partition and len(group) > 1 and counts != scope:
                    yield _partition_finding(group, counts, scope, sentence)
            elif is_partition:
                base = counts
                partitions.append((group, sentence))
            else:
                continue
            for quantity in group:
                finding = percent_finding(quantity, base)
                if finding is not None:
                    yield finding
        yield from _bases(partitions)


def _partition_finding(
    group: list[Quantity], counts: Decimal, scope: Decimal, sentence: Sentence
) -> Finding:
    return Finding(
        "narrative.parts",
        WARNING,
        MSG_STAFF_PARTS.format(
            total=num(scope),
            listing=" + ".join(num(q.value) for q in group),
            sum=num(counts),
        ),
        (),
        values_of([scope, *(q.value for q in group), counts]),
        NARRATIVE,
        sentence.text.strip(),
    )


def _bases(partitions: list[tuple[list[Quantity], Sentence]]) -> Iterator[Finding]:
    """Two breakdowns of the same people in one paragraph must count the same people."""
    if len(partitions) < 2:
        return
    first_group, _ = partitions[0]
    first = sum((q.value for q in first_group), Decimal(0))
    for group, sentence in partitions[1:]:
        second = sum((q.value for q in group), Decimal(0))
        if second != first:
            yield Finding(
                "narrative.staff_bases",
                WARNING,
                MSG_STAFF_BASES.format(
                    first_listing=addition(q.value for q in first_group),
                    first=num(first),
                    second_listing=addition(q.value for q in group),
                    second=num(second),
                ),
                (),
                values_of([first, second]),
                NARRATIVE,
                sentence.text.strip(),
            )
            return


def _staff_annex(lines: list[Line], totals: list[_Total], data: ReportData) -> Iterator[Finding]:
    if totals:
        total = totals[0]
        quantity = total.quantity
        yield from compare(quantity.fragment, quantity.value, "staff_present", data)
        if quantity.base is not None:
            yield from compare(quantity.fragment, quantity.base, "staff_quota", data)
        return
    # No total stated: a list of categories ("lãnh đạo 05, đoàn thể 05, công chức 08") in
    # consecutive bullet lines is the whole staff.
    run: list[Quantity] = []
    for line in [*lines, None]:
        item = _list_category(line) if line is not None else None
        if item is not None:
            run.append(item)
            continue
        if len(run) >= 2:
            yield from _composition_annex(run, data)
            return
        run = []


def _composition_annex(run: list[Quantity], data: ReportData) -> Iterator[Finding]:
    summed = sum((q.value for q in run), Decimal(0))
    for figure in annex_figures(data, "staff_present"):
        if figure.value is not None and figure.value != summed:
            yield Finding(
                "narrative.annex",
                WARNING,
                MSG_STAFF_ANNEX.format(
                    listing=", ".join(f"“{q.fragment}”" for q in run),
                    addition=addition(q.value for q in run),
                    sum=num(summed),
                    figure=figure.describe(),
                    annex=figure.value_text(),
                ),
                figure.codes,
                values_of([*(q.value for q in run), summed, figure.value]),
                NARRATIVE,
                run[0].fragment,
            )
