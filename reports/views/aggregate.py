"""The reviewer's aggregated annex of a period: on screen, as XLSX and as JSON."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import render

from reports.access import followed_unit
from reports.aggregation import NothingToAggregate, aggregate, distribution_text
from reports.exports import CONTENT_TYPES
from reports.exports.aggregate import render_aggregate_xlsx
from reports.models import ReportingPeriod, ReportStatus
from reports.views.dashboard import chosen_period
from reports.views.requests import AuthenticatedHttpRequest

MSG_REVIEWERS_ONLY = "Tổng hợp số liệu dành cho cán bộ thẩm định (Phòng/Sở Nội vụ)."


def _statuses(request: HttpRequest) -> tuple[str, ...]:
    data = request.POST if request.method == "POST" else request.GET
    wanted = data.getlist("trang_thai") or [ReportStatus.APPROVED]
    return tuple(s for s in wanted if s in (ReportStatus.APPROVED, ReportStatus.SUBMITTED)) or (
        ReportStatus.APPROVED,
    )


@login_required
def aggregate_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    unit = followed_unit(request.user)
    if unit is None:
        return HttpResponseForbidden(MSG_REVIEWERS_ONLY)
    period = chosen_period(request, unit)
    statuses = _statuses(request)
    context: dict[str, Any] = {
        "unit": unit,
        "period": period,
        "periods": ReportingPeriod.objects.filter(scope__isnull=True).order_by("-end_date"),
        "statuses": statuses,
    }
    try:
        wants_file = request.GET.get("dinh_dang") == "xlsx"
        result = aggregate(unit, period, statuses, per_unit=wants_file) if period else None
    except NothingToAggregate as error:
        context["empty"] = error.message
        return render(request, "reports/aggregate.html", context)
    fmt = request.GET.get("dinh_dang")
    if result is not None and fmt == "xlsx":
        response = HttpResponse(
            render_aggregate_xlsx(result, statuses), content_type=CONTENT_TYPES["xlsx"]
        )
        name = f"tong-hop-cchc-{unit.code}-{result.period.key}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    if result is not None and fmt == "json":
        return HttpResponse(
            json.dumps(result.as_json(), ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
    if result is not None:
        context["aggregate"] = result
        context["rows"] = [
            (
                indicator,
                result.values.get(indicator.code),
                result.texts.get(indicator.code)
                or (
                    distribution_text(indicator, result.distributions[indicator.code])
                    if indicator.code in result.distributions
                    else ""
                ),
                result.recomputed.get(indicator.code, ""),
            )
            for indicator in result.indicators
        ]
    return render(request, "reports/aggregate.html", context)
