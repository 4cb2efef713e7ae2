"""Computed and derived figures of a report, kept on the server with their origin.

``recompute`` runs inside the transaction of every change of a report's figures (a save, an
import, an API write, a report's start): the computed rows (``indicators.validation.computed``),
the cumulative rows (last period's cumulative + this period's figure) and the total row of each
table by field are stored again, so the form, the exports, the checks, the aggregate and the API
all read the same figures. A computed figure the commune typed over (with a reason) is kept.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from decimal import Decimal

from core.numbers import format_number
from indicators.choices import Derivation, IndicatorKind
from indicators.structure import template_data
from indicators.table_parts import column_parts
from indicators.validation.computed import computed_values, tidy
from indicators.validation.snapshot import ReportData, TemplateData
from reports.models import IndicatorValue, Report, TableCellValue, User, ValueOrigin


def _stored_values(report: Report) -> dict[str, IndicatorValue]:
    return {
        value.indicator.code: value
        for value in IndicatorValue.objects.filter(report=report).select_related("indicator")
    }


def _stored_cells(report: Report) -> dict[tuple[str, str, str], TableCellValue]:
    return {
        (cell.row.table.code, cell.row.code, cell.column.code): cell
        for cell in TableCellValue.objects.filter(report=report).select_related(
            "row__table", "column"
        )
    }


def cumulative_base(report: Report, template: TemplateData) -> dict[str, Decimal]:
    """Last period's cumulative figures within the same year, for the cumulative rows."""
    codes = [row.code for row in template.indicators if row.derivation == Derivation.CUMULATIVE]
    if not codes:
        return {}
    from reports.prefill import previous_in_year

    previous = previous_in_year(report)
    if previous is None:
        return {}
    return {
        code: value
        for code, value in IndicatorValue.objects.filter(
            report=previous, indicator__code__in=codes, value__isnull=False
        ).values_list("indicator__code", "value")
        if value is not None
    }


def derived_figures(
    template: TemplateData,
    values: Mapping[str, Decimal | None],
    base: Mapping[str, Decimal],
) -> dict[str, Decimal | None]:
    """Cumulative rows: last period's cumulative (0 in a year's first report) + this period."""
    found: dict[str, Decimal | None] = {}
    for row in template.indicators:
        if row.derivation != Derivation.CUMULATIVE or not row.derive_from:
            continue
        this_period = values.get(row.derive_from)
        found[row.code] = (
            None if this_period is None else tidy(base.get(row.code, Decimal(0)) + this_period)
        )
    return found


def _write(
    stored: dict[str, IndicatorValue],
    report: Report,
    indicators: Mapping[str, int],
    results: Mapping[str, Decimal | None],
    origin: str,
    user: User | None,
) -> list[str]:
    changed = []
    for code, value in results.items():
        current = stored.get(code)
        if current is not None and current.origin != origin:
            continue  # typed (over the computed figure, with a reason) or imported: kept
        if value is None:
            if current is not None and current.origin == origin:
                current.delete()
                changed.append(code)
            continue
        if current is not None and current.value == value and current.origin == origin:
            continue
        if current is None:
            current = IndicatorValue(report=report, indicator_id=indicators[code])
        if current.pk is None:
            # A derived figure waits for the official's confirmation; a computed one does not.
            current.prefilled = origin == ValueOrigin.DERIVED
        current.value = value
        current.text = ""
        current.printed = format_number(value)
        current.origin = origin
        current.updated_by = user
        current._history_user = user
        current.save()
        changed.append(code)
    return changed


