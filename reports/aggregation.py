"""The reviewer's own annex: a template aggregated over the reports of the units under them.

Each indicator says how it rolls up: counts are summed; ratios are recomputed from the summed
counts beneath them (never an average of percentages); yes/no answers become the number of "Có";
coded answers become a distribution; tables by field are summed cell by cell. A district's own
figure is never added to its communes': only commune reports are aggregated.

Built in a constant number of queries, whatever the number of units.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from indicators.models import Aggregation, Indicator, IndicatorTemplate, ValueType
from reports.models import (
    AdministrativeUnit,
    IndicatorValue,
    Report,
    ReportingPeriod,
    ReportStatus,
    TableCellValue,
)
from reports.numbers import plain

DEFAULT_STATUSES = (ReportStatus.APPROVED,)
MSG_NO_REPORTS = "Chưa có báo cáo nào ({statuses}) của các đơn vị thuộc {unit} kỳ {period}."


class NothingToAggregate(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Aggregate:
    unit: AdministrativeUnit
    period: ReportingPeriod
    template: IndicatorTemplate
    indicators: list[Indicator]
    reports: list[Report]
    values: dict[str, Decimal | None] = field(default_factory=dict)
    distributions: dict[str, dict[int, int]] = field(default_factory=dict)
    per_unit: dict[int, dict[str, Decimal | None]] = field(default_factory=dict)
    tables: dict[str, dict[str, dict[str, Decimal | None]]] = field(default_factory=dict)

    @property
    def units(self) -> list[AdministrativeUnit]:
        return [report.unit for report in self.reports]

    def as_json(self) -> dict:
        return {
            "unit": self.unit.code,
            "period": self.period.key,
            "template": {"code": self.template.code, "version": self.template.version},
            "units": [unit.code for unit in self.units],
            "values": {code: plain(v) for code, v in self.values.items() if v is not None},
            "distributions": {
                code: {str(k): v for k, v in sorted(d.items())}
                for code, d in self.distributions.items()
            },
            "tables": {
                table: {
                    row: {col: plain(v) for col, v in cols.items() if v is not None}
                    for row, cols in rows.items()
                }
                for table, rows in self.tables.items()
            },
        }


def ratio_counts(indicator: Indicator, children: list[Indicator]) -> tuple[str, str] | None:
    """(numerator, denominator) codes of a ratio row with its counts beneath it: "Tỷ lệ …"
    over "Trong đó: tổng số …; số …" — the second count over the first."""
    counts = [
        c
        for c in children
        if c.is_breakdown and c.value_type in (ValueType.INTEGER, ValueType.DECIMAL)
    ]
    if len(counts) < 2:
        return None
    return counts[1].code, counts[0].code


def _reports(unit, period, statuses) -> list[Report]:
    return list(
        Report.objects.filter(
            unit__path__startswith=unit.path,
            unit__kind__in=["xa", "phuong", "thi_tran", "dac_khu"],
            period__kind=period.kind,
            period__year=period.year,
            period__number=period.number,
            status__in=list(statuses),
        )
        .select_related("unit", "template")
        .order_by("unit__name")
    )


def aggregate(
    unit: AdministrativeUnit,
    period: ReportingPeriod,
    statuses: tuple[str, ...] = DEFAULT_STATUSES,
    template: IndicatorTemplate | None = None,
) -> Aggregate:
    reports = _reports(unit, period, statuses)
    if template is None and reports:
        # The template most communes filed on (its latest version) gives the structure.
        code = Counter(r.template.code for r in reports).most_common(1)[0][0]
        template = max((r.template for r in reports if r.template.code == code),
                       key=lambda t: t.version)  # fmt: skip
    reports = [r for r in reports if template and r.template.code == template.code]
    if not reports:
        labels = ", ".join(ReportStatus(s).label.lower() for s in statuses)
        raise NothingToAggregate(
            MSG_NO_REPORTS.format(statuses=labels, unit=unit, period=period.label)
        )
    indicators = list(template.indicators.order_by("position"))
    result = Aggregate(
        unit=unit, period=period, template=template, indicators=indicators, reports=reports
    )
    by_report: dict[int, dict[str, Decimal | None]] = {r.pk: {} for r in reports}
    for report_id, code, value in IndicatorValue.objects.filter(report__in=reports).values_list(
        "report_id", "indicator__code", "value"
    ):
        by_report[report_id][code] = value
    result.per_unit = {r.unit_id: by_report[r.pk] for r in reports}
    children: dict[int, list[Indicator]] = {}
    for indicator in indicators:
        if indicator.parent_id:
            children.setdefault(indicator.parent_id, []).append(indicator)
    columns = [by_report[r.pk] for r in reports]
    for indicator in indicators:
        code = indicator.code
        present = [col[code] for col in columns if col.get(code) is not None]
        method = indicator.aggregation
        if method == Aggregation.SUM:
            result.values[code] = sum(present, Decimal(0)) if present else None
        elif method == Aggregation.COUNT_YES:
            result.values[code] = Decimal(sum(1 for v in present if v == 1)) if present else None
        elif method == Aggregation.DISTRIBUTION:
            result.distributions[code] = dict(Counter(int(v) for v in present))
            result.values[code] = None
        elif method == Aggregation.RATIO:
            result.values[code] = None  # filled once the counts are summed, below
        else:
            result.values[code] = None
    for indicator in indicators:
        if indicator.aggregation != Aggregation.RATIO:
            continue
        pair = ratio_counts(indicator, children.get(indicator.pk, []))
        if pair is None:
            continue
        numerator, denominator = (result.values.get(c) for c in pair)
        if numerator is not None and denominator:
            result.values[indicator.code] = (numerator * 100 / denominator).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP
            )
    for table_code, row_code, column_code, value in TableCellValue.objects.filter(
        report__in=reports, row__table__template__code=template.code
    ).values_list("row__table__code", "row__code", "column__code", "value"):
        cells = result.tables.setdefault(table_code, {}).setdefault(row_code, {})
        if value is not None:
            cells[column_code] = (cells.get(column_code) or Decimal(0)) + value
        else:
            cells.setdefault(column_code, None)
    return result


def distribution_text(indicator: Indicator, counts: dict[int, int]) -> str:
    """ "Trực tuyến: 2; Phát phiếu: 5" — how many units gave each coded answer."""
    labels = {int(c["value"]): c["label"] for c in indicator.choices}
    return "; ".join(
        f"{labels.get(value, value)}: {count}" for value, count in sorted(counts.items())
    )
