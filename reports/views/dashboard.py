"""The reviewer's dashboard of a period."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import render

from core.models import AdministrativeUnit
from core.period_keys import PeriodKeyError
from reports import dashboard
from reports.access import followed_unit
from reports.models import Report, ReportingPeriod
from reports.views.requests import AuthenticatedHttpRequest

MSG_REVIEWERS_ONLY = "Trang theo dõi dành cho cán bộ thẩm định (Phòng/Sở Nội vụ)."


def _default_period(unit: AdministrativeUnit) -> ReportingPeriod | None:
    latest = Report.objects.within(unit).order_by("-period__end_date").values("period_id").first()
    if latest:
        return ReportingPeriod.objects.get(pk=latest["period_id"])
    return ReportingPeriod.objects.filter(scope__isnull=True).order_by("-end_date").first()


def chosen_period(request: HttpRequest, unit: AdministrativeUnit) -> ReportingPeriod | None:
    """The period named by ``?ky=`` (a key the reviewer's unit may see), else the latest one
    with reports in the unit."""
    if key := request.GET.get("ky"):
        try:
            return ReportingPeriod.objects.by_key(key, scope=unit)
        except (ReportingPeriod.DoesNotExist, PeriodKeyError):
            pass
    return _default_period(unit)


@login_required
def reviewer_dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    unit = followed_unit(request.user)
    if unit is None:
        return HttpResponseForbidden(MSG_REVIEWERS_ONLY)
    period = chosen_period(request, unit)
    periods = ReportingPeriod.objects.filter(scope__isnull=True).order_by("-end_date")
    context: dict[str, Any] = {"periods": periods, "period": period, "unit": unit}
    if period is not None:
        board = dashboard.build(unit, period)
        lines = dashboard.filter_lines(
            board.lines,
            query=request.GET.get("q", ""),
            status=request.GET.get("trang_thai", ""),
            sort=request.GET.get("sap_xep", "ten"),
        )
        chart = [
            {
                "unit": line.unit.short_name,
                "online": float(line.online_rate) if line.online_rate is not None else None,
                "on_time": float(line.on_time_rate) if line.on_time_rate is not None else None,
            }
            for line in board.lines
            if line.report is not None
        ]
        context.update(
            {
                "board": board,
                "lines": lines,
                "chart": chart,
                "trend": dashboard.trend(unit, period),
                "q": request.GET.get("q", ""),
                "status": request.GET.get("trang_thai", ""),
                "sort": request.GET.get("sap_xep", "ten"),
            }
        )
    template = "reports/dashboard.html"
    if request.htmx and request.htmx.target == "dashboard-table":
        template = "reports/dashboard.html#dashboard-table"
    return render(request, template, context)