def _table_totals(
    template: TemplateData, cells: dict[tuple[str, str, str], TableCellValue], report: Report
) -> list[TableCellValue]:
    """The totals of each table by field: in each row, a "Tổng số" column is the sum of the
    columns under its group; the total row is the sum of the rows above it, column by
    column. A total the commune typed or imported stays its own."""
    from indicators.models import TableColumn, TableRow

    # The ids of the rows and columns a new total cell points to, read once.
    where = {"table__template": report.template_id}
    row_ids = {
        (t, code): pk
        for pk, t, code in TableRow.objects.filter(**where).values_list("pk", "table__code", "code")
    }
    column_ids = {
        (t, code): pk
        for pk, t, code in TableColumn.objects.filter(**where).values_list(
            "pk", "table__code", "code"
        )
    }
    written = []
    for table in template.tables:
        parts = column_parts(table.columns)
        totals = [
            (row.code, column.code, [(row.code, part) for part in parts[column.code]])
            for row in table.body_rows
            for column in table.columns
            if column.code in parts
        ]
        total_row = table.total_row
        if total_row is not None:
            totals += [
                (total_row.code, column.code, [(row.code, column.code) for row in table.body_rows])
                for column in table.columns
            ]
        for row_code, column_code, members in totals:
            values = [
                value
                for r, c in members
                if (table.code, r, c) in cells
                and (value := cells[(table.code, r, c)].value) is not None
            ]
            key = (table.code, row_code, column_code)
            current = cells.get(key)
            if current is not None and current.origin != ValueOrigin.COMPUTED:
                continue
            value = tidy(sum(values, Decimal(0))) if values else None
            if value is None:
                if current is not None:
                    current.delete()
                    del cells[key]
                continue
            if current is not None and current.value == value:
                continue
            if current is None:
                current = TableCellValue(
                    report=report,
                    row_id=row_ids[(table.code, row_code)],
                    column_id=column_ids[(table.code, column_code)],
                )
            current.value = value
            current.printed = format_number(value)
            current.origin = ValueOrigin.COMPUTED
            current.prefilled = False
            current.save()
            cells[key] = current
            written.append(current)
    return written


def recompute(report: Report, *, user: User | None = None) -> list[str]:
    """Store the report's computed and derived figures again; the codes that changed."""
    template = template_data(report.template)
    has_computed = any(
        row.kind == IndicatorKind.COMPUTED and row.formula for row in template.indicators
    )
    has_cumulative = any(row.derivation == Derivation.CUMULATIVE for row in template.indicators)
    if not (has_computed or has_cumulative or template.tables):
        return []
    stored = _stored_values(report)
    cells = _stored_cells(report) if template.tables else {}
    if template.tables:
        _table_totals(template, cells, report)
        cells = _stored_cells(report)
    values = {code: value.value for code, value in stored.items()}
    indicators = dict(report.template.indicators.values_list("code", "pk"))
    data = ReportData(
        template=template,
        values=values,
        cells={f"{t}:{r}:{c}": cell.value for (t, r, c), cell in cells.items()},
    )
    # Figures standing in a computed row that were not computed (typed with a reason, imported).
    keep = {code for code, value in stored.items() if value.origin != ValueOrigin.COMPUTED}
    changed = []
    if has_cumulative:
        derived = derived_figures(template, values, cumulative_base(report, template))
        changed += _write(stored, report, indicators, derived, ValueOrigin.DERIVED, user)
        values.update({code: v for code, v in derived.items()})
        data = ReportData(template=template, values=values, cells=data.cells)
    if has_computed:
        results = computed_values(data, keep=keep)
        changed += _write(stored, report, indicators, results, ValueOrigin.COMPUTED, user)
    return changed


def formula_values(report: Report, codes: Collection[str]) -> dict[str, Decimal | None]:
    """What the template's formula gives for each of ``codes`` (computed rows the commune
    typed its own figure over), from the report's other figures as they stand: the reviewer
    and the form show it beside the commune's figure. Two queries, whatever the number."""
    if not codes:
        return {}
    template = template_data(report.template)
    stored = _stored_values(report)
    cells = (
        {f"{t}:{r}:{c}": cell.value for (t, r, c), cell in _stored_cells(report).items()}
        if template.tables
        else {}
    )
    data = ReportData(
        template=template,
        values={code: value.value for code, value in stored.items()},
        cells=cells,
    )
    keep = {code for code, value in stored.items() if value.origin != ValueOrigin.COMPUTED}
    return {code: computed_values(data, keep=keep - {code}).get(code) for code in codes}
