"""What a new report starts with, and where each figure comes from.

- *Stocks* and *stable answers* start from the unit's last report ("Từ báo cáo quý III/2024"),
  to confirm. A report more than a year older than the new period is never used silently: it
  is offered (``old_report_offer``), marked with its period, and used only when the official
  asks (``prefill_from_old``).
- *Carry-over* rows ("kỳ trước chuyển qua") start from last period's figure of their source
  row (the pending dossiers); a table by field's carry-over column from last period's pending
  column, row by row.
- A 6-month, 9-month or year report's *flows* start as the sum of its quarters already reported
  ("Cộng quý I, II/2026"), to confirm.
- A commune merged on 1 July 2025 has no report of its own before: its first report starts
  from its predecessors' last reports, combined row by row as the template says (``on_merge``:
  sum, "Có" when all or any said "Có", the largest, or nothing).
- Computed and cumulative rows are then computed (``reports.computation``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from core.numbers import format_number
from core.period_keys import PeriodKind
from core.text_input import clean_instances
from indicators.choices import CARRIED_KINDS, Derivation, IndicatorKind, MergeRule, ValueType
from indicators.compare import code_mapping
from indicators.models import Indicator, IndicatorTemplate
from reports.models import (
    AdministrativeUnit,
    IndicatorValue,
    Report,
    ReportingPeriod,
    TableCellValue,
    ValueOrigin,
)

# Older than this before the new period starts, a report is offered, never used silently.
MAX_SILENT_AGE = dt.timedelta(days=366)
PENDING_TAG = "hs_dang_giai_quyet"
CARRIED_TAG = "hs_ky_truoc"

MSG_FROM = "Từ báo cáo {period}"
MSG_FROM_OLD = "Từ báo cáo {period} (cũ hơn một năm)"
MSG_CARRY_OVER = "Tồn cuối kỳ trước, báo cáo {period}"
MSG_QUARTERS = "Cộng {quarters} (các quý đã báo cáo)"
MSG_MERGED = "Từ báo cáo của đơn vị cũ: {sources}"


@dataclass(frozen=True)
class Figure:
    """A figure a new report starts with."""

    value: Decimal | None
    text: str
    origin: str
    source: str


def period_name(period: ReportingPeriod) -> str:
    return period.period_key.short_label


def _figures_by_code(report: Report, template: IndicatorTemplate) -> dict[str, IndicatorValue]:
    """A report's figures under the codes of ``template`` (renumbered rows follow the mapping
    between template versions)."""
    stored = {v.indicator.code: v for v in report.values.select_related("indicator")}
    if report.template_id != template.pk:
        mapping = code_mapping(report.template, template)
        stored = {mapping.get(code, code): value for code, value in stored.items()}
    return stored


def _reports_before(units: Sequence[AdministrativeUnit], period: ReportingPeriod):
    return (
        Report.objects.filter(unit__in=units, period__end_date__lte=period.end_date)
        .exclude(period=period)
        .select_related("template", "period", "unit")
        .order_by("-period__end_date", "period__kind")
    )


def last_report(unit: AdministrativeUnit, period: ReportingPeriod) -> Report | None:
    """The unit's latest report ending no later than ``period`` (a quarter before a longer
    period ending the same day)."""
    found = list(_reports_before([unit], period)[:4])
    if not found:
        return None
    latest = found[0].period.end_date
    same_day = [r for r in found if r.period.end_date == latest]
    return next((r for r in same_day if r.period.kind == PeriodKind.QUARTER), same_day[0])


def is_recent(report: Report, period: ReportingPeriod) -> bool:
    return report.period.end_date >= period.start_date - MAX_SILENT_AGE


def previous_in_year(report: Report) -> Report | None:
    """The unit's report of the quarter before, in the same year (for cumulative rows)."""
    key = report.period.period_key
    if key.kind != PeriodKind.QUARTER or key.number == 1:
        return None
    return (
        Report.objects.filter(
            unit=report.unit, period__kind=key.kind, period__year=key.year,
            period__number=key.number - 1,
        )
        .select_related("period")
        .first()
    )  # fmt: skip


