"""Editing the indicator tree of a draft template: add, delete, move up/down, indent and
outdent rows; after every change the STT codes are renumbered from the tree.

Numbering: children are numbered under their parent ("3.3" → "3.3.1", "3.3.2" …), "Trong đó"
rows get letters (".a", ".b" …), top-level rows "1", "2" …. A printed code that followed the
old code ("2.3." for 2.3) follows the new one in the same style; a printed code that deviated
from it (Hà Tĩnh's 2B prints 1.1.1 under 1.2) is kept as the source printed it. References to
renumbered codes in the template's rules and formulas are rewritten with them.

Every function raises ``TemplateLocked`` on a published template and :class:`TreeEditError`
(with a Vietnamese message) on an edit the tree cannot take.
"""

from __future__ import annotations

import re
import secrets
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction

from core.errors import DomainError
from core.text_input import clean_instances
from indicators.models import (
    INDICATOR_SETTINGS,
    Indicator,
    IndicatorTemplate,
    OutlineSection,
    ValidationRule,
    ValueType,
)

BREAKDOWN_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# Temporary values while renumbering: codes and positions are unique per template, and a
# database checks that row by row, so every row first moves out of the way.
_TEMPORARY_POSITION = 1_000_000
_REFERENCE = re.compile(r"\[([^\[\]:]+)\]")
# What a reference to a deleted row becomes: still a well-formed code, never a real one, so a
# rule cannot silently point at the row that took the deleted row's number.
DELETED_SUFFIX = "-da-xoa"

MSG_NO_ROW_ABOVE = "Không thụt vào được: phía trên dòng này không có dòng cùng cấp để làm mục cha."
MSG_UNDER_BREAKDOWN = "Không đặt được dòng dưới một dòng “Trong đó”."
MSG_TOP_LEVEL = "Dòng đã ở cấp ngoài cùng."
MSG_FIRST = "Dòng đã ở đầu nhóm."
MSG_LAST = "Dòng đã ở cuối nhóm."
MSG_BREAKDOWN_NEEDS_PARENT = "Dòng “Trong đó” phải nằm dưới một chỉ tiêu."
MSG_TOO_MANY_BREAKDOWNS = "Một chỉ tiêu có tối đa {count} dòng “Trong đó”."
MSG_OTHER_TEMPLATE = "Dòng không thuộc mẫu này."
MSG_DANGLING = (
    "Quy tắc “{rule}” tham chiếu [{code}], chỉ tiêu không còn trong mẫu: quy tắc tạm ngừng "
    "áp dụng cho đến khi được sửa."
)
MSG_DANGLING_FORMULA = "Công thức của {row} còn tham chiếu [{code}], chỉ tiêu không còn trong mẫu."
MSG_NO_CHOICES = "{code} ({name}): kiểu “{type}” cần các lựa chọn (ví dụ “Không = 0 Có = 1”)."
MSG_NO_NAME = "{code}: chưa có tên chỉ tiêu."
MSG_EMPTY_TEMPLATE = "Mẫu chưa có dòng nào."


class TreeEditError(DomainError):
    """Refused, with the reason in ``message``."""


@dataclass
class EditResult:
    renumbered: dict[str, str] = field(default_factory=dict)  # old code → new code
    warnings: list[str] = field(default_factory=list)


@dataclass
class RowEditResult(EditResult):
    """An edit of one row (added or saved), with the row as it stands after it."""

    row: Indicator = field(kw_only=True)


def rewrite_codes(text: str, mapping: dict[str, str]) -> str:
    """ "[1.1.2] <= [1.1.1]" with 1.1.x renumbered; table cells ("[t:r:c]") untouched."""
    if not text or not mapping:
        return text

    def replace(match: re.Match) -> str:
        code = match.group(1).strip().rstrip(".")
        return f"[{mapping.get(code, match.group(1))}]"

    return _REFERENCE.sub(replace, text)


