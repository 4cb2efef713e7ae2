"""The rows of the annex (Phụ lục), built once and formatted per output.

Both exporters (DOCX and XLSX) draw the annex from :func:`build_annex` only, so the table a
commune signs and the spreadsheet its reviewer computes with cannot drift apart.

How a value is printed (decided from the five seeds):

- numbers in the Vietnamese way, from the stored exact decimal: 1590 → "1.590", 81.95 → "81,95".
  The "01"/"09" that clerks type on counts is not kept: it is a typing habit on a few counts only,
  inconsistent inside one table ("01" beside "3" and "8" in seed 000), the leading-zero rule of
  Nghị định 30/2020 covers dates and document numbers, not figures, and the XLSX annex holds
  numbers, where "01" cannot exist; one spelling keeps the two exports equal;
- coded answers as the bare code, "1" / "0" / "2": every seed prints the code that the unit column
  defines ("Không = 0 Có = 1" → "0"), never "01" nor the word, and an out-of-list code (seed 003,
  7.2 = "3") is printed as reported, for the checks to flag;
- what the clerk wrote after a number is kept when it carries figures — "93,88 (322-343 HS)"
  prints "93,88" with "(322-343 HS)" in the note column — and dropped when it only repeats the
  unit ("128 TTHC").
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from core.numbers import extract_number, format_number, plain
from indicators.models import FieldTable, Indicator, ValueType
from reports.exports.dates import short_date
from reports.models import IndicatorValue, Report, TableCellValue

# The annex table's printed header (Phụ lục của báo cáo CCHC, as every seed prints it).
HEADER_STT = "STT"
HEADER_NAME = "Chỉ tiêu thống kê"
HEADER_RESULT = "Kết quả thống kê"
HEADER_UNIT = "Đơn vị tính"
HEADER_VALUE = "Số liệu"
HEADER_NOTE = "Ghi chú"
BREAKDOWN_LABEL = "Trong đó"
DEFAULT_ANNEX_LABEL = "Phụ lục"

# The table by field: its two fixed leading columns and its computed row.
FIELD_HEADER_STT = "STT"
FIELD_HEADER_LABEL = "Lĩnh vực, công việc giải quyết theo cấp"
GROUP_SEPARATOR = " / "

PERIOD_LINE = "Kỳ báo cáo: {label}"
WINDOW_LINE = "Số liệu từ ngày {start} đến hết ngày {end}"


class ValueKind(StrEnum):
    """What the value cell holds, so each format can choose its number format."""

    HEADING = "heading"  # no value cell to fill
    INTEGER = "integer"
    DECIMAL = "decimal"
    PERCENT = "percent"
    CODE = "code"  # a coded answer ("Có = 1 Không = 0"): the code
    TEXT = "text"


_KIND_OF_TYPE: dict[str, ValueKind] = {
    ValueType.HEADING: ValueKind.HEADING,
    ValueType.INTEGER: ValueKind.INTEGER,
    ValueType.DECIMAL: ValueKind.DECIMAL,
    ValueType.PERCENT: ValueKind.PERCENT,
    ValueType.CHOICE: ValueKind.CODE,
    ValueType.YESNO: ValueKind.CODE,
    ValueType.TEXT: ValueKind.TEXT,
}


@dataclass(frozen=True)
class AnnexRow:
    code: str  # canonical code, unique in the template ("3.3.1.a")
    stt: str  # the STT cell as printed: "3.3.1", "2.3.", "Trong đó" or ""
    name: str
    unit: str
    kind: ValueKind
    value: Decimal | None  # the number (or code) to write as a number; None when blank or text
    value_text: str  # the value cell as the document prints it: "1.590", "81,95", "1"
    note: str
    decimals: int  # digits after the decimal comma in value_text (for number formats)
    depth: int
    is_section: bool  # a top-level section ("1. Công tác chỉ đạo điều hành CCHC"): bold
    is_breakdown: bool  # a "Trong đó" row: indented
    is_first_breakdown: bool  # the first of its run: its STT cell reads "Trong đó"

    @property
    def is_numeric(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class HeaderCell:
    """One cell of a grouped header, in grid coordinates (row 0 is the top header row)."""

    row: int
    column: int
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class FieldTableRow:
    code: str
    stt: str
    label: str
    is_total: bool  # the reported total row, kept as reported (it may be wrong)
    values: tuple[Decimal | None, ...]
    texts: tuple[str, ...]


@dataclass(frozen=True)
class FieldTableData:
    code: str
    title: str
    subtitle: str
    column_codes: tuple[str, ...]
    header: tuple[HeaderCell, ...]  # over all columns, the two leading ones included
    header_rows: int
    rows: tuple[FieldTableRow, ...]

    @property
    def width(self) -> int:
        """Columns of the printed grid: STT, field name, then the value columns."""
        return 2 + len(self.column_codes)


@dataclass(frozen=True)
class Annex:
    label: str  # "Phụ lục 01b"
    title: str  # in capitals
    reference: str  # "(Kèm theo Báo cáo số …/BC-UBND ngày … của UBND xã …)"
    unit_name: str
    period_line: str
    window_line: str
    rows: tuple[AnnexRow, ...]
    tables: tuple[FieldTableData, ...]
    blank: bool


def build_annex(report: Report, *, blank: bool = False) -> Annex:
    """The annex of a report (``blank``: the empty form of its template), in a fixed number of
    queries whatever the size of the template."""
    template = report.template
    period = report.period
    return Annex(
        label=template.annex_label or DEFAULT_ANNEX_LABEL,
        title=(("" if blank else report.annex_title) or template.annex_title).upper(),
        reference=annex_reference(report, blank=blank),
        unit_name=report.unit.name,
        period_line=PERIOD_LINE.format(label=period.label),
        window_line=WINDOW_LINE.format(
            start=short_date(period.start_date), end=short_date(period.end_date)
        ),
        rows=tuple(annex_rows(report, blank=blank)),
        tables=tuple(field_tables(report, blank=blank)),
        blank=blank,
    )


def annex_rows(report: Report, *, blank: bool = False) -> list[AnnexRow]:
    """The indicator rows in template order: two queries (indicators, values)."""
    indicators = list(Indicator.objects.filter(template_id=report.template_id).order_by("position"))
    values: dict[int, IndicatorValue] = {}
    if not blank:
        values = {
            value.indicator_id: value
            for value in IndicatorValue.objects.filter(report_id=report.pk).only(
                "indicator_id", "value", "text", "printed", "note"
            )
        }
    return rows_of(indicators, lambda indicator: values.get(indicator.pk))


def rows_of(indicators: list[Indicator], stored_of) -> list[AnnexRow]:
    """The rows of ``indicators`` (in template order) with what ``stored_of(indicator)`` gives
    each: anything with ``value``, ``text``, ``printed`` and ``note`` (a stored value, or the
    aggregate of many), or None."""
    rows = []
    previous_breakdown_parent: int | None = None
    for indicator in indicators:
        first_breakdown = (
            indicator.is_breakdown and indicator.parent_id != previous_breakdown_parent
        )
        previous_breakdown_parent = indicator.parent_id if indicator.is_breakdown else None
        rows.append(_row(indicator, stored_of(indicator), first_breakdown))
    return rows


def _row(indicator: Indicator, stored, first_breakdown: bool) -> AnnexRow:
    kind = _KIND_OF_TYPE.get(indicator.value_type, ValueKind.TEXT)
    number: Decimal | None = None
    text = ""
    note = stored.note.strip() if stored else ""
    if stored is not None and kind != ValueKind.HEADING:
        if stored.value is not None and kind != ValueKind.TEXT:
            number = stored.value
            text = plain(number) if kind == ValueKind.CODE else format_number(number)
            kept = _figures_after_number(stored.printed)
            if kept:
                note = f"{kept} {note}".strip()
        elif stored.text or stored.printed:
            kind = ValueKind.TEXT
            text = stored.text or stored.printed
    if indicator.is_breakdown:
        stt = BREAKDOWN_LABEL if first_breakdown else ""
    else:
        stt = indicator.display_code
    return AnnexRow(
        code=indicator.code,
        stt=stt,
        name=indicator.name,
        unit=indicator.unit,
        kind=kind,
        value=number,
        value_text=text,
        note=note,
        decimals=_decimals(number) if kind != ValueKind.CODE else 0,
        depth=indicator.depth,
        is_section=indicator.depth == 0 and not indicator.is_breakdown,
        is_breakdown=indicator.is_breakdown,
        is_first_breakdown=indicator.is_breakdown and first_breakdown,
    )


def _figures_after_number(printed: str) -> str:
    """What follows the number in a printed cell, when it carries figures of its own."""
    extracted = extract_number(printed) if printed else None
    if extracted is None:
        return ""
    rest = extracted[1].strip()
    return rest if any(char.isdigit() for char in rest) else ""


def _decimals(number: Decimal | None) -> int:
    if number is None:
        return 0
    _, _, fraction = plain(number).partition(".")
    return len(fraction)


def field_tables(report: Report, *, blank: bool = False) -> list[FieldTableData]:
    """The template's tables by field with the report's cells: four queries at most (the
    cells are read only when the template has a table)."""
    cells: dict[tuple[int, int], TableCellValue] | None = None

    def value_of(row, column) -> Decimal | None:
        nonlocal cells
        if blank:
            return None
        if cells is None:
            cells = {
                (cell.row_id, cell.column_id): cell
                for cell in TableCellValue.objects.filter(report_id=report.pk).only(
                    "row_id", "column_id", "value", "printed"
                )
            }
        cell = cells.get((row.pk, column.pk))
        return cell.value if cell is not None else None

    return tables_of(report.template_id, value_of)


def tables_of(template_id: int, value_of) -> list[FieldTableData]:
    """The template's tables by field, each cell from ``value_of(row, column)``."""
    tables = list(
        FieldTable.objects.filter(template_id=template_id)
        .order_by("position")
        .prefetch_related("columns", "rows")
    )
    built = []
    for table in tables:
        columns = sorted(table.columns.all(), key=lambda column: column.position)
        paths = [_column_path(column.group, column.label) for column in columns]
        header, header_rows = grouped_header(paths, leading=(FIELD_HEADER_STT, FIELD_HEADER_LABEL))
        rows = []
        for row in sorted(table.rows.all(), key=lambda row: row.position):
            values = tuple(value_of(row, column) for column in columns)
            rows.append(
                FieldTableRow(
                    code=row.code,
                    stt=row.printed_code,
                    label=row.label,
                    is_total=row.is_total,
                    values=values,
                    texts=tuple(format_number(value) for value in values),
                )
            )
        built.append(
            FieldTableData(
                code=table.code,
                title=table.title,
                subtitle=table.subtitle,
                column_codes=tuple(column.code for column in columns),
                header=tuple(header),
                header_rows=header_rows,
                rows=tuple(rows),
            )
        )
    return built


