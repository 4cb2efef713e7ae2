"""What the rule editor's builder offers (``static/js/rule_builder.js``): the template's rows by
"code — name", those a rule can read (a figure, a choice's code, a yes/no) and those whose
children ``SUM_CHILDREN`` adds up. The builder only writes the expression text; the rule form
parses and checks it as it checks a typed one."""

from __future__ import annotations

from dataclasses import dataclass

from indicators.models import IndicatorTemplate, ValueType

MAX_LABEL = 110
# Rows without a number to read: a heading has no value, a text row is not a figure.
NOT_READABLE = {ValueType.HEADING, ValueType.TEXT}


@dataclass(frozen=True)
class BuilderRow:
    code: str
    label: str  # "3.3.1 — Số lượng hồ sơ đã tiếp nhận"
    readable: bool  # may stand in a rule: [3.3.1]
    has_children: bool  # may be summed: SUM_CHILDREN([3.3])


def builder_rows(template: IndicatorTemplate) -> list[BuilderRow]:
    rows = list(
        template.indicators.order_by("position").values_list(
            "code", "name", "value_type", "parent__code"
        )
    )
    parents = {parent for *_, parent in rows if parent}
    return [
        BuilderRow(
            code=code,
            label=builder_label(code, name),
            readable=value_type not in NOT_READABLE,
            has_children=code in parents,
        )
        for code, name, value_type, _ in rows
    ]


def builder_label(code: str, name: str) -> str:
    """ "3.3.1 — Số lượng hồ sơ đã tiếp nhận", cut with "…" past ``MAX_LABEL`` characters."""
    name = " ".join(name.split())
    label = f"{code} — {name}"
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"
