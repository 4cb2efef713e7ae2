"""A new template from an annex file: the plan (the tree that will be created, the lines that
could not be placed, the proposed renumberings), then, once confirmed, a draft template.

The plan is plain data (JSON-safe), so the upload page can keep it in the session between the
preview and the confirmation; nothing is written before :func:`template_create`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal

from django.db import transaction

from core.errors import DomainError
from core.numbers import within_bounds
from indicators.models import (
    Aggregation,
    Derivation,
    IndicatorKind,
    IndicatorTemplate,
    MergeRule,
    ValueType,
)
from indicators.tags import known_tags
from indicators.template_io import template_from_dict

from .narrative import outline_sections
from .reader import AnnexSource
from .seed_declarations import TEMPLATE_TITLE, SeedTemplate
from .seed_fixtures import outline_from_document, template_rows
from .tree import build_tree

MSG_CODE_REQUIRED = "Cần mã mẫu (ví dụ HH-01b)."
MSG_TITLE_REQUIRED = "Cần tên mẫu."
MSG_CODE_TOO_LONG = "Mã mẫu dài quá 40 ký tự."
# What the hidden data of a template export may set on a row (and the values it may take).
HIDDEN_ROW_FIELDS = {
    "value_type": set(ValueType.values),
    "aggregation": set(Aggregation.values),
    "kind": set(IndicatorKind.values),
    "derivation": set(Derivation.values),
    "on_merge": set(MergeRule.values),
    # Files exported before kinds existed.
    "prefill": {"", "last_value", "previous_pending"},
}


class TemplateImportError(DomainError, ValueError):
    """Refused, with the reason in ``message``."""


@dataclass
class TemplatePlan:
    """What an annex file would become: rows as ``template_from_dict`` takes them (with their
    depth and source line for the preview), outline, tables and rules."""

    source_format: str
    rows: list[dict] = field(default_factory=list)
    renumbered: list[dict] = field(default_factory=list)  # line, printed_code, code, message
    unplaced: list[dict] = field(default_factory=list)  # line, text
    outline: list[dict] = field(default_factory=list)
    tables: list[dict] = field(default_factory=list)
    rules: list[dict] = field(default_factory=list)

    def as_data(self) -> dict:
        return asdict(self)

    @classmethod
    def from_data(cls, data: dict) -> TemplatePlan:
        return cls(**data)

    @property
    def input_count(self) -> int:
        return sum(1 for row in self.rows if row["value_type"] != ValueType.HEADING)


def _apply_hidden_data(row: dict, hidden: dict) -> None:
    """A template export's hidden attributes, where the printed annex cannot say them."""
    for name, allowed in HIDDEN_ROW_FIELDS.items():
        if hidden.get(name) in allowed:
            row[name] = hidden[name]
    if not row["choices"] and isinstance(hidden.get("choices"), list):
        row["choices"] = [
            {"value": c["value"], "label": str(c["label"])}
            for c in hidden["choices"]
            if isinstance(c, dict)
            and isinstance(c.get("value"), int)
            and within_bounds(Decimal(c["value"]))
            and "label" in c
        ]
    if isinstance(hidden.get("tags"), list):
        row["tags"] = known_tags(hidden["tags"])
    for name in ("parts_sum_to_total",):
        if isinstance(hidden.get(name), bool):
            row[name] = hidden[name]
    if isinstance(hidden.get("formula"), str):
        row["formula"] = hidden["formula"][:500]
    if isinstance(hidden.get("derive_from"), str):
        row["derive_from"] = hidden["derive_from"][:30]


def plan_template(source: AnnexSource) -> TemplatePlan:
    """The template the file describes, with what the importer could not decide."""
    tree = build_tree(source.annex.rows)
    # The defaults the seed fixtures use for additivity and aggregation, without seed tags.
    rows = template_rows(SeedTemplate("", 0, 0, "", "", ""), tree.rows)
    for row, tree_row in zip(rows, tree.rows, strict=True):
        row["depth"] = tree_row.depth
        row["line"] = tree_row.source.line if tree_row.source else None
        row.setdefault("formula", "")
        hidden = source.row_data.get(row["code"])
        if hidden:
            _apply_hidden_data(row, hidden)
    placed = {id(tree_row.source) for tree_row in tree.rows}
    unplaced = [{"line": line, "text": text} for line, text in source.annex.unplaced]
    unplaced += [
        {"line": row.line, "text": f"{row.printed_code} {row.name}".strip()}
        for row in source.annex.rows
        if id(row) not in placed
    ]
    if "outline" in source.template_parts:
        outline = source.template_parts["outline"]
    else:
        sections = [
            {"level": s.level, "heading": s.heading} for s in outline_sections(source.lines)
        ]
        outline = outline_from_document({"sections": sections})
    return TemplatePlan(
        source_format=source.format,
        rows=rows,
        renumbered=[
            {"line": r.line, "printed_code": r.printed_code, "code": r.code, "message": r.message}
            for r in tree.renumbered
        ],
        unplaced=sorted(unplaced, key=lambda item: item["line"] or 0),
        outline=outline,
        tables=_well_formed(source.template_parts.get("tables", []), TABLE_KEYS),
        rules=_well_formed(source.template_parts.get("rules", []), RULE_KEYS),
    )


TABLE_KEYS = {"code", "title", "columns", "rows"}
RULE_KEYS = {"code", "left", "operator", "right", "message"}


def _well_formed(items: list, keys: set[str]) -> list[dict]:
    """Parts of a template export that have what ``template_from_dict`` needs (a hand-edited
    workbook may have broken them: those are left out, not guessed)."""
    return [item for item in items if isinstance(item, dict) and keys <= item.keys()]


def next_version(code: str) -> int:
    latest = IndicatorTemplate.objects.latest_version(code)
    return latest.version + 1 if latest else 1


@transaction.atomic
def template_create(
    *,
    plan: TemplatePlan,
    code: str,
    title: str,
    annex_label: str = "",
    annex_title: str = "",
    year: int | None = None,
    source: str = "",
) -> IndicatorTemplate:
    """A new DRAFT template from the plan: the next version of ``code`` (a published version
    stays as it is), to be edited and published in the template editor."""
    code, title = code.strip(), title.strip()
    if not code:
        raise TemplateImportError(MSG_CODE_REQUIRED)
    if len(code) > 40:
        raise TemplateImportError(MSG_CODE_TOO_LONG)
    if not title:
        raise TemplateImportError(MSG_TITLE_REQUIRED)
    # Lock the versions of this code so that two imports never take the same number.
    list(IndicatorTemplate.objects.select_for_update().filter(code=code).values_list("pk"))
    data = {
        "code": code,
        "version": next_version(code),
        "title": title[:300],
        "annex_label": annex_label[:60],
        "annex_title": (annex_title or TEMPLATE_TITLE)[:300],
        "year": year,
        "status": "draft",
        "source": source[:200],
        "rows": plan.rows,
        "outline": plan.outline,
        "tables": plan.tables,
        "rules": plan.rules,
    }
    return template_from_dict(data)
