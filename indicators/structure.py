"""A template's structure as the plain data the check engine reads (``TemplateData``).

The only place the checks' view of a template is read from the database. Published templates
never change, so their structure is read once per process.
"""

from __future__ import annotations

from decimal import Decimal

from indicators.choices import TemplateStatus
from indicators.models import FieldTable, Indicator, IndicatorTemplate, ValidationRule
from indicators.validation.snapshot import (
    ColumnInfo,
    IndicatorInfo,
    RowInfo,
    RuleInfo,
    TableInfo,
    TemplateData,
)

_published_cache: dict[tuple[int, object], TemplateData] = {}
CACHE_SIZE = 256


def template_data(template: IndicatorTemplate, *, rules: bool = True) -> TemplateData:
    """The structure of a template in 5 queries (none for a published template seen before:
    a published template never changes; the publication time keys the cache, so a template
    id reused after a rollback is never mistaken for another)."""
    key = (template.pk, template.published_at)
    cacheable = rules and template.status != TemplateStatus.DRAFT and template.pk is not None
    if cacheable and key in _published_cache:
        return _published_cache[key]
    data = _read_template(template, rules=rules)
    if cacheable:
        if len(_published_cache) >= CACHE_SIZE:
            _published_cache.pop(next(iter(_published_cache)))
        _published_cache[key] = data
    return data


def _read_template(template: IndicatorTemplate, *, rules: bool) -> TemplateData:
    rows = list(
        Indicator.objects.filter(template=template)
        .order_by("position")
        .values_list(
            "pk",
            "parent_id",
            "code",
            "printed_code",
            "name",
            "unit",
            "value_type",
            "choices",
            "is_breakdown",
            "parts_sum_to_total",
            "aggregation",
            "tags",
            "position",
            "kind",
            "formula",
            "derivation",
            "derive_from",
        )
    )
    codes = {row[0]: row[2] for row in rows}
    indicators = tuple(
        IndicatorInfo(
            code=code,
            printed_code=printed_code,
            name=name,
            unit=unit,
            value_type=value_type,
            choices=tuple(
                (Decimal(str(choice["value"])), str(choice.get("label", "")))
                for choice in (choices or [])
            ),
            is_breakdown=is_breakdown,
            parts_sum_to_total=parts_sum_to_total,
            aggregation=aggregation,
            tags=tuple(tags or ()),
            parent=codes.get(parent_id),
            position=position,
            kind=kind,
            formula=formula,
            derivation=derivation,
            derive_from=derive_from,
        )
        for (
            _pk,
            parent_id,
            code,
            printed_code,
            name,
            unit,
            value_type,
            choices,
            is_breakdown,
            parts_sum_to_total,
            aggregation,
            tags,
            position,
            kind,
            formula,
            derivation,
            derive_from,
        ) in rows
    )
    tables = tuple(
        TableInfo(
            code=table.code,
            title=table.title,
            columns=tuple(
                ColumnInfo(c.code, c.label, c.group, tuple(c.tags or ()))
                for c in sorted(table.columns.all(), key=lambda c: c.position)
            ),
            rows=tuple(
                RowInfo(r.code, r.label, r.printed_code, r.is_total)
                for r in sorted(table.rows.all(), key=lambda r: r.position)
            ),
        )
        for table in FieldTable.objects.filter(template=template)
        .order_by("position")
        .prefetch_related("columns", "rows")
    )
    rule_infos = (
        tuple(
            rule_info(rule)
            for rule in ValidationRule.objects.filter(template=template).order_by(
                "position", "code"
            )
        )
        if rules
        else ()
    )
    return TemplateData(
        code=template.code,
        version=template.version,
        indicators=indicators,
        tables=tables,
        rules=rule_infos,
    )


def rule_info(rule: ValidationRule) -> RuleInfo:
    return RuleInfo(
        code=rule.code,
        left=rule.left,
        operator=rule.operator,
        right=rule.right,
        severity=rule.severity,
        message=rule.message,
        missing_values=rule.missing_values,
        is_active=rule.is_active,
    )
