"""The reviewer's own annex: a template aggregated over the reports of the units under them.

Each indicator says how it rolls up: counts are summed; ratios are recomputed from the summed
counts (never an average of percentages): by the row's formula where the template links the
ratio to its counts ("ROUND([3.2.4.b] / [3.2.4.a] * 100, 2)"), else from the "Trong đó" counts
beneath it; a ratio linked to no count reads as mean / min / max over the units; yes/no answers
become the number of "Có";
coded answers become a distribution; tables by field are summed cell by cell. A district's own
figure is never added to its communes': only commune reports are aggregated.

Built in a constant number of queries, whatever the number of units.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, Count, F, Max, Min, Sum, Value, When

from core.errors import DomainError
from core.numbers import format_number, plain
from indicators.models import Aggregation, Indicator, IndicatorTemplate, ValueType
from indicators.structure import template_data
from indicators.validation.evaluation import EvaluationError, evaluate
from indicators.validation.expressions import ParseError, parse
from indicators.validation.snapshot import ReportData
from reports.models import (
    AdministrativeUnit,
    IndicatorValue,
    Report,
    ReportingPeriod,
    ReportStatus,
    TableCellValue,
)

DEFAULT_STATUSES = (ReportStatus.APPROVED,)
MSG_NO_REPORTS = "Chưa có báo cáo nào ({statuses}) của các đơn vị thuộc {unit} kỳ {period}."
RECOMPUTED = "tính lại từ số đếm"
COUNTRY_NAME = "Cả nước"
COUNTRY_CODE = "VN"


class NothingToAggregate(DomainError):
    """Refused, with the reason in ``message``."""


@dataclass
class Aggregate:
    unit: AdministrativeUnit | None  # None: the whole country
    period: ReportingPeriod
    template: IndicatorTemplate
    indicators: list[Indicator]
    reports: list[Report]
    values: dict[str, Decimal | None] = field(default_factory=dict)
    distributions: dict[str, dict[int, int]] = field(default_factory=dict)
    per_unit: dict[int, dict[str, Decimal | None]] = field(default_factory=dict)
    tables: dict[str, dict[str, dict[str, Decimal | None]]] = field(default_factory=dict)
    # What a row shows where a single figure would say too little or nothing: "Có: 3 / 5 đơn
    # vị"; a ratio not linked to its counts as mean / min / max over the units; never a blank.
    texts: dict[str, str] = field(default_factory=dict)
    # Ratios recomputed from the summed counts, with how: the row's formula, or
    # "[b] / [a] * 100" over its "Trong đó" counts.
    recomputed: dict[str, str] = field(default_factory=dict)

    @property
    def units(self) -> list[AdministrativeUnit]:
        return [report.unit for report in self.reports]

    @property
    def unit_name(self) -> str:
        return self.unit.name if self.unit else COUNTRY_NAME

    @property
    def unit_code(self) -> str:
        return self.unit.code if self.unit else COUNTRY_CODE

    def as_json(self) -> dict:
        return {
            "unit": self.unit_code,
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
            "recomputed": dict(self.recomputed),
        }


def links_counts(indicator: Indicator) -> bool:
    """Whether the template links the row, a ratio, to its counts by a formula."""
    return bool(indicator.formula.strip()) and (
        indicator.value_type == ValueType.PERCENT or indicator.aggregation == Aggregation.RATIO
    )


def _two_places(value: Decimal) -> Decimal:
    """A recomputed ratio to 2 decimals (fewer when the formula rounds to fewer)."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= -2:
        return value
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def formula_value(formula: str, summed: ReportData) -> Decimal | None:
    """The formula over the aggregated figures; None where a count it reads is blank for
    every unit, or its base sums to 0 (nothing to recompute from)."""
    try:
        value = evaluate(parse(formula), summed)
    except (ParseError, EvaluationError):
        return None
    return None if value is None else _two_places(value)


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


