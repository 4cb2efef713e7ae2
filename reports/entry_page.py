"""The report form as rows, built in a constant number of queries whatever the template size."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.numbers import format_number
from indicators.models import Indicator, TableColumn, TableRow, ValueType
from indicators.table_parts import column_parts
from reports.models import IndicatorValue, Report, TableCellValue
from reports.typed_values import display_value, parse_amount, parse_typed


@dataclass
class AnnexRow:
    indicator: Indicator
    stored: IndicatorValue | None
    display: str = ""
    error: str = ""
    suggestion: str = ""
    first_breakdown: bool = False
    ratio_of: tuple[str, str] | None = None  # (numerator code, denominator code)
    parts: str = ""  # codes of the "Trong đó" rows that add up to this one, comma-separated
    share_of: str = ""  # the code of the total this "Trong đó" row is a part of
    comments: list = field(default_factory=list)  # the reviewers' comments on this row
    findings: list = field(default_factory=list)  # what the checks say about this row

    @property
    def base(self) -> str:
        return self.stored.printed if self.stored else ""

    @property
    def prefilled(self) -> bool:
        return bool(self.stored and self.stored.prefilled)

    @property
    def note(self) -> str:
        return self.stored.note if self.stored else ""

    @property
    def source(self) -> str:
        """Where a carried or derived figure comes from ("Từ báo cáo quý III/2024")."""
        if self.stored is None:
            return ""
        return self.stored.source or ("Kỳ trước" if self.stored.prefilled else "")


@dataclass
class AnnexSection:
    heading: Indicator | None
    rows: list[AnnexRow] = field(default_factory=list)

    @property
    def input_count(self) -> int:
        return sum(1 for row in self.rows if row.indicator.is_input)


def annex_row(indicator: Indicator, stored: IndicatorValue | None) -> AnnexRow:
    row = AnnexRow(indicator=indicator, stored=stored)
    if stored is not None:
        if stored.value is None and stored.printed and not stored.text:
            # A refused input, kept as typed: show it again with its message.
            typed = parse_typed(indicator, stored.printed)
            row.display, row.error, row.suggestion = stored.printed, typed.error, typed.suggestion
        else:
            row.display = display_value(indicator, stored.value, stored.text, stored.printed)
            coded = indicator.is_coded and stored.value is not None
            if coded and stored.value not in indicator.allowed_values:
                row.error = parse_typed(indicator, format_number(stored.value)).error
    return row


def decorate(row: AnnexRow, children: list[Indicator], parent: Indicator | None) -> AnnexRow:
    """The live hints of a row: its ratio from the counts beneath it, the total of its "Trong
    đó" parts, or its share of the total it is a part of."""
    indicator = row.indicator
    parts = [c for c in children if c.is_breakdown]
    counts = [c for c in parts if c.value_type in (ValueType.INTEGER, ValueType.DECIMAL)]
    if indicator.value_type == ValueType.PERCENT and len(counts) >= 2:
        row.ratio_of = (counts[1].code, counts[0].code)
    if indicator.parts_sum_to_total and parts:
        row.parts = ",".join(part.code for part in parts)
    if indicator.is_breakdown and parent is not None and parent.parts_sum_to_total:
        row.share_of = parent.code
    return row


def annex_row_findings(indicator: Indicator, findings: dict[str, list]) -> AnnexRow:
    """A row carrying its findings only (to refresh them out of band)."""
    return AnnexRow(indicator=indicator, stored=None, findings=findings.get(indicator.code, []))


def single_row(report: Report, indicator: Indicator, findings: dict | None = None) -> AnnexRow:
    """One row as the form shows it (after a save), hints, comments and findings included."""
    stored = report.values.filter(indicator=indicator).first()
    children = list(indicator.children.order_by("position"))
    row = decorate(annex_row(indicator, stored), children, indicator.parent)
    row.comments = list(
        report.comments.filter(indicator=indicator).select_related("author", "replied_by")
    )
    row.findings = (findings or {}).get(indicator.code, [])
    return row


def annex_sections(
    report: Report,
    comments: dict[int, list] | None = None,
    findings: dict[str, list] | None = None,
) -> list[AnnexSection]:
    comments = comments or {}
    findings = findings or {}
    indicators = list(report.template.indicators.order_by("position"))
    values = {v.indicator_id: v for v in report.values.all()}
    by_pk = {indicator.pk: indicator for indicator in indicators}
    children: dict[int, list[Indicator]] = {}
    for indicator in indicators:
        if indicator.parent_id:
            children.setdefault(indicator.parent_id, []).append(indicator)
    sections: list[AnnexSection] = []
    previous: Indicator | None = None
    for indicator in indicators:
        if indicator.depth == 0 or not sections:
            sections.append(AnnexSection(heading=indicator))
            if indicator.depth == 0 and indicator.value_type == ValueType.HEADING:
                previous = indicator
                continue
        row = annex_row(indicator, values.get(indicator.pk))
        row.first_breakdown = indicator.is_breakdown and not (previous and previous.is_breakdown)
        parent = by_pk.get(indicator.parent_id) if indicator.parent_id is not None else None
        decorate(row, children.get(indicator.pk, []), parent)
        row.comments = comments.get(indicator.pk, [])
        row.findings = findings.get(indicator.code, [])
        sections[-1].rows.append(row)
        previous = indicator
    return sections


@dataclass
class GridCell:
    row: TableRow
    column: TableColumn
    stored: TableCellValue | None
    display: str = ""
    error: str = ""
    parts: str = ""  # codes of the columns this total column adds up, comma-separated

    @property
    def base(self) -> str:
        return self.stored.printed if self.stored else ""


@dataclass
class Grid:
    table: object
    columns: list[TableColumn]
    groups: list[tuple[str, int]]
    rows: list[tuple[TableRow, list[GridCell]]]


def table_grids(report: Report) -> list[Grid]:
    cells = {(c.row_id, c.column_id): c for c in report.cells.all()}
    grids = []
    for table in report.template.tables.prefetch_related("rows", "columns"):
        columns = list(table.columns.all())
        parts = column_parts(columns)
        groups: list[tuple[str, int]] = []
        for column in columns:
            top = column.group.split(" / ")[0]
            if groups and groups[-1][0] == top:
                groups[-1] = (top, groups[-1][1] + 1)
            else:
                groups.append((top, 1))
        rows = []
        for row in table.rows.all():
            line = []
            for column in columns:
                stored = cells.get((row.pk, column.pk))
                cell = GridCell(
                    row=row,
                    column=column,
                    stored=stored,
                    parts=",".join(parts.get(column.code, [])),
                )
                if stored is not None:
                    cell.display = (
                        format_number(stored.value) if stored.value is not None else stored.printed
                    )
                    if stored.value is None and stored.printed:
                        # A refused input, kept as typed: show it again with its message.
                        cell.error = parse_amount(stored.printed, whole=True).error
                line.append(cell)
            rows.append((row, line))
        grids.append(Grid(table=table, columns=columns, groups=groups, rows=rows))
    return grids
