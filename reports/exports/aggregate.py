"""The reviewer's aggregated annex as a workbook: one column per unit beside the total, the
aggregated annex in the annex layout (the same writer as a commune's annex), and the tables by
field summed cell by cell."""

from __future__ import annotations

import io
from types import SimpleNamespace

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from core.text import clean_text
from indicators.models import Aggregation, FieldTable
from reports.aggregation import RECOMPUTED, Aggregate, distribution_text
from reports.exports.annex_rows import (
    DEFAULT_ANNEX_LABEL,
    PERIOD_LINE,
    WINDOW_LINE,
    Annex,
    rows_of,
    tables_of,
)
from reports.exports.dates import short_date
from reports.exports.xlsx import FIELD_SHEET, GENERATOR, write_annex_sheet, write_field_sheet
from reports.exports.xlsx_layout import FONT_NAME, number_format, write_text
from reports.models import ReportStatus

BY_UNIT_SHEET = "Theo đơn vị"
ANNEX_SHEET = "Phụ lục tổng hợp"
TITLE = "TỔNG HỢP SỐ LIỆU KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH"
REFERENCE = "(Tổng hợp từ báo cáo của {count} đơn vị: {statuses})"
TOTAL_HEADER = "Tổng hợp"
RECOMPUTED_NOTE = RECOMPUTED[0].upper() + RECOMPUTED[1:]  # "Tính lại từ số đếm"
METHOD_NOTES = {
    Aggregation.COUNT_YES: "Số đơn vị trả lời “Có”",
    Aggregation.DISTRIBUTION: "Số đơn vị theo từng lựa chọn",
}

_THIN = Side(style="thin", color="000000")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_REGULAR = Font(name=FONT_NAME, size=11)
_BOLD = Font(name=FONT_NAME, size=11, bold=True)
_WRAP = Alignment(wrap_text=True, vertical="center")
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)


def aggregate_annex(agg: Aggregate, statuses: tuple[str, ...]) -> Annex:
    """The aggregate as an annex, so that the annex writers print it as a commune's."""

    def stored_of(indicator):
        value = agg.values.get(indicator.code)
        text = ""
        if indicator.code in agg.distributions:
            text = distribution_text(indicator, agg.distributions[indicator.code])
        text = agg.texts.get(indicator.code) or text
        if indicator.code in agg.texts and indicator.aggregation != Aggregation.COUNT_YES:
            value = None  # the summary says it (a ratio over units, "chưa có"), not a number
        if value is None and not text:
            return None
        if indicator.code in agg.recomputed:
            # A ratio from the summed counts, with the formula that links them.
            note = f"{RECOMPUTED_NOTE}: {agg.recomputed[indicator.code]}"
        else:
            note = METHOD_NOTES.get(indicator.aggregation, "")
        return SimpleNamespace(value=value, text=text, printed="", note=note)

    table_codes = dict(FieldTable.objects.filter(template=agg.template).values_list("pk", "code"))

    def value_of(row, column):
        return agg.tables.get(table_codes[row.table_id], {}).get(row.code, {}).get(column.code)

    labels = ", ".join(ReportStatus(s).label.lower() for s in statuses)
    period = agg.period
    return Annex(
        label=agg.template.annex_label or DEFAULT_ANNEX_LABEL,
        title=TITLE,
        reference=REFERENCE.format(count=len(agg.reports), statuses=labels),
        unit_name=agg.unit_name,
        period_line=PERIOD_LINE.format(label=period.label),
        window_line=WINDOW_LINE.format(
            start=short_date(period.start_date), end=short_date(period.end_date)
        ),
        rows=tuple(rows_of(agg.indicators, stored_of)),
        tables=tuple(tables_of(agg.template.pk, value_of)),
        blank=False,
    )


def _by_unit_sheet(sheet, agg: Aggregate, annex: Annex, identity: list[str]) -> None:
    units = agg.units
    # Unit names and titles are typed by people too: written as text, never as formulas.
    for line, text in enumerate([annex.title, *identity], start=1):
        cell = sheet.cell(row=line, column=1)
        write_text(cell, text)
        cell.font = _BOLD if line == 1 else _REGULAR
    top = len(identity) + 3
    headers = ["STT", "Chỉ tiêu", "Đơn vị tính", *[u.name for u in units], TOTAL_HEADER]
    for column, text in enumerate(headers, start=1):
        cell = sheet.cell(row=top, column=column)
        write_text(cell, text)
        cell.font, cell.alignment, cell.border = _BOLD, _CENTRE, _GRID
    widths = [8, 48, 14, *([12] * len(units)), 16]
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    by_code = {row.code: row for row in annex.rows}
    formats = {row.code: number_format(row) for row in annex.rows}
    for index, indicator in enumerate(agg.indicators, start=top + 1):
        row = by_code[indicator.code]
        font = _BOLD if row.is_section else _REGULAR
        for column, text in enumerate([row.stt, row.name, row.unit], start=1):
            cell = sheet.cell(row=index, column=column)
            write_text(cell, text)
            cell.font, cell.alignment, cell.border = font, _WRAP, _GRID
        # One column per unit: 600 communes × 150 rows. Styling each of those cells costs
        # openpyxl seconds (it hashes every style object), so they carry a number format only.
        for offset, unit in enumerate(units, start=4):
            value = agg.per_unit.get(unit.pk, {}).get(indicator.code)
            if value is None or not indicator.is_input:
                continue
            cell = sheet.cell(row=index, column=offset, value=value)
            cell.number_format = formats[indicator.code]
        total = sheet.cell(row=index, column=len(units) + 4)
        total.border, total.font = _GRID, _BOLD
        if row.value is not None:
            total.value = (
                float(row.value) if row.value != row.value.to_integral_value() else int(row.value)
            )
            total.number_format = number_format(row)
        elif row.value_text:
            write_text(total, row.value_text)
    sheet.freeze_panes = sheet.cell(row=top + 1, column=4)
    sheet.print_title_rows = f"{top}:{top}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def render_aggregate_xlsx(agg: Aggregate, statuses: tuple[str, ...]) -> bytes:
    annex = aggregate_annex(agg, statuses)
    identity = [
        f"Đơn vị tổng hợp: {agg.unit_name} (mã {agg.unit_code})",
        annex.period_line,
        annex.window_line,
        annex.reference,
        f"Mẫu: {agg.template.annex_label} ({agg.template.code} v{agg.template.version})",
    ]
    workbook = Workbook()
    workbook.properties.creator = GENERATOR
    workbook.properties.title = clean_text(f"{TITLE} — {agg.unit_name} — {agg.period.label}")
    sheet = workbook.active
    sheet.title = BY_UNIT_SHEET
    _by_unit_sheet(sheet, agg, annex, identity)
    write_annex_sheet(workbook.create_sheet(ANNEX_SHEET), annex, identity)
    for index, table in enumerate(annex.tables):
        title = FIELD_SHEET if index == 0 else f"{FIELD_SHEET} {index + 1}"
        write_field_sheet(workbook.create_sheet(title), annex, table, identity)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