def referenced_codes(text: str) -> list[str]:
    return [m.group(1).strip().rstrip(".") for m in _REFERENCE.finditer(text or "")]


def _printed(old_printed: str, old_code: str, new_code: str) -> str:
    if not old_printed:
        return ""
    if old_printed.rstrip(".") == old_code:
        return new_code + ("." if old_printed.endswith(".") else "")
    return old_printed  # the source deviated from its own numbering: keep what it printed


class _Tree:
    """The template's rows as a tree in memory; :meth:`save` renumbers and writes it."""

    def __init__(self, template: IndicatorTemplate) -> None:
        template.ensure_editable()
        self.template = template
        self.rows = list(Indicator.objects.filter(template=template).order_by("position"))
        self.by_pk = {row.pk: row for row in self.rows}
        self.children: dict[int | None, list[Indicator]] = defaultdict(list)
        for row in self.rows:
            self.children[row.parent_id].append(row)
        self.old_codes = {row.pk: row.code for row in self.rows}

    def get(self, row: Indicator | int) -> Indicator:
        pk = row if isinstance(row, int) else row.pk
        if pk not in self.by_pk:
            raise TreeEditError(MSG_OTHER_TEMPLATE)
        return self.by_pk[pk]

    def siblings(self, row: Indicator) -> list[Indicator]:
        return self.children[row.parent_id]

    def detach(self, row: Indicator) -> None:
        self.siblings(row).remove(row)

    def attach(self, row: Indicator, parent: Indicator | None, index: int | None = None) -> None:
        row.parent_id = parent.pk if parent else None
        row.parent = parent
        kids = self.children[row.parent_id]
        kids.insert(len(kids) if index is None else index, row)

    def dotted_style(self) -> bool:
        printed = [row.printed_code for row in self.rows if row.printed_code]
        return bool(printed) and sum(p.endswith(".") for p in printed) * 2 >= len(printed)

    def _number(self, parent: Indicator | None, depth: int, order: list[Indicator]) -> None:
        number = letter = 0
        for row in self.children[parent.pk if parent else None]:
            if row.is_breakdown and parent is None:
                row.is_breakdown = False
            if row.is_breakdown and parent is not None:
                if letter >= len(BREAKDOWN_LETTERS):
                    raise TreeEditError(
                        MSG_TOO_MANY_BREAKDOWNS.format(count=len(BREAKDOWN_LETTERS))
                    )
                row.code = f"{parent.code}.{BREAKDOWN_LETTERS[letter]}"
                letter += 1
            else:
                number += 1
                row.code = f"{parent.code}.{number}" if parent else str(number)
            row.depth = depth
            order.append(row)
            self._number(row, depth + 1, order)

    @transaction.atomic
    def save(self, deleted: set[str] | None = None) -> EditResult:
        order: list[Indicator] = []
        self._number(None, 0, order)
        result = EditResult()
        for row in order:
            old = self.old_codes.get(row.pk)
            if row.is_breakdown:
                row.printed_code = ""
            elif old is None:
                row.printed_code = row.code + ("." if self.dotted_style() else "")
            else:
                row.printed_code = _printed(row.printed_code, old, row.code)
            if old is not None and old != row.code:
                result.renumbered[old] = row.code
        final = {row.pk: (row.code, position) for position, row in enumerate(order, start=1)}
        for row in order:
            row.code, row.position = f"~{row.pk}", _TEMPORARY_POSITION + row.pk
        Indicator.objects.bulk_update(order, ["code", "position"])
        for row in order:
            row.code, row.position = final[row.pk]
        Indicator.objects.bulk_update(
            order, ["code", "printed_code", "position", "depth", "parent", "is_breakdown"]
        )
        references = dict(result.renumbered)
        references.update({code: code + DELETED_SUFFIX for code in deleted or ()})
        result.warnings = _rewrite_references(self.template, references, order)
        return result


