"""Templates to and from plain data (the fixtures' JSON, later the template editor's exports)."""

from __future__ import annotations

from django.db import transaction

from core.text import clean_json
from indicators.kinds import breakdown_codes, inferred_settings
from indicators.models import (
    FieldTable,
    Indicator,
    IndicatorTemplate,
    OutlineSection,
    TableColumn,
    TableRow,
    TemplateStatus,
    ValidationRule,
)


def parent_code(code: str) -> str | None:
    """ "3.3.1.a" → "3.3.1", "3.3.1" → "3.3", "3" → None."""
    head, dot, _tail = code.rpartition(".")
    return head if dot else None


def nearest_parent(code: str, by_code: dict[str, Indicator]) -> Indicator | None:
    """The closest row above whose code prefixes this one (a skipped level is skipped)."""
    candidate = parent_code(code)
    while candidate is not None:
        if candidate in by_code:
            return by_code[candidate]
        candidate = parent_code(candidate)
    return None


@transaction.atomic
def template_from_dict(data: dict, issuer=None) -> IndicatorTemplate:
    """Create a template (rows, outline, tables) and give it the status the data says. Its
    text is cleaned first (``core.text.clean_text``): the parts are bulk-created, unsignalled."""
    data = clean_json(data)
    template = IndicatorTemplate.objects.create(
        code=data["code"],
        version=data["version"],
        title=data["title"],
        annex_label=data.get("annex_label", ""),
        annex_title=data.get("annex_title", ""),
        year=data.get("year"),
        issuer=issuer,
        source=data.get("source", ""),
    )
    by_code: dict[str, Indicator] = {}
    breakdowns = breakdown_codes(data["rows"])
    for position, row in enumerate(data["rows"], start=1):
        parent = nearest_parent(row["code"], by_code)
        indicator = Indicator.objects.create(
            template=template,
            parent=parent,
            position=position,
            depth=(parent.depth + 1) if parent else 0,
            code=row["code"],
            printed_code=row.get("printed_code", ""),
            name=row["name"],
            unit=row.get("unit", ""),
            value_type=row["value_type"],
            choices=row.get("choices", []),
            is_breakdown=row.get("is_breakdown", False),
            parts_sum_to_total=row.get("parts_sum_to_total", False),
            aggregation=row.get("aggregation", "sum"),
            tags=row.get("tags", []),
            **inferred_settings(row, breakdowns.get(row["code"], ())),
        )
        by_code[indicator.code] = indicator
    OutlineSection.objects.bulk_create(
        [
            OutlineSection(
                template=template,
                position=position,
                level=section["level"],
                heading=section["heading"],
                guidance=section.get("guidance", ""),
                prefill_from_previous=section.get("prefill_from_previous", False),
            )
            for position, section in enumerate(data.get("outline", []), start=1)
        ]
    )
    for position, table_data in enumerate(data.get("tables", []), start=1):
        table = FieldTable.objects.create(
            template=template,
            code=table_data["code"],
            title=table_data["title"],
            subtitle=table_data.get("subtitle", ""),
            position=position,
        )
        TableColumn.objects.bulk_create(
            [
                TableColumn(
                    table=table,
                    code=column["code"],
                    label=column["label"],
                    group=column.get("group", ""),
                    position=index,
                    tags=column.get("tags", []),
                )
                for index, column in enumerate(table_data["columns"], start=1)
            ]
        )
        TableRow.objects.bulk_create(
            [
                TableRow(
                    table=table,
                    code=row["code"],
                    label=row["label"],
                    printed_code=row.get("printed_code", ""),
                    position=index,
                    is_total=row.get("is_total", False),
                )
                for index, row in enumerate(table_data["rows"], start=1)
            ]
        )
    # Rules are checked (syntax, codes) by the rule form; data from a file is trusted as is.
    ValidationRule.objects.bulk_create(
        [
            ValidationRule(
                template=template,
                code=rule["code"],
                position=rule.get("position", position),
                left=rule["left"],
                operator=rule["operator"],
                right=rule["right"],
                severity=rule.get("severity", "error"),
                message=rule["message"],
                missing_values=rule.get("missing_values", "skip_if_any_missing"),
                is_active=rule.get("is_active", True),
            )
            for position, rule in enumerate(data.get("rules", []), start=1)
        ]
    )
    status = data.get("status", TemplateStatus.DRAFT)
    if status != TemplateStatus.DRAFT:
        template.publish()
    if status == TemplateStatus.ARCHIVED:
        template.archive()
    return template


def template_to_dict(template: IndicatorTemplate) -> dict:
    """The inverse of ``template_from_dict``."""
    return {
        "code": template.code,
        "version": template.version,
        "year": template.year,
        "issuer": template.issuer.code if template.issuer else None,
        "title": template.title,
        "annex_label": template.annex_label,
        "annex_title": template.annex_title,
        "status": template.status,
        "source": template.source,
        "rows": [
            {
                "code": row.code,
                "printed_code": row.printed_code,
                "name": row.name,
                "unit": row.unit,
                "value_type": row.value_type,
                "choices": row.choices,
                "is_breakdown": row.is_breakdown,
                "parts_sum_to_total": row.parts_sum_to_total,
                "formula": row.formula,
                "aggregation": row.aggregation,
                "tags": row.tags,
                "kind": row.kind,
                "derivation": row.derivation,
                "derive_from": row.derive_from,
                "on_merge": row.on_merge,
            }
            for row in template.indicators.order_by("position")
        ],
        "outline": [
            {
                "level": section.level,
                "heading": section.heading,
                "guidance": section.guidance,
                "prefill_from_previous": section.prefill_from_previous,
            }
            for section in template.outline.order_by("position")
        ],
        "tables": [
            {
                "code": table.code,
                "title": table.title,
                "subtitle": table.subtitle,
                "columns": [
                    {"code": c.code, "label": c.label, "group": c.group, "tags": c.tags}
                    for c in table.columns.order_by("position")
                ],
                "rows": [
                    {
                        "code": r.code,
                        "label": r.label,
                        "printed_code": r.printed_code,
                        "is_total": r.is_total,
                    }
                    for r in table.rows.order_by("position")
                ],
            }
            for table in template.tables.order_by("position")
        ],
        "rules": [
            {
                "code": rule.code,
                "left": rule.left,
                "operator": rule.operator,
                "right": rule.right,
                "message": rule.message,
                "severity": rule.severity,
                "missing_values": rule.missing_values,
                "is_active": rule.is_active,
            }
            for rule in template.rules.order_by("position", "code")
        ],
    }
