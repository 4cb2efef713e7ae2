"""The reviewer's dashboard of a period: every unit under them, its status, timeliness, checks
and key figures, with completeness and timeliness rates (as DHIS2's reporting-rate summary).

Built in a constant number of queries whatever the number of communes: the key figures are
read by their semantic tags in one query for the annex values and one for the tables.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Min, Q

from core.period_keys import PeriodKey
from core.text import fold
from indicators.models import Indicator, TableColumn
from reports.models import (
    AdministrativeUnit,
    DeadlineExtension,
    IndicatorValue,
    Report,
    ReportingPeriod,
    ReportStatus,
    ReportTransition,
    TableCellValue,
)

KEY_TAGS = {
    "received": ("hs_tiep_nhan",),
    "online": ("hs_truc_tuyen",),
    "resolved": ("hs_giai_quyet",),
    "on_time": ("hs_truoc_han", "hs_dung_han"),
}
SENT = {ReportStatus.SUBMITTED, ReportStatus.APPROVED}


@dataclass
class UnitLine:
    unit: AdministrativeUnit
    report: Report | None
    submitted_at: dt.datetime | None
    due_date: dt.date
    extension: DeadlineExtension | None = None
    figures: dict[str, Decimal] = field(default_factory=dict)
    # The last time it was sent, and how many times (a returned report is sent again);
    # timeliness goes by the first send (submitted_at).
    last_sent_at: dt.datetime | None = None
    times_sent: int = 0

    @property
    def status(self) -> str:
        return self.report.status if self.report else "missing"

    @property
    def status_label(self) -> str:
        return self.report.get_status_display() if self.report else "Chưa lập"

    @property
    def timeliness(self) -> str:
        if self.submitted_at is None or self.status not in SENT:
            return "missing"
        return "late" if self.submitted_at.date() > self.due_date else "on_time"

    @property
    def timeliness_label(self) -> str:
        return {"missing": "Chưa gửi", "late": "Gửi muộn", "on_time": "Đúng hạn"}[self.timeliness]

    def rate(self, part: str, whole: str) -> Decimal | None:
        base = self.figures.get(whole)
        if not base or part not in self.figures:
            return None
        return (self.figures[part] * 100 / base).quantize(Decimal("0.1"))

    @property
    def online_rate(self) -> Decimal | None:
        return self.rate("online", "received")

    @property
    def on_time_rate(self) -> Decimal | None:
        whole = "resolved" if "resolved" in self.figures else "received"
        return self.rate("on_time", whole)


@dataclass
class Dashboard:
    period: ReportingPeriod
    lines: list[UnitLine]

    @property
    def expected(self) -> int:
        return len(self.lines)

    @property
    def sent(self) -> int:
        return sum(1 for line in self.lines if line.status in SENT)

    @property
    def on_time(self) -> int:
        return sum(1 for line in self.lines if line.timeliness == "on_time")

    @property
    def approved(self) -> int:
        return sum(1 for line in self.lines if line.status == ReportStatus.APPROVED)

    def _percent(self, count: int) -> Decimal:
        if not self.expected:
            return Decimal(0)
        return (Decimal(count) * 100 / self.expected).quantize(Decimal("0.1"))

    @property
    def completeness(self) -> Decimal:
        return self._percent(self.sent)

    @property
    def timeliness(self) -> Decimal:
        return self._percent(self.on_time)


def units_for(reviewer_unit: AdministrativeUnit, period: ReportingPeriod):
    """The communes under the reviewer that existed during the period."""
    return (
        AdministrativeUnit.objects.descendants_of(reviewer_unit, include_self=False)
        .communes()
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=period.end_date))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=period.start_date))
        .order_by("name")
    )


def tagged_figures(reports: list[Report]) -> dict[int, dict[str, Decimal]]:
    """Key figures of many reports by semantic tag: one query for values, one for cells."""
    template_ids = {r.template_id for r in reports}
    wanted = {tag for tags in KEY_TAGS.values() for tag in tags}
    indicators = {
        i.pk: i
        for i in Indicator.objects.filter(template_id__in=template_ids).only("pk", "tags")
        if wanted & set(i.tags)
    }
    columns = {
        c.pk: c
        for c in TableColumn.objects.filter(table__template_id__in=template_ids).only("pk", "tags")
        if wanted & set(c.tags)
    }
    by_report: dict[int, dict[str, Decimal]] = {r.pk: {} for r in reports}
    report_ids = list(by_report)
    table_figures: dict[int, dict[str, Decimal]] = {}
    for report_id, column_id, value in TableCellValue.objects.filter(
        report_id__in=report_ids, column_id__in=list(columns), row__is_total=True
    ).values_list("report_id", "column_id", "value"):
        if value is not None:
            for key, tags in KEY_TAGS.items():
                if set(tags) & set(columns[column_id].tags):
                    bucket = table_figures.setdefault(report_id, {})
                    bucket[key] = bucket.get(key, Decimal(0)) + value
    for report_id, indicator_id, value in IndicatorValue.objects.filter(
        report_id__in=report_ids, indicator_id__in=list(indicators)
    ).values_list("report_id", "indicator_id", "value"):
        if value is None:
            continue
        for key, tags in KEY_TAGS.items():
            if set(tags) & set(indicators[indicator_id].tags):
                figures = by_report[report_id]
                figures[key] = figures.get(key, Decimal(0)) + value
    # A table by field tells the whole story of applications: it wins over the annex.
    for report_id, figures in table_figures.items():
        by_report[report_id] = figures
    return by_report


def build(reviewer_unit: AdministrativeUnit, period: ReportingPeriod) -> Dashboard:
    units = list(units_for(reviewer_unit, period))
    reports = {
        r.unit_id: r
        for r in Report.objects.filter(
            unit__in=[u.pk for u in units],
            period__kind=period.kind,
            period__year=period.year,
            period__number=period.number,
        ).select_related("template")
    }
    sends = {
        row["report_id"]: row
        for row in ReportTransition.objects.filter(
            report__in=list(reports.values()), to_status=ReportStatus.SUBMITTED
        )
        .values("report_id")
        .annotate(first=Min("at"), last=Max("at"), times=Count("pk"))
    }
    first_sent = {pk: row["first"] for pk, row in sends.items()}
    extensions = {
        e.unit_id: e
        for e in DeadlineExtension.objects.filter(period=period, unit__in=[u.pk for u in units])
    }
    figures = tagged_figures(list(reports.values()))
    lines = []
    for unit in units:
        report = reports.get(unit.pk)
        lines.append(
            UnitLine(
                unit=unit,
                report=report,
                submitted_at=(first_sent.get(report.pk) or report.submitted_at) if report else None,
                due_date=period.due_date,
                extension=extensions.get(unit.pk),
                figures=figures.get(report.pk, {}) if report else {},
                last_sent_at=sends[report.pk]["last"] if report and report.pk in sends else None,
                times_sent=sends[report.pk]["times"] if report and report.pk in sends else 0,
            )
        )
    return Dashboard(period=period, lines=lines)


SORTS = {
    "ten": lambda line: fold(line.unit.name),
    "trang-thai": lambda line: line.status,
    "ngay-gui": lambda line: line.submitted_at or dt.datetime.max.replace(tzinfo=dt.UTC),
    "loi": lambda line: -(line.report.error_count if line.report else 0),
    "tiep-nhan": lambda line: -(line.figures.get("received") or 0),
    "truc-tuyen": lambda line: -(line.online_rate or 0),
    "dung-han": lambda line: -(line.on_time_rate or 0),
}


def filter_lines(lines: list[UnitLine], query: str = "", status: str = "", sort: str = "ten"):
    """Search by name with or without accents ("hoang kim" finds "Hoằng Kim"), filter, sort."""
    needle = fold(query.strip())
    if needle:
        lines = [line for line in lines if needle in fold(line.unit.name)]
    if status in {"missing", "late", "on_time"}:
        lines = [line for line in lines if line.timeliness == status]
    elif status:
        lines = [line for line in lines if line.status == status]
    return sorted(lines, key=SORTS.get(sort, SORTS["ten"]))


def trend(reviewer_unit: AdministrativeUnit, period: ReportingPeriod, count: int = 6) -> list[dict]:
    """% online and % on time of the reviewer's communes over the last periods of this kind."""
    keys = [period.period_key]
    while len(keys) < count:
        keys.append(keys[-1].previous())
    points = []
    for key in reversed(keys):
        reports = list(
            Report.objects.filter(
                unit__path__startswith=reviewer_unit.path,
                period__kind=key.kind,
                period__year=key.year,
                period__number=key.number,
                status__in=SENT,
            )
        )
        totals: dict[str, Decimal] = {}
        for figures in tagged_figures(reports).values():
            for name, value in figures.items():
                totals[name] = totals.get(name, Decimal(0)) + value
        line = UnitLine(unit=reviewer_unit, report=None, submitted_at=None,
                        due_date=period.due_date, figures=totals)  # fmt: skip
        points.append(
            {
                "period": PeriodKey(key.kind, key.year, key.number).label,
                "online": float(line.online_rate) if line.online_rate is not None else None,
                "on_time": float(line.on_time_rate) if line.on_time_rate is not None else None,
                "reports": len(reports),
            }
        )
    return points