def _rewrite_references(
    template: IndicatorTemplate, mapping: dict[str, str], rows: list[Indicator]
) -> list[str]:
    codes = {row.code for row in rows}
    warnings = []
    changed_rows = []
    for row in rows:
        rewritten = rewrite_codes(row.formula, mapping)
        if rewritten != row.formula:
            row.formula = rewritten
            changed_rows.append(row)
        for code in referenced_codes(row.formula):
            if code not in codes:
                warnings.append(MSG_DANGLING_FORMULA.format(row=row.code, code=code))
    if changed_rows:
        Indicator.objects.bulk_update(changed_rows, ["formula"])
    for rule in ValidationRule.objects.filter(template=template).order_by("position", "code"):
        left, right = rewrite_codes(rule.left, mapping), rewrite_codes(rule.right, mapping)
        dangling = [
            code for code in referenced_codes(left) + referenced_codes(right) if code not in codes
        ]
        if (left, right) != (rule.left, rule.right) or (dangling and rule.is_active):
            rule.left, rule.right = left, right
            # A rule about a row that is gone cannot be checked: off until the admin fixes it.
            rule.is_active = rule.is_active and not dangling
            rule.save(update_fields=["left", "right", "is_active"])
        warnings += [MSG_DANGLING.format(rule=rule.code, code=code) for code in dangling]
    return warnings


@transaction.atomic
def row_add(
    *,
    template: IndicatorTemplate,
    name: str,
    parent: Indicator | None = None,
    after: Indicator | None = None,
    unit: str = "",
    value_type: str = ValueType.INTEGER,
    is_breakdown: bool = False,
) -> RowEditResult:
    """A new row: right after ``after`` (as its next sibling), else the last child of
    ``parent``, else the last top-level row."""
    tree = _Tree(template)
    anchor = tree.get(after) if after is not None else None
    parent_row = tree.get(parent) if parent is not None else None
    if anchor is not None:
        parent_row = tree.by_pk.get(anchor.parent_id) if anchor.parent_id else None
    if is_breakdown and parent_row is None:
        raise TreeEditError(MSG_BREAKDOWN_NEEDS_PARENT)
    if parent_row is not None and parent_row.is_breakdown:
        raise TreeEditError(MSG_UNDER_BREAKDOWN)
    last = max((row.position for row in tree.rows), default=0)
    row = Indicator.objects.create(
        template=template,
        parent=parent_row,
        position=last + 1,
        depth=(parent_row.depth + 1) if parent_row else 0,
        code=f"~new-{secrets.token_hex(6)}",
        name=name.strip(),
        unit=unit.strip(),
        value_type=value_type,
        is_breakdown=is_breakdown,
    )
    tree.by_pk[row.pk] = row
    tree.rows.append(row)
    index = tree.siblings(anchor).index(anchor) + 1 if anchor is not None else None
    tree.attach(row, parent_row, index)
    result = tree.save()
    return RowEditResult(result.renumbered, result.warnings, row=row)


@transaction.atomic
def row_delete(*, template: IndicatorTemplate, row: Indicator) -> EditResult:
    """The row and every row under it."""
    tree = _Tree(template)
    target = tree.get(row)
    gone: set[str] = set()
    stack = [target]
    while stack:
        current = stack.pop()
        gone.add(current.code)
        stack.extend(tree.children[current.pk])
    target.delete()
    return _Tree(template).save(deleted=gone)


@transaction.atomic
def row_move(*, template: IndicatorTemplate, row: Indicator, direction: str) -> EditResult:
    """Swap the row (with the rows under it) with its sibling above ("up") or below ("down")."""
    tree = _Tree(template)
    target = tree.get(row)
    siblings = tree.siblings(target)
    index = siblings.index(target)
    other = index - 1 if direction == "up" else index + 1
    if other < 0:
        raise TreeEditError(MSG_FIRST)
    if other >= len(siblings):
        raise TreeEditError(MSG_LAST)
    siblings[index], siblings[other] = siblings[other], siblings[index]
    return tree.save()


