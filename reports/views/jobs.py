"""Background exports for reviewers: start, follow the progress, download when ready."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from core.period_keys import PeriodKeyError
from reports.access import followed_unit
from reports.exports import CONTENT_TYPES
from reports.models import ExportJob, JobStatus, ReportingPeriod
from reports.tasks import build_aggregate_export
from reports.views.aggregate import MSG_REVIEWERS_ONLY, _statuses
from reports.views.requests import AuthenticatedHttpRequest

JOB_PAGE = "reports/export_job.html"


@login_required
@require_POST
def export_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    unit = followed_unit(user)
    if unit is None:
        return HttpResponseForbidden(MSG_REVIEWERS_ONLY)
    try:
        period = ReportingPeriod.objects.by_key(request.POST.get("ky", ""), scope=unit)
    except (ReportingPeriod.DoesNotExist, PeriodKeyError):
        return HttpResponse("Kỳ báo cáo không hợp lệ.", status=400)
    statuses = _statuses(request)
    job = ExportJob.objects.create(user=user, unit=unit, period=period, statuses=",".join(statuses))
    build_aggregate_export.enqueue(job.pk)
    return redirect("reports:export_job", pk=job.pk)


def _own_job(request: AuthenticatedHttpRequest, pk: int) -> ExportJob:
    # A job is its requester's only: another user gets 404, as for any object out of scope.
    return get_object_or_404(
        ExportJob.objects.select_related("unit", "period"), pk=pk, user=request.user
    )


@login_required
@require_GET
def export_job(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = _own_job(request, pk)
    template = f"{JOB_PAGE}#job-status" if request.htmx else JOB_PAGE
    return render(request, template, {"job": job, "finished": job.status in _FINISHED})


_FINISHED = {JobStatus.DONE, JobStatus.FAILED}


@login_required
@require_GET
def export_download(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = _own_job(request, pk)
    if job.status != JobStatus.DONE or job.content is None:
        return HttpResponse("Tệp chưa sẵn sàng.", status=409)
    response = HttpResponse(bytes(job.content), content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    return response
