"""A report as JSON, for other tools (``python manage.py report_json 15889/2024Q3``)."""

from __future__ import annotations

from core.numbers import plain
from indicators.models import IndicatorKind, IndicatorTemplate
from indicators.table_parts import column_parts
from reports.models import Report


def form_cells(template: IndicatorTemplate) -> int:
    """The inputs an official can fill: every row with a value of its own (group rows are not
    cells) and every cell of the tables by field."""
    rows = template.indicators.inputs().count()
    cells = sum(table.rows.count() * table.columns.count() for table in template.tables.all())
    return rows + cells


def computed_cells(template: IndicatorTemplate) -> int:
    """The cells of the form nobody types: computed rows, and in the tables by field the total
    row and the "Tổng số" columns."""
    rows = (
        template.indicators.inputs().filter(kind=IndicatorKind.COMPUTED).exclude(formula="").count()
    )
    totals = 0
    for table in template.tables.prefetch_related("rows", "columns"):
        columns, table_rows = list(table.columns.all()), list(table.rows.all())
        body = sum(1 for row in table_rows if not row.is_total)
        total_rows = len(table_rows) - body
        totals += total_rows * len(columns) + body * len(column_parts(columns))
    return rows + totals


def report_as_dict(report: Report) -> dict:
    values = {}
    origins = {}
    for value in report.values.select_related("indicator").order_by("indicator__position"):
        if value.value is not None:
            values[value.indicator.code] = plain(value.value)
        elif value.text:
            values[value.indicator.code] = value.text
        else:
            continue
        origins[value.indicator.code] = value.origin
    tables: dict[str, dict] = {}
    cells = {
        (cell.row_id, cell.column_id): cell.value
        for cell in report.cells.all()
        if cell.value is not None
    }
    for table in report.template.tables.prefetch_related("rows", "columns"):
        columns = list(table.columns.all())
        tables[table.code] = {
            "title": table.title,
            "columns": [{"code": c.code, "label": c.label, "group": c.group} for c in columns],
            "rows": [
                {
                    "code": row.code,
                    "label": row.label,
                    "printed_code": row.printed_code,
                    "is_total": row.is_total,
                    "values": {
                        column.code: plain(cells[(row.pk, column.pk)])
                        for column in columns
                        if (row.pk, column.pk) in cells
                    },
                }
                for row in table.rows.all()
            ],
        }
    return {
        "unit": {"code": report.unit.code, "name": report.unit.name},
        "period": {
            "key": report.period.key,
            "start": report.period.start_date.isoformat(),
            "end": report.period.end_date.isoformat(),
        },
        "template": {"code": report.template.code, "version": report.template.version},
        "status": report.status,
        "document": {
            "number": report.number,
            "symbol": report.symbol,
            "place": report.place,
            "date": report.document_date.isoformat() if report.document_date else None,
            "summary": report.summary,
            "signer": " ".join(
                part
                for part in (report.signer_mode, report.signer_authority, report.signer_title)
                if part
            ),
            "signer_name": report.signer_name,
        },
        "values": values,
        "origins": origins,
        "cells": form_cells(report.template),
        "tables": tables,
        "narrative": [
            {"heading": section.heading, "text": section.text}
            for section in report.sections.order_by("position")
        ],
    }