COMMUNE_KINDS = ["xa", "phuong", "thi_tran", "dac_khu"]


def _reports(unit, period, statuses) -> list[Report]:
    reports = Report.objects.filter(
        unit__kind__in=COMMUNE_KINDS,
        period__kind=period.kind,
        period__year=period.year,
        period__number=period.number,
        status__in=list(statuses),
    )
    if unit is not None:
        reports = reports.filter(unit__path__startswith=unit.path)
    # The template is read once per version below; each report carries only its unit.
    return list(
        reports.select_related("unit")
        .only(
            "pk", "template_id", "status", "unit__code", "unit__name", "unit__kind",
            "unit__path", "unit__parent_id",
        )
        .order_by("unit__name")
    )  # fmt: skip


def aggregate(
    unit: AdministrativeUnit | None,
    period: ReportingPeriod,
    statuses: tuple[str, ...] = DEFAULT_STATUSES,
    template: IndicatorTemplate | None = None,
    *,
    per_unit: bool = False,
) -> Aggregate:
    """Aggregate the communes under ``unit`` (every commune of the country when None).

    The sums are computed by the database (GROUP BY indicator), so the cost does not grow with
    the number of values read into Python; ``per_unit`` also reads each unit's figures, for
    the workbook's one-column-per-unit sheet.
    """
    reports = _reports(unit, period, statuses)
    templates = IndicatorTemplate.objects.in_bulk({r.template_id for r in reports})
    if template is None and reports:
        # The template most communes filed on (its latest version) gives the structure.
        code = Counter(templates[r.template_id].code for r in reports).most_common(1)[0][0]
        template = max((t for t in templates.values() if t.code == code),
                       key=lambda t: t.version)  # fmt: skip
    reports = [r for r in reports if template and templates[r.template_id].code == template.code]
    if not reports or template is None:
        labels = ", ".join(ReportStatus(s).label.lower() for s in statuses)
        raise NothingToAggregate(
            MSG_NO_REPORTS.format(statuses=labels, unit=unit or "cả nước", period=period.label)
        )
    indicators = list(template.indicators.order_by("position"))
    result = Aggregate(
        unit=unit, period=period, template=template, indicators=indicators, reports=reports
    )
    report_ids = [r.pk for r in reports]
    # Codes by indicator id over every version the reports were filed on: the queries of
    # values need no join, and rows of two versions with one code add up.
    code_of = dict(
        Indicator.objects.filter(template_id__in={r.template_id for r in reports}).values_list(
            "pk", "code"
        )
    )
    values = IndicatorValue.objects.filter(report_id__in=report_ids, value__isnull=False)
    coded = {
        i.code
        for i in indicators
        if i.aggregation in (Aggregation.DISTRIBUTION, Aggregation.COUNT_YES)
    }
    coded_ids = [pk for pk, code in code_of.items() if code in coded]
    # One pass over the values: grouped by indicator, and for coded answers by answer too.
    answer = Case(When(indicator_id__in=coded_ids, then=F("value")), default=Value(None))
    totals: dict[str, list] = {}
    distributions: dict[str, Counter] = {}
    spread: dict[str, list] = {}  # code → [lowest, highest]
    for indicator_id, key, total, count, low, high in (
        values.annotate(answer=answer)
        .values("indicator_id", "answer")
        .annotate(total=Sum("value"), count=Count("value"), low=Min("value"), high=Max("value"))
        .values_list("indicator_id", "answer", "total", "count", "low", "high")
    ):
        code = code_of[indicator_id]
        bucket = totals.setdefault(code, [Decimal(0), 0, 0])
        bucket[0] += total
        bucket[1] += count
        bounds = spread.setdefault(code, [low, high])
        bounds[0], bounds[1] = min(bounds[0], low), max(bounds[1], high)
        if key is not None:
            distributions.setdefault(code, Counter())[int(key)] += count
            if key == 1:
                bucket[2] += count  # a "Có"
    if per_unit:
        unit_of = {r.pk: r.unit_id for r in reports}
        result.per_unit = {r.unit_id: {} for r in reports}
        for report_id, indicator_id, value in values.values_list(
            "report_id", "indicator_id", "value"
        ):
            result.per_unit[unit_of[report_id]][code_of[indicator_id]] = value
    children: dict[int, list[Indicator]] = {}
    for indicator in indicators:
        if indicator.parent_id:
            children.setdefault(indicator.parent_id, []).append(indicator)
    for indicator in indicators:
        code = indicator.code
        total, count, yes = totals.get(code, (None, 0, 0))
        method = indicator.aggregation
        if method == Aggregation.SUM:
            result.values[code] = total if count else None
        elif method == Aggregation.COUNT_YES:
            result.values[code] = Decimal(yes) if count else None
        elif method == Aggregation.DISTRIBUTION:
            result.distributions[code] = dict(distributions.get(code, {}))
            result.values[code] = None
        else:
            result.values[code] = None  # ratios are filled once their counts are summed
    for table_code, row_code, column_code, total in (
        TableCellValue.objects.filter(report_id__in=report_ids, value__isnull=False)
        .values("row__table__code", "row__code", "column__code")
        .annotate(total=Sum("value"))
        .values_list("row__table__code", "row__code", "column__code", "total")
    ):
        result.tables.setdefault(table_code, {}).setdefault(row_code, {})[column_code] = total
    _recompute_ratios(result, children)
    for indicator in indicators:
        code = indicator.code
        if not indicator.is_input or result.values.get(code) is not None:
            if indicator.aggregation == Aggregation.COUNT_YES and code in totals:
                result.texts[code] = f"Có: {totals[code][2]} / {totals[code][1]} đơn vị"
            continue
        if result.distributions.get(code):
            continue
        total, count, _yes = totals.get(code, (None, 0, 0))
        if count and indicator.is_numeric:
            mean = (Decimal(total or 0) / count).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            low, high = spread[code]
            sign = "%" if indicator.value_type == ValueType.PERCENT else ""
            result.texts[code] = (
                f"Trung bình {format_number(mean)}{sign} (thấp nhất {format_number(low)}{sign}, "
                f"cao nhất {format_number(high)}{sign}; {count} đơn vị)"
            )
        elif indicator.aggregation != Aggregation.NONE:
            result.texts[code] = "Chưa có đơn vị nào nhập"
    return result


