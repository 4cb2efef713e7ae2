"""A report in full, for the API: values with their origin, tables, sections, document header,
status, version, transitions and comments, in a constant number of queries (10) whatever the
size of the template; and a report's line in a list. Built as plain JSON-ready data (the
serializers in ``api.serializers.reports`` describe the same shapes for the schema; a test checks
that they agree): a DRF serializer costs about 1 ms per report in a list."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from api.dhis2 import dhis2_period
from api.serializers.reports import HEADER_FIELDS
from core.numbers import plain
from indicators.models import FieldTable, TableColumn, TableRow
from reports.models import (
    IndicatorValue,
    NarrativeSection,
    Report,
    ReportTransition,
    ReviewComment,
    TableCellValue,
)
from reports.typed_values import parse_typed

CARRIED, TYPED = "carried", "typed"


def _who(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def _origin(prefilled: bool) -> str:
    return CARRIED if prefilled else TYPED


def moment(value) -> str | None:
    """A date-time as the API writes it: ISO 8601 in the portal's time zone (+07:00)."""
    return timezone.localtime(value).isoformat() if value is not None else None


def day(value) -> str | None:
    return value.isoformat() if value is not None else None


def report_detail(report: Report, *, editable: bool) -> dict:
    values = []
    for stored in (
        IndicatorValue.objects.filter(report=report)
        .select_related("indicator")
        .order_by("indicator__position")
    ):
        error = ""
        if stored.value is None and stored.printed and not stored.text:
            error = parse_typed(stored.indicator, stored.printed).error
        values.append(
            {
                "code": stored.indicator.code,
                "value": plain(stored.value) if stored.value is not None else None,
                "text": stored.text,
                "printed": stored.printed,
                "note": stored.note,
                "origin": stored.origin,
                "source": stored.source,
                "to_confirm": stored.prefilled,
                "override_reason": stored.override_reason,
                "error": error,
                "updated_at": moment(stored.updated_at),
            }
        )
    cells: dict[int, list[dict[str, Any]]] = {}
    for cell in TableCellValue.objects.filter(report=report).select_related("row", "column"):
        cells.setdefault(cell.row.table_id, []).append(
            {
                "row": cell.row.code,
                "column": cell.column.code,
                "value": plain(cell.value) if cell.value is not None else None,
                "printed": cell.printed,
                "origin": cell.origin,
                "source": cell.source,
                "to_confirm": cell.prefilled,
                "_order": (cell.row.position, cell.column.position),
            }
        )
    # Tables, rows and columns in three queries, whether the template has tables or not.
    rows: dict[int, list[dict]] = {}
    for row in TableRow.objects.filter(table__template_id=report.template_id):
        rows.setdefault(row.table_id, []).append(
            {
                "code": row.code,
                "label": row.label,
                "printed_code": row.printed_code,
                "position": row.position,
                "is_total": row.is_total,
            }
        )
    columns: dict[int, list[dict]] = {}
    for column in TableColumn.objects.filter(table__template_id=report.template_id):
        columns.setdefault(column.table_id, []).append(
            {
                "code": column.code,
                "label": column.label,
                "group": column.group,
                "position": column.position,
                "tags": list(column.tags or []),
            }
        )
    tables = [
        {
            "code": table.code,
            "title": table.title,
            "columns": columns.get(table.pk, []),
            "rows": rows.get(table.pk, []),
            "cells": _in_order(cells.get(table.pk, [])),
        }
        for table in FieldTable.objects.filter(template_id=report.template_id)
    ]
    sections = [
        {
            "id": section.pk,
            "position": section.position,
            "level": section.level,
            "heading": section.heading,
            "text": section.text,
            "origin": _origin(section.prefilled),
        }
        for section in NarrativeSection.objects.filter(report=report).order_by("position")
    ]
    transitions = [
        {
            "from_status": t.from_status,
            "to_status": t.to_status,
            "by": _who(t.by),
            "at": moment(t.at),
            "comment": t.comment,
        }
        for t in ReportTransition.objects.filter(report=report).select_related("by")
    ]
    comments = [
        {
            "id": c.pk,
            "indicator": c.indicator.code if c.indicator is not None else None,
            "section": c.section_id,
            "author": _who(c.author),
            "text": c.text,
            "created_at": moment(c.created_at),
            "reply": c.reply,
            "replied_at": moment(c.replied_at),
        }
        for c in ReviewComment.objects.filter(report=report).select_related("indicator", "author")
    ]
    template = report.template
    return {
        "id": report.pk,
        "key": report.key,
        "unit": {"id": report.unit_id, "code": report.unit.code, "name": report.unit.name},
        "period": {
            "key": report.period.key,
            "dhis2_period": dhis2_period(report.period.period_key),
            "start": day(report.period.start_date),
            "end": day(report.period.end_date),
            "due": day(report.period.due_date),
        },
        "template": {"id": template.pk, "code": template.code, "version": template.version},
        "status": report.status,
        "version": report.version,
        "editable": editable,
        "created_at": moment(report.created_at),
        "updated_at": moment(report.updated_at),
        "submitted_at": moment(report.submitted_at),
        "approved_at": moment(report.approved_at),
        "header": {
            **{name: getattr(report, name) for name in HEADER_FIELDS},
            "document_date": day(report.document_date),
        },
        "values": values,
        "tables": tables,
        "sections": sections,
        "transitions": transitions,
        "comments": comments,
    }


def report_row(report: Report) -> dict:
    """A report's line in a list (its unit, period and template selected with it)."""
    period, template = report.period, report.template
    return {
        "id": report.pk,
        "key": f"{report.unit.code}/{period.key}",
        "unit": {"id": report.unit_id, "code": report.unit.code, "name": report.unit.name},
        "period": {
            "key": period.key,
            "dhis2_period": dhis2_period(period.period_key),
            "start": day(period.start_date),
            "end": day(period.end_date),
            "due": day(period.due_date),
        },
        "template": {"id": template.pk, "code": template.code, "version": template.version},
        "status": report.status,
        "version": report.version,
        "error_count": report.error_count,
        "warning_count": report.warning_count,
        "checked_at": moment(report.checked_at),
        "created_at": moment(report.created_at),
        "updated_at": moment(report.updated_at),
        "submitted_at": moment(report.submitted_at),
        "approved_at": moment(report.approved_at),
    }


# What a list reads of each report and its unit, period and template.
ROW_FIELDS = [
    "id", "unit_id", "period_id", "template_id", "status", "version", "error_count",
    "warning_count", "checked_at", "created_at", "updated_at", "submitted_at", "approved_at",
    "unit__code", "unit__name", "period__kind", "period__year", "period__number",
    "period__start_date", "period__end_date", "period__due_date", "template__code",
    "template__version",
]  # fmt: skip


def _in_order(cells: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The cells row by row, column by column (the sort key is not sent)."""
    return sorted(cells, key=lambda cell: cell.pop("_order"))
