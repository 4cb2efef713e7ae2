"""The report form as rows, built in a constant number of queries whatever the template size."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal

from core.numbers import format_number
from indicators.choices import Derivation, IndicatorKind
from indicators.models import Indicator, TableColumn, TableRow, ValueType
from indicators.table_parts import column_parts
from reports.computation import formula_values
from reports.models import IndicatorValue, Report, TableCellValue, ValueOrigin
from reports.typed_values import display_value, parse_amount, parse_typed

# A figure waiting for confirmation that says nothing of where it comes from (before origins).
MSG_FROM_PREVIOUS = "Lấy từ kỳ trước"


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
    # A figure the commune typed over a computed one: what the formula gives meanwhile.
    formula_value: Decimal | None = None
    # After a save, what of this row the answer brings back (its input, its messages).
    refresh_box: bool = False
    refresh_feedback: bool = False

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
    def origin(self) -> str:
        return self.stored.origin if self.stored else ""

    @property
    def computed(self) -> bool:
        """The row is its formula: read-only on the form, unless the commune gives a reason."""
        return self.indicator.is_computed

    @property
    def own_figure(self) -> bool:
        """A figure not computed standing in a computed row: typed over it with a reason,
        imported from a file, or stored before the row was computed."""
        return (
            self.computed
            and self.stored is not None
            and self.stored.origin != ValueOrigin.COMPUTED
            and bool(self.stored.printed or self.stored.text)
        )

    @property
    def override(self) -> bool:
        """Shown as the commune's own figure beside the computed one: it has a reason, or it
        differs from what the formula gives (one that agrees reads as computed)."""
        if not self.own_figure or self.stored is None:
            return False
        return self.stored.is_override or self.stored.value != self.formula_value

    @property
    def override_reason(self) -> str:
        return self.stored.override_reason if self.override and self.stored else ""

    @property
    def imported(self) -> bool:
        return self.origin == ValueOrigin.IMPORTED

    @property
    def formula_display(self) -> str:
        """What the formula gives, as the form prints figures ("(trống)" when blank)."""
        if self.formula_value is None:
            return "(trống)"
        return display_value(self.indicator, self.formula_value, "", "")

    @property
    def override_differs(self) -> bool:
        return self.override and self.stored is not None and self.stored.value != self.formula_value

    @property
    def derived(self) -> bool:
        return self.origin == ValueOrigin.DERIVED

    @property
    def from_elsewhere(self) -> bool:
        """Carried from a report before or derived from one: marked with where it comes from."""
        return self.origin in (ValueOrigin.CARRIED, ValueOrigin.DERIVED) or self.prefilled

    @property
    def source(self) -> str:
        """Where a carried or derived figure comes from ("Từ báo cáo quý III/2024")."""
        if self.stored is None:
            return ""
        if self.stored.source:
            return self.stored.source
        if self.derived and self.indicator.derivation:
            return Derivation(self.indicator.derivation).label
        return MSG_FROM_PREVIOUS if self.from_elsewhere else ""


@dataclass
class AnnexSection:
    heading: Indicator | None
    rows: list[AnnexRow] = field(default_factory=list)

    @property
    def input_count(self) -> int:
        return sum(1 for row in self.rows if row.indicator.is_input)

    @property
    def code(self) -> str:
        return self.heading.code if self.heading else ""

    @property
    def waiting(self) -> int:
        """Figures of this part waiting for confirmation ("Xác nhận cả mục")."""
        return sum(1 for row in self.rows if row.prefilled)


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


def with_formula_values(report: Report, rows: Collection[AnnexRow]) -> None:
    """Each figure typed over a computed one learns what the formula gives (two queries, and
    none when there is no such figure)."""
    overrides = {row.indicator.code: row for row in rows if row.own_figure}
    for code, value in formula_values(report, overrides).items():
        overrides[code].formula_value = value


def single_row(report: Report, indicator: Indicator, findings: dict | None = None) -> AnnexRow:
    """One row as the form shows it (after a save), hints, comments and findings included."""
    stored = report.values.filter(indicator=indicator).first()
    children = list(indicator.children.order_by("position"))
    row = decorate(annex_row(indicator, stored), children, indicator.parent)
    row.comments = list(
        report.comments.filter(indicator=indicator).select_related("author", "replied_by")
    )
    row.findings = (findings or {}).get(indicator.code, [])
    with_formula_values(report, [row])
    return row


def rows_by_code(report: Report, codes: Collection[str]) -> list[AnnexRow]:
    """The rows of these codes as the form shows them (their input and their messages; the
    findings come with the next refresh of the checks), in four queries whatever their number."""
    if not codes:
        return []
    indicators = list(
        report.template.indicators.filter(code__in=list(codes))
        .select_related("parent")
        .order_by("position")
    )
    values = {v.indicator_id: v for v in report.values.filter(indicator__in=indicators)}
    children: dict[int | None, list[Indicator]] = {}
    for child in Indicator.objects.filter(parent__in=indicators).order_by("position"):
        children.setdefault(child.parent_id, []).append(child)
    rows = [
        decorate(annex_row(i, values.get(i.pk)), children.get(i.pk, []), i.parent)
        for i in indicators
    ]
    with_formula_values(report, rows)
    return rows


def rows_after_save(
    report: Report, recomputed: Collection[str], saved: Indicator | None = None
) -> list[AnnexRow]:
    """What else a save changed on the form: the computed and derived figures it recomputed
    (their input and marks), and every figure of the commune's standing in a computed row
    (what the formula gives now). The saved row's own messages are the answer itself."""
    overridden = set(
        report.values.filter(indicator__kind=IndicatorKind.COMPUTED)
        .exclude(origin=ValueOrigin.COMPUTED)
        .values_list("indicator__code", flat=True)
    )
    rows = rows_by_code(report, set(recomputed) | overridden)
    for row in rows:
        # A figure of the commune's is shown as its own or as computed as it agrees or not.
        row.refresh_box = row.indicator.code in recomputed or row.own_figure
        row.refresh_feedback = saved is None or row.indicator.pk != saved.pk
    return [row for row in rows if row.refresh_box or row.refresh_feedback]


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
    with_formula_values(report, [row for section in sections for row in section.rows])
    return sections


