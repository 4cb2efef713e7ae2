"""A template as an XLSX in the annex layout: the blank form (the same sheet the report exports
draw, from ``reports.exports.annex_rows.rows_of`` and ``reports.exports.xlsx.write_annex_sheet``),
plus a hidden sheet with what the printed form cannot show (value types, "Trong đó" additivity,
aggregation, tags, kinds, derivations, formulas, outline, tables, rules), so that importing the
file back (``indicators.importers.xlsx``) recreates the template.
"""

from __future__ import annotations

import io
import json

from openpyxl import Workbook

from core.text import slug
from indicators.importers.xlsx import (
    BOOL_ROW_FIELDS,
    JSON_ROW_FIELDS,
    ROW_FIELDS,
    ROWS_MARKER,
    TEMPLATE_DATA_SHEET,
    TEMPLATE_PARTS,
)
from indicators.models import IndicatorTemplate
from indicators.template_io import template_to_dict
from reports.exports.annex_rows import DEFAULT_ANNEX_LABEL, Annex, rows_of, tables_of
from reports.exports.xlsx import ANNEX_SHEET, FIELD_SHEET, write_annex_sheet, write_field_sheet
from reports.exports.xlsx_layout import write_text as write_cell_text

TEMPLATE_LINE = "Mẫu {code} — phiên bản {version} — {status}"
BLANK_FORM_LINE = "Biểu mẫu trống: điền số liệu vào cột “Số liệu”."
DATA_NOTE = (
    "Dữ liệu của mẫu để nhập lại vào Cổng báo cáo CCHC (kiểu số liệu, cách tổng hợp, …): "
    "không sửa trang này."
)
GENERATOR = "Cổng báo cáo cải cách hành chính"
# Excel keeps at most 32.767 characters in a cell: longer JSON runs on in the next cells.
CELL_CHUNK = 30000


def _chunks(text: str) -> list[str]:
    return [text[i : i + CELL_CHUNK] for i in range(0, len(text), CELL_CHUNK)] or [""]


def _template_annex(template: IndicatorTemplate, indicators: list) -> Annex:
    return Annex(
        label=template.annex_label or DEFAULT_ANNEX_LABEL,
        title=(template.annex_title or template.title).upper(),
        reference="",
        unit_name="",
        period_line="",
        window_line="",
        rows=tuple(rows_of(indicators, lambda indicator: None)),
        tables=tuple(tables_of(template.pk, lambda row, column: None)),
        blank=True,
    )


def render_template_xlsx(template: IndicatorTemplate) -> bytes:
    indicators = list(template.indicators.order_by("position"))
    annex = _template_annex(template, indicators)
    identity = [
        TEMPLATE_LINE.format(
            code=template.code, version=template.version, status=template.get_status_display()
        ),
        BLANK_FORM_LINE,
    ]
    workbook = Workbook()
    workbook.properties.title = f"{annex.label} — {template.code} v{template.version}"
    workbook.properties.creator = GENERATOR
    workbook.properties.language = "vi-VN"
    sheet = workbook.active
    sheet.title = ANNEX_SHEET
    write_annex_sheet(sheet, annex, identity)
    for index, table in enumerate(annex.tables):
        title = FIELD_SHEET if index == 0 else f"{FIELD_SHEET} {index + 1}"
        write_field_sheet(workbook.create_sheet(title), annex, table, identity)
    _write_data_sheet(workbook.create_sheet(TEMPLATE_DATA_SHEET), template)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _setting(name: str, value):
    """A row's setting as the hidden sheet holds it (read back by the annex importer)."""
    if name in JSON_ROW_FIELDS:
        return json.dumps(value, ensure_ascii=False)
    if name in BOOL_ROW_FIELDS:
        return 1 if value else 0
    return value


def _write_data_sheet(sheet, template: IndicatorTemplate) -> None:
    sheet.sheet_state = "hidden"
    data = template_to_dict(template)
    lines: list[list] = [[DATA_NOTE], [ROWS_MARKER, *ROW_FIELDS[1:]]]
    for row in data["rows"]:
        lines.append([_setting(name, row[name]) for name in ROW_FIELDS])
    for part in TEMPLATE_PARTS:
        lines.append([part, *_chunks(json.dumps(data[part], ensure_ascii=False))])
    for row_number, values in enumerate(lines, start=1):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row_number, column=column)
            if isinstance(value, str):
                write_cell_text(cell, value)
            else:
                cell.value = value


def template_xlsx_filename(template: IndicatorTemplate) -> str:
    return f"mau-phu-luc-{slug(template.code) or 'mau'}-v{template.version}.xlsx"
