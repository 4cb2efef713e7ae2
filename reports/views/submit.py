"""Checking and sending a report."""

from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.http import HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from core.text import clean_text
from reports.access import get_report_for_user
from reports.services import entry
from reports.services.submit import SubmitBlocked, prefill_confirm_all, report_submit, review
from reports.views.decorators import login_required_htmx
from reports.views.requests import AuthenticatedHttpRequest

PANEL = "reports/partials/check_panel.html"
MSG_SENT = "Đã gửi báo cáo {period} lên cấp trên."


@login_required_htmx
@require_GET
def report_check(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report, editable = get_report_for_user(request.user, pk)
    return render(
        request, PANEL, {"report": report, "editable": editable, "review": review(report)}
    )


@login_required_htmx
@require_POST
def report_send(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report, editable = get_report_for_user(request.user, pk)
    if not editable:
        return HttpResponseForbidden("Báo cáo này không gửi được.")
    explanations = {
        key.removeprefix("explain:"): request.POST.get(key, "")
        for key in request.POST
        if key.startswith("explain:")
    }
    try:
        report_submit(report=report, user=request.user, explanations=explanations)
    except SubmitBlocked as blocked:
        current = review(report)
        if blocked.too_long:
            # The refused explanations go back into their boxes, each with its message.
            typed = {key: clean_text(str(text)) for key, text in explanations.items()}
            warnings = [
                (key, finding, typed[key] if key in blocked.too_long else explanation)
                for key, finding, explanation in current.warnings
            ]
            current = replace(current, warnings=warnings)
        context = {
            "report": report,
            "editable": editable,
            "review": current,
            "blocked": blocked.message,
            "explanation_errors": blocked.too_long,
        }
        return render(request, PANEL, context, status=422)
    except entry.EntryError as error:
        return HttpResponseForbidden(error.message)
    messages.success(request, MSG_SENT.format(period=report.period.label))
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = report.get_absolute_url()
        return response
    return redirect(report.get_absolute_url())


@login_required_htmx
@require_POST
def prefill_confirm(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report, editable = get_report_for_user(request.user, pk)
    if not editable:
        return HttpResponseForbidden("Báo cáo này không sửa được.")
    prefill_confirm_all(report=report, user=request.user)
    return redirect(report.get_absolute_url())
