"""A report in full, for the API: values with their origin, tables, sections, document header,
status, version, transitions and comments, in a constant number of queries (10) whatever the
size of the template."""

from __future__ import annotations

from api.serializers import HEADER_FIELDS, period_ref
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
                "origin": _origin(stored.prefilled),
                "error": error,
                "updated_at": stored.updated_at,
            }
        )
    cells: dict[int, list[dict]] = {}
    for cell in TableCellValue.objects.filter(report=report).select_related("row", "column"):
        cells.setdefault(cell.row.table_id, []).append(
            {
                "row": cell.row.code,
                "column": cell.column.code,
                "value": plain(cell.value) if cell.value is not None else None,
                "printed": cell.printed,
                "origin": _origin(cell.prefilled),
                "_order": (cell.row.position, cell.column.position),
            }
        )
    # Tables, rows and columns in three queries, whether the template has tables or not.
    rows: dict[int, list[TableRow]] = {}
    for row in TableRow.objects.filter(table__template_id=report.template_id):
        rows.setdefault(row.table_id, []).append(row)
    columns: dict[int, list[TableColumn]] = {}
    for column in TableColumn.objects.filter(table__template_id=report.template_id):
        columns.setdefault(column.table_id, []).append(column)
    tables = [
        {
            "code": table.code,
            "title": table.title,
            "columns": columns.get(table.pk, []),
            "rows": rows.get(table.pk, []),
            "cells": sorted(cells.get(table.pk, []), key=lambda c: c.pop("_order")),
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
            "at": t.at,
            "comment": t.comment,
        }
        for t in ReportTransition.objects.filter(report=report).select_related("by")
    ]
    comments = [
        {
            "id": c.pk,
            "indicator": c.indicator.code if c.indicator_id else None,
            "section": c.section_id,
            "author": _who(c.author),
            "text": c.text,
            "created_at": c.created_at,
            "reply": c.reply,
            "replied_at": c.replied_at,
        }
        for c in ReviewComment.objects.filter(report=report).select_related("indicator", "author")
    ]
    template = report.template
    return {
        "id": report.pk,
        "key": report.key,
        "unit": {"id": report.unit_id, "code": report.unit.code, "name": report.unit.name},
        "period": period_ref(report.period),
        "template": {"id": template.pk, "code": template.code, "version": template.version},
        "status": report.status,
        "version": report.version,
        "editable": editable,
        "created_at": report.created_at,
        "updated_at": report.updated_at,
        "submitted_at": report.submitted_at,
        "approved_at": report.approved_at,
        "header": {name: getattr(report, name) for name in HEADER_FIELDS},
        "values": values,
        "tables": tables,
        "sections": sections,
        "transitions": transitions,
        "comments": comments,
    }