@dataclass(frozen=True)
class FigureOrigins:
    """For the reviewer: the figures the commune did not type this period, by kind."""

    overrides: list[AnnexRow]  # typed over a computed one, with a reason
    carried: list[AnnexRow]  # carried or derived from another report, with their source


def figure_origins(sections: list[AnnexSection]) -> FigureOrigins:
    rows = [row for section in sections for row in section.rows]
    return FigureOrigins(
        overrides=[row for row in rows if row.override],
        carried=[row for row in rows if row.from_elsewhere],
    )


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

    @property
    def computed(self) -> bool:
        """A total the server adds up: a cell of the total row, or of a "Tổng số" column (not
        one the commune typed or imported, which stays its own until given back with a
        blank)."""
        return (self.row.is_total or bool(self.parts)) and (
            self.stored is None or self.stored.origin == ValueOrigin.COMPUTED
        )

    @property
    def prefilled(self) -> bool:
        return bool(self.stored and self.stored.prefilled)


def grid_cell(
    row: TableRow, column: TableColumn, stored: TableCellValue | None, parts=""
) -> GridCell:
    cell = GridCell(row=row, column=column, stored=stored, parts=parts)
    if stored is not None:
        cell.display = format_number(stored.value) if stored.value is not None else stored.printed
        if stored.value is None and stored.printed:
            # A refused input, kept as typed: show it again with its message.
            cell.error = parse_amount(stored.printed, whole=True).error
    return cell


def total_cells(report: Report, row: TableRow, column: TableColumn) -> list[GridCell]:
    """The totals a save of a cell may change: the "Tổng số" columns of its row and every
    cell of the table's total row."""
    columns = list(column.table.columns.all())
    parts = column_parts(columns)
    totals = [c for c in columns if c.code in parts]
    total_rows = list(TableRow.objects.filter(table_id=row.table_id, is_total=True))
    wanted = [(row, c) for c in totals if not row.is_total]
    wanted += [(total, c) for total in total_rows for c in columns]
    stored = {
        (cell.row_id, cell.column_id): cell
        for cell in TableCellValue.objects.filter(
            report=report, row__in=[row, *total_rows], column__in=columns
        )
    }
    return [
        grid_cell(r, c, stored.get((r.pk, c.pk)), ",".join(parts.get(c.code, [])))
        for r, c in wanted
    ]


@dataclass
class Grid:
    table: object
    columns: list[TableColumn]
    groups: list[tuple[str, int]]
    rows: list[tuple[TableRow, list[GridCell]]]
    # The "Tổng số" columns, each row's sum of the columns under its group (server-computed).
    total_columns: frozenset[str] = frozenset()

    @property
    def has_total(self) -> bool:
        return any(row.is_total for row, _cells in self.rows)

    @property
    def waiting(self) -> dict[str, int]:
        """Cells waiting for confirmation, counted by where they come from."""
        found: dict[str, int] = {}
        for _row, cells in self.rows:
            for cell in cells:
                if cell.prefilled:
                    source = cell.stored.source if cell.stored else ""
                    found[source or MSG_FROM_PREVIOUS] = (
                        found.get(source or MSG_FROM_PREVIOUS, 0) + 1
                    )
        return found


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
                parts_of = ",".join(parts.get(column.code, []))
                line.append(grid_cell(row, column, stored, parts_of))
            rows.append((row, line))
        grids.append(
            Grid(
                table=table,
                columns=columns,
                groups=groups,
                rows=rows,
                total_columns=frozenset(parts),
            )
        )
    return grids