def predecessors_of(unit: AdministrativeUnit) -> list[AdministrativeUnit]:
    related = getattr(unit, "predecessors", None)
    return list(related.all()) if related is not None else []


def _carried(
    template: IndicatorTemplate, rows: Iterable[Indicator], previous: Report, source: str
) -> dict[str, Figure]:
    old = _figures_by_code(previous, template)
    found: dict[str, Figure] = {}
    for row in rows:
        stored = old.get(row.code)
        if row.derivation == Derivation.CARRY_OVER:
            value = _carry_over(row, old)
            if value is not None:
                label = MSG_CARRY_OVER.format(period=period_name(previous.period))
                found[row.code] = Figure(value, "", ValueOrigin.DERIVED, label)
        elif row.kind in CARRIED_KINDS and stored is not None and not stored.is_empty:
            found[row.code] = Figure(stored.value, stored.text, ValueOrigin.CARRIED, source)
    return found


def _carry_over(row: Indicator, old: dict[str, IndicatorValue]) -> Decimal | None:
    if row.derive_from:
        stored = old.get(row.derive_from)
        return stored.value if stored is not None else None
    for stored in old.values():
        if PENDING_TAG in stored.indicator.tags and stored.value is not None:
            return stored.value
    return None


def _merged(
    template: IndicatorTemplate, rows: Iterable[Indicator], reports: Sequence[Report]
) -> dict[str, Figure]:
    """A merged unit's figures from its predecessors' last reports, as ``on_merge`` says."""
    olds = [_figures_by_code(report, template) for report in reports]
    names = ", ".join(f"{r.unit.name} ({period_name(r.period)})" for r in reports)
    source = MSG_MERGED.format(sources=names)
    found: dict[str, Figure] = {}
    for row in rows:
        if row.kind not in CARRIED_KINDS or row.on_merge == MergeRule.NONE:
            continue
        values = [
            value for old in olds if row.code in old and (value := old[row.code].value) is not None
        ]
        if not values:
            continue
        value = combine(row.on_merge, values, row.value_type)
        if value is not None:
            found[row.code] = Figure(value, "", ValueOrigin.CARRIED, source)
    return found


def combine(rule: str, values: Sequence[Decimal], value_type: str) -> Decimal | None:
    if rule == MergeRule.SUM and value_type != ValueType.YESNO:
        return sum(values, Decimal(0))
    if rule == MergeRule.ALL_YES or (rule == MergeRule.SUM and value_type == ValueType.YESNO):
        return Decimal(1) if all(v == 1 for v in values) else Decimal(0)
    if rule == MergeRule.ANY_YES:
        return Decimal(1) if any(v == 1 for v in values) else Decimal(0)
    if rule == MergeRule.MAX:
        return max(values)
    return None


def _quarters(
    template: IndicatorTemplate, rows: Iterable[Indicator], unit, period: ReportingPeriod
) -> dict[str, Figure]:
    """A longer period's flows as the sum of its quarters already reported."""
    keys = period.period_key.quarters()
    if not keys:
        return {}
    reports = list(
        Report.objects.filter(
            unit=unit, period__kind=PeriodKind.QUARTER, period__year=period.year,
            period__number__in=[key.number for key in keys],
        ).select_related("template", "period").order_by("period__number")
    )  # fmt: skip
    if not reports:
        return {}
    olds = [_figures_by_code(report, template) for report in reports]
    numbers = ", ".join(r.period.period_key.short_label.split("/")[0].removeprefix("quý ")
                        for r in reports)  # fmt: skip
    source = MSG_QUARTERS.format(quarters=f"quý {numbers}/{period.year}")
    found: dict[str, Figure] = {}
    for row in rows:
        if row.kind != IndicatorKind.FLOW or not row.is_numeric or row.derivation:
            continue
        if row.value_type == ValueType.PERCENT:
            continue  # a share of the period is not a sum of the quarters' shares
        values = [
            value for old in olds if row.code in old and (value := old[row.code].value) is not None
        ]
        if values:
            found[row.code] = Figure(sum(values, Decimal(0)), "", ValueOrigin.DERIVED, source)
    return found