def distribution_text(indicator: Indicator, counts: dict[int, int]) -> str:
    """ "Trực tuyến: 2; Phát phiếu: 5" — how many units gave each coded answer."""
    labels = {int(c["value"]): c["label"] for c in indicator.choices}
    return "; ".join(
        f"{labels.get(value, value)}: {count}" for value, count in sorted(counts.items())
    )


def _recompute_ratios(result: Aggregate, children: dict[int, list[Indicator]]) -> None:
    """Each ratio from the summed counts: by its formula where the template gives one (over
    the aggregated annex and tables, ratios recomputed above it included), else from its
    "Trong đó" counts."""
    summed: ReportData | None = None
    for indicator in result.indicators:
        if links_counts(indicator):
            if summed is None:
                # The aggregate as a report's figures: the values dict itself, so a ratio
                # recomputed here is read by a formula further down.
                cells = {
                    f"{table}:{row}:{column}": value
                    for table, rows in result.tables.items()
                    for row, columns in rows.items()
                    for column, value in columns.items()
                }
                summed = ReportData(
                    template=template_data(result.template), values=result.values, cells=cells
                )
            value = formula_value(indicator.formula, summed)
            result.values[indicator.code] = value
            if value is not None:
                result.recomputed[indicator.code] = indicator.formula.strip()
            continue
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
            result.recomputed[indicator.code] = f"[{pair[0]}] / [{pair[1]}] * 100"