def _column_path(group: str, label: str) -> tuple[str, ...]:
    parts = [part.strip() for part in group.split(GROUP_SEPARATOR) if part.strip()]
    return (*parts, label)


def grouped_header(
    paths: list[tuple[str, ...]], *, leading: tuple[str, ...] = ()
) -> tuple[list[HeaderCell], int]:
    """The printed header of grouped columns: adjacent columns under the same group share one
    merged cell, and a column's own label reaches down to the last header row.

    ``leading`` columns (STT, name) span every header row. Returns the cells and the row count.
    """
    depth = max((len(path) for path in paths), default=1)
    cells = [
        HeaderCell(row=0, column=index, text=text, rowspan=depth)
        for index, text in enumerate(leading)
    ]
    offset = len(leading)
    for level in range(depth):
        index = 0
        while index < len(paths):
            path = paths[index]
            if len(path) <= level:
                index += 1
                continue
            if level == len(path) - 1:
                cells.append(
                    HeaderCell(
                        row=level, column=offset + index, text=path[level], rowspan=depth - level
                    )
                )
                index += 1
                continue
            end = index + 1
            while (
                end < len(paths)
                and len(paths[end]) > level + 1
                and paths[end][: level + 1] == path[: level + 1]
            ):
                end += 1
            cells.append(
                HeaderCell(row=level, column=offset + index, text=path[level], colspan=end - index)
            )
            index = end
    return cells, depth


def annex_reference(report: Report, *, blank: bool = False) -> str:
    """The "(Kèm theo Báo cáo số …)" line: as the report printed it, else composed from its
    number and date, with gaps left to fill by hand where they are unknown."""
    if report.annex_reference and not blank:
        return report.annex_reference
    number = "" if blank else document_number(report.number)
    date = None if blank else report.document_date
    on = short_date(date) if date else f"     /     /{report.period.year}"
    number_part = f"{number}/{report.symbol}" if number else f"     /{report.symbol}"
    issuer = f"UBND {report.unit.name[:1].lower()}{report.unit.name[1:]}"
    return f"(Kèm theo Báo cáo số {number_part} ngày {on} của {issuer})"


def document_number(number: str) -> str:
    """Nghị định 30/2020: a document number below 10 gets a leading zero ("05")."""
    number = number.strip()
    if number.isdigit() and int(number) < 10:
        return f"{int(number):02d}"
    return number
