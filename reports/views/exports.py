"""Downloads of a report: the báo cáo (DOCX) and its annex (XLSX), filled or blank."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from reports.access import get_report_for_user
from reports.exports import content_type, export_filename, formatters, render_report
from reports.views.decorators import login_required_htmx
from reports.views.requests import AuthenticatedHttpRequest


@login_required_htmx
@require_GET
def report_download(request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponse:
    report, _editable = get_report_for_user(request.user, pk)
    if fmt not in formatters:
        raise Http404("Không có định dạng này.")
    blank = request.GET.get("mau") == "trong"
    response = HttpResponse(render_report(report, fmt, blank=blank), content_type=content_type(fmt))
    filename = export_filename(report, fmt, blank=blank)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
