"""What a commune owes, by when: one line per open period, with its report if started."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from indicators.models import IndicatorTemplate, TemplateAssignment
from reports.deadlines import entry_open
from reports.models import AdministrativeUnit, Report, ReportingPeriod, ReportStatus

SENT = {ReportStatus.SUBMITTED, ReportStatus.APPROVED}


@dataclass
class Obligation:
    period: ReportingPeriod
    report: Report | None
    template: IndicatorTemplate | None
    today: dt.date
    unit: AdministrativeUnit

    @property
    def days_left(self) -> int:
        return (self.period.due_date - self.today).days

    @property
    def days_overdue(self) -> int:
        return -self.days_left

    @property
    def is_sent(self) -> bool:
        return self.report is not None and self.report.status in SENT

    @property
    def is_overdue(self) -> bool:
        return not self.is_sent and self.today > self.period.due_date

    @property
    def entry_open(self) -> bool:
        return entry_open(self.period, self.unit, self.today)

    @property
    def can_start(self) -> bool:
        return self.report is None and self.template is not None and self.entry_open


def periods_for(unit: AdministrativeUnit) -> list[ReportingPeriod]:
    """Open periods that apply to the unit: its own province's setting wins over the default."""
    ancestors = [int(pk) for pk in unit.path.strip("/").split("/") if pk]
    candidates = (
        ReportingPeriod.objects.open()
        .filter(Q(scope__isnull=True) | Q(scope_id__in=ancestors))
        .select_related("scope")
        .order_by("-end_date")
    )
    # A unit owes only the periods of its lifetime (a commune merged on 1/7/2025 owes none after).
    if unit.valid_to:
        candidates = candidates.filter(start_date__lte=unit.valid_to)
    if unit.valid_from:
        candidates = candidates.filter(end_date__gte=unit.valid_from)
    chosen: dict[tuple, ReportingPeriod] = {}
    for period in candidates:
        key = (period.kind, period.year, period.number)
        if key not in chosen or period.scope_id is not None:
            chosen[key] = period
    return sorted(chosen.values(), key=lambda p: p.end_date, reverse=True)


def owes(unit: AdministrativeUnit, period: ReportingPeriod) -> bool:
    """Whether the unit reports for the period at all: the period is the national one or its
    province's, and falls within the unit's lifetime (a commune merged on 1/7/2025 owes nothing
    after; one created then owes nothing before)."""
    if period.scope is not None and not unit.is_within(period.scope):
        return False
    if unit.valid_to and period.start_date > unit.valid_to:
        return False
    return not (unit.valid_from and period.end_date < unit.valid_from)


def obligations(unit: AdministrativeUnit, today: dt.date) -> list[Obligation]:
    periods = periods_for(unit)
    reports = {
        r.period_id: r
        for r in Report.objects.filter(unit=unit, period__in=periods).select_related("template")
    }
    return [
        Obligation(
            period=period,
            report=reports.get(period.pk),
            template=(
                reports[period.pk].template
                if period.pk in reports
                else TemplateAssignment.objects.template_for(unit, period)
            ),
            today=today,
            unit=unit,
        )
        for period in periods
    ]