def starting_figures(
    report: Report, template: IndicatorTemplate, *, previous: Report | None
) -> dict[str, Figure]:
    """The figures the new report starts with, by code (``previous``: the report to carry
    from, already judged recent enough)."""
    rows = list(template.indicators.inputs())
    found: dict[str, Figure] = {}
    if previous is not None:
        found.update(
            _carried(template, rows, previous, MSG_FROM.format(period=period_name(previous.period)))
        )
    else:
        last = [last_report(p, report.period) for p in predecessors_of(report.unit)]
        recent = sorted(
            (r for r in last if r is not None and is_recent(r, report.period)),
            key=lambda r: r.unit.name,
        )
        if recent:
            found.update(_merged(template, rows, recent))
    for code, figure in _quarters(template, rows, report.unit, report.period).items():
        found.setdefault(code, figure)
    return found


def store_figures(report: Report, template: IndicatorTemplate, found: dict[str, Figure]) -> None:
    by_code = {row.code: row for row in template.indicators.all()}
    new = []
    for code, figure in found.items():
        row = by_code.get(code)
        if row is None:
            continue
        value, text = figure.value, figure.text
        if row.value_type == ValueType.TEXT:
            printed = text
        else:
            printed = format_number(value) if value is not None else ""
        new.append(
            IndicatorValue(
                report=report, indicator=row, value=value, text=text, printed=printed[:200],
                prefilled=True, origin=figure.origin, source=figure.source[:300],
            )
        )  # fmt: skip
    bulk_create_with_history(clean_instances(new), IndicatorValue)


def carry_table_cells(report: Report, template: IndicatorTemplate, previous: Report) -> None:
    """In a table by field, this period's "kỳ trước chuyển qua" is last period's pending."""
    if previous.template.code != template.code:
        return
    pending = {
        (cell.row.code, cell.row.table.code): cell.value
        for cell in previous.cells.select_related("row__table", "column")
        if PENDING_TAG in cell.column.tags and cell.value is not None
    }
    source = MSG_CARRY_OVER.format(period=period_name(previous.period))
    cells = []
    for table in template.tables.prefetch_related("rows", "columns"):
        carried = [c for c in table.columns.all() if CARRIED_TAG in c.tags]
        for column in carried:
            for row in table.rows.all():
                if row.is_total:
                    continue
                value = pending.get((row.code, table.code))
                if value is not None:
                    cells.append(
                        TableCellValue(
                            report=report, row=row, column=column, value=value,
                            printed=format_number(value), prefilled=True,
                            origin=ValueOrigin.DERIVED, source=source,
                        )
                    )  # fmt: skip
    bulk_create_with_history(clean_instances(cells), TableCellValue)


def old_report_offer(report: Report) -> Report | None:
    """The unit's last report when it is more than a year older than this one's period and
    this report has not used it: offered to the official, never used silently."""
    last = last_report(report.unit, report.period)
    if last is None or is_recent(last, report.period):
        return None
    if report.values.exclude(origin=ValueOrigin.COMPUTED).exists():
        return None
    return last


def prefill_from_old(report: Report, old: Report) -> int:
    """Fill a report that has no figure yet from an old report the official chose; each
    figure marked with that report's period. The number of figures filled."""
    template = report.template
    source = MSG_FROM_OLD.format(period=period_name(old.period))
    rows = list(template.indicators.inputs())
    found = _carried(template, rows, old, source)
    existing = set(report.values.values_list("indicator__code", flat=True))
    found = {code: figure for code, figure in found.items() if code not in existing}
    store_figures(report, template, found)
    return len(found)