@transaction.atomic
def row_indent(*, template: IndicatorTemplate, row: Indicator) -> EditResult:
    """The row becomes the last child of the sibling above it."""
    tree = _Tree(template)
    target = tree.get(row)
    siblings = tree.siblings(target)
    index = siblings.index(target)
    if index == 0:
        raise TreeEditError(MSG_NO_ROW_ABOVE)
    new_parent = siblings[index - 1]
    if new_parent.is_breakdown:
        raise TreeEditError(MSG_UNDER_BREAKDOWN)
    tree.detach(target)
    target.is_breakdown = False
    tree.attach(target, new_parent)
    return tree.save()


@transaction.atomic
def row_outdent(*, template: IndicatorTemplate, row: Indicator) -> EditResult:
    """The row becomes the next sibling of its parent (no longer one of its "Trong đó")."""
    tree = _Tree(template)
    target = tree.get(row)
    if target.parent_id is None:
        raise TreeEditError(MSG_TOP_LEVEL)
    parent = tree.by_pk[target.parent_id]
    grandparent = tree.by_pk.get(parent.parent_id) if parent.parent_id else None
    tree.detach(target)
    target.is_breakdown = False
    tree.attach(target, grandparent, tree.siblings(parent).index(parent) + 1)
    return tree.save()


ROW_FIELDS = ("name", "printed_code", "unit", *INDICATOR_SETTINGS)


@transaction.atomic
def row_update(*, template: IndicatorTemplate, row: Indicator, data: dict) -> RowEditResult:
    """Save the row's attributes; a row that becomes (or stops being) a "Trong đó" row is
    renumbered with its siblings."""
    tree = _Tree(template)
    target = tree.get(row)
    was_breakdown = target.is_breakdown
    for name, value in data.items():
        if name in ROW_FIELDS:
            setattr(target, name, value)
    if target.is_breakdown and target.parent_id is None:
        raise TreeEditError(MSG_BREAKDOWN_NEEDS_PARENT)
    target.full_clean(exclude=["template", "parent", "code", "position"])
    target.save()
    # A row that became (or stopped being) a "Trong đó" row changes its code and its siblings'.
    result = tree.save() if target.is_breakdown != was_breakdown else EditResult()
    return RowEditResult(result.renumbered, result.warnings, row=target)


def publish_problems(template: IndicatorTemplate) -> list[str]:
    """What would make a published template unusable (it can no longer be corrected)."""
    rows = list(template.indicators.order_by("position"))
    if not rows:
        return [MSG_EMPTY_TEMPLATE]
    problems = []
    for row in rows:
        if not row.name.strip():
            problems.append(MSG_NO_NAME.format(code=row.code))
        if row.is_coded and not row.choices:
            problems.append(
                MSG_NO_CHOICES.format(
                    code=row.code, name=row.name, type=ValueType(row.value_type).label
                )
            )
    codes = {row.code for row in rows}
    for rule in template.rules.filter(is_active=True):
        for code in referenced_codes(rule.left) + referenced_codes(rule.right):
            if code not in codes:
                problems.append(MSG_DANGLING.format(rule=rule.code, code=code))
    return problems


@transaction.atomic
def outline_replace(*, template: IndicatorTemplate, sections: list[dict]) -> None:
    """The template's narrative outline, as edited: ``sections`` in order, each with level,
    heading, guidance and prefill_from_previous. A draft has no reports yet, so its sections
    are simply written anew."""
    template.ensure_editable()
    template.outline.all().delete()
    OutlineSection.objects.bulk_create(
        clean_instances(
            OutlineSection(
                template=template,
                position=position,
                level=section["level"],
                heading=section["heading"].strip(),
                guidance=section.get("guidance", "").strip(),
                prefill_from_previous=bool(section.get("prefill_from_previous")),
            )
            for position, section in enumerate(sections, start=1)
        )
    )
