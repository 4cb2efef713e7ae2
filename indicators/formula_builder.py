"""A row's formula in the template editor: what the builder offers (``static/js/row_editor.js``),
the check that a computed row can be computed in turn, and the formula tried on a real report.

The builder only writes the formula text: the row's "Trong đó" rows added up, rows picked and
added up, or a ratio ``ROUND([a] / [b] * 100, 2)``. The row form parses and checks the text as
it checks a typed one (``indicators.forms.editor``); these functions read the template as it is
saved, with the edited row as the form has it (nothing is saved to try a formula).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from indicators.choices import NUMERIC_TYPES, IndicatorKind, ValueType
from indicators.models import Indicator, IndicatorTemplate
from indicators.rule_builder import BuilderRow, builder_label
from indicators.structure import template_data
from indicators.validation.computed import (
    computed_rows,
    computed_values,
    cycle_through,
    formula_reads,
)
from indicators.validation.expressions import parse
from indicators.validation.findings import num
from indicators.validation.snapshot import ReportData, TemplateData

MSG_READS_ITSELF = "Công thức không được đọc chính chỉ tiêu {code}."
MSG_CYCLE = (
    "Công thức tạo vòng lặp: {path}. Một chỉ tiêu tự tính không thể cần đến chính nó; "
    "hãy đọc các dòng số liệu nhập tay."
)
MSG_READS_A_CYCLE = (
    "Công thức đọc những chỉ tiêu tự tính đang tạo vòng lặp với nhau: sửa công thức của "
    "chúng trước."
)


@dataclass(frozen=True)
class FormulaChoices:
    """The rows the builder lists: the row's own "Trong đó" rows, and every other figure."""

    parts: list[BuilderRow]
    numbers: list[BuilderRow]


def formula_choices(template: IndicatorTemplate, row: Indicator) -> FormulaChoices:
    rows = template.indicators.order_by("position").values_list(
        "code", "name", "value_type", "is_breakdown", "parent_id"
    )
    numbers = [
        (code, name, is_breakdown and parent == row.pk)
        for code, name, value_type, is_breakdown, parent in rows
        if value_type in NUMERIC_TYPES and code != row.code
    ]
    return FormulaChoices(
        parts=[_choice(code, name) for code, name, part in numbers if part],
        numbers=[_choice(code, name) for code, name, _ in numbers],
    )


def source_choices(template: IndicatorTemplate, row: Indicator) -> list[tuple[str, str]]:
    """The rows a derivation may read ("code — name"): every row with a value but this one."""
    rows = (
        template.indicators.exclude(value_type=ValueType.HEADING)
        .exclude(pk=row.pk)
        .order_by("position")
        .values_list("code", "name")
    )
    return [(code, builder_label(code, name)) for code, name in rows]


def _choice(code: str, name: str) -> BuilderRow:
    return BuilderRow(code=code, label=builder_label(code, name), readable=True, has_children=False)


def _edited(
    template: IndicatorTemplate, row: Indicator, *, formula: str, value_type: str
) -> TemplateData:
    """The template as saved, with the row computed by ``formula``."""
    structure = template_data(template, rules=False)
    indicators = tuple(
        replace(info, kind=IndicatorKind.COMPUTED, formula=formula, value_type=value_type)
        if info.code == row.code
        else info
        for info in structure.indicators
    )
    return replace(structure, indicators=indicators)


def formula_problem(
    template: IndicatorTemplate, row: Indicator, *, formula: str, value_type: str
) -> str:
    """Why the row, computed by ``formula`` (already parsed once), could not be computed: it
    reads itself, or goes round through other computed rows back to itself; "" when it can."""
    if value_type == ValueType.HEADING:
        return ""
    rows = _edited(template, row, formula=formula, value_type=value_type).indicators
    cycle = cycle_through(rows, row.code)
    if cycle == [row.code, row.code]:
        return MSG_READS_ITSELF.format(code=row.code)
    if cycle:
        return MSG_CYCLE.format(path=" → ".join(cycle))
    if all(info.code != row.code for info in computed_rows(rows)):
        return MSG_READS_A_CYCLE
    return ""


@dataclass(frozen=True)
class FormulaTrial:
    """A formula tried on a report: its value on the report's figures beside the figure the
    report has for the row, and the rows it reads that the report's template lacks."""

    computed: Decimal | None
    stored: Decimal | None
    missing: tuple[str, ...] = ()
    row_missing: bool = False

    @property
    def differs(self) -> bool:
        return self.computed != self.stored

    @property
    def computed_text(self) -> str:
        return num(self.computed)

    @property
    def stored_text(self) -> str:
        return num(self.stored)


def formula_trial(
    template: IndicatorTemplate,
    row: Indicator,
    *,
    formula: str,
    value_type: str,
    report: ReportData,
) -> FormulaTrial:
    """The row computed by ``formula`` on ``report``'s figures, read by the edited template's
    codes (the rows the formula reads computed first, as the report form computes them)."""
    structure = _edited(template, row, formula=formula, value_type=value_type)
    data = replace(report, template=structure)
    computed = computed_values(data).get(row.code)
    children = {code: list(data.children(code)) for code in structure.children}
    known = report.template.by_code
    missing = tuple(code for code in formula_reads(parse(formula), children) if code not in known)
    return FormulaTrial(
        computed=computed,
        stored=report.values.get(row.code),
        missing=missing,
        row_missing=row.code not in known,
    )
