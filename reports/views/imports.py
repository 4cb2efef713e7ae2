"""Commune staff bring a filled annex (Word, Excel or text) into their own report: upload →
preview of the matched and unmatched rows and of what changes → confirm → the values are
written into the draft. Or the whole báo cáo as they write it in Word ("báo cáo Word"): the
preview then shows too where each part of the document went (header fields, outline sections)
and what was left over. Nothing is written before the confirmation; the matched rows wait in
the session under a one-time token, with the report's version, so a report changed meanwhile
is not overwritten with a stale preview.

Scope: the report must be one the user sees (404 otherwise: an outsider learns nothing) and
may fill (403): a commune imports only into its own unit's draft or returned report while the
period is open. A submitted or approved report is refused with a message.
"""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from core.access import is_commune_staff
from core.http import form_status
from indicators.importers.files import MAX_UPLOAD_BYTES, ImportFileError, human_size
from indicators.importers.reader import read_annex_source
from indicators.importers.report_reader import read_report_source
from reports.access import can_import, get_report_for_user
from reports.annex_import import AnnexMatch, match_annex, preview_changes
from reports.forms.imports import REPORT, AnnexUploadForm
from reports.models import Report, ReportStatus
from reports.report_import import HEADER_LABELS, PART_LABELS, ReportMatch, match_report
from reports.services.imports import (
    MSG_NOT_EDITABLE,
    ImportRefused,
    annex_import_write,
    report_import_write,
)
from reports.views.requests import AuthenticatedHttpRequest
from reports.workflow import EDITABLE

SESSION_PREFIX = "imports.annex."
MSG_NOT_IMPORTER = (
    "Chỉ cán bộ của xã nhập được tệp vào báo cáo của xã mình, khi báo cáo còn là bản nháp "
    "(hoặc bị trả lại) và kỳ báo cáo còn mở."
)
MSG_WRITTEN = "Đã nhập {written} số liệu từ tệp {filename}{extra}."
MSG_CLEARED = ", xóa {count} ô để trống trong tệp"
MSG_SECTIONS = ", {count} mục nội dung báo cáo"
MSG_CELLS = ", {count} ô bảng theo lĩnh vực"
MSG_HEADER = ", phần đầu, cuối văn bản"
MSG_EXPIRED = "Bản xem trước đã hết hạn hoặc đã được dùng: hãy tải tệp lên lại."
MSG_CANCELLED = "Đã hủy, không nhập gì."


def _get_report_for_import(request: AuthenticatedHttpRequest, pk: int) -> Report:
    report, _editable = get_report_for_user(request.user, pk)
    if not can_import(request.user, report):
        raise PermissionDenied(MSG_NOT_IMPORTER)
    return report


def _refused(request: AuthenticatedHttpRequest, report: Report) -> HttpResponse | None:
    """The commune's own report that was already sent: said plainly, not a bare 403."""
    user = request.user
    own = is_commune_staff(user) and user.unit_id == report.unit_id
    if own and report.status not in EDITABLE:
        message = MSG_NOT_EDITABLE.format(
            unit=report.unit, period=report.period.label, status=ReportStatus(report.status).label
        )
        return render(
            request,
            "reports/imports/refused.html",
            {"report": report, "message": message},
            status=409,
        )
    return None


@login_required
def import_index(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The reports the user may bring a file into."""
    user = request.user
    if user.is_superuser:
        reports = Report.objects.filter(status__in=EDITABLE)
    elif is_commune_staff(user):
        reports = Report.objects.for_unit(user.unit)
    else:
        raise PermissionDenied(MSG_NOT_IMPORTER)
    reports = reports.select_related("unit", "period", "template").order_by("-period__end_date")
    rows = [(report, can_import(user, report)) for report in reports[:100]]
    return render(request, "reports/imports/index.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def annex_upload(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report, _editable = get_report_for_user(request.user, pk)
    refused = _refused(request, report)
    if refused is not None:
        return refused
    if not can_import(request.user, report):
        raise PermissionDenied(MSG_NOT_IMPORTER)
    form = AnnexUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        whole = form.cleaned_data["kind"] == REPORT
        try:
            data = upload.read()
            if whole:
                return _report_preview(request, report, upload.name, data)
            source = read_annex_source(data)
        except ImportFileError as error:
            form.add_error("file", error.message)
        else:
            match = match_annex(report.template, source)
            for message in match.too_long():
                form.add_error("file", message)
        if form.is_valid():
            token = _keep(request, report, upload.name, "annex", match.as_data())
            stored = {value.indicator_id: value for value in report.values.all()}
            return render(
                request,
                "reports/imports/preview.html",
                {
                    "report": report,
                    "match": match,
                    "summary": match.summary(),
                    "changes": preview_changes(stored, match),
                    "token": token,
                    "filename": upload.name,
                    "format_label": source.format_label,
                },
            )
    status = form_status(form)
    return render(
        request,
        "reports/imports/upload.html",
        {"report": report, "form": form, "limit": human_size(MAX_UPLOAD_BYTES)},
        status=status,
    )


def _keep(request: AuthenticatedHttpRequest, report: Report, name: str, kind: str, data) -> str:
    """The match waits in the session for its confirmation, under a one-time token."""
    token = secrets.token_urlsafe(16)
    request.session[SESSION_PREFIX + str(report.pk)] = {
        "token": token,
        "version": report.version,
        "filename": name[:200],
        "kind": kind,
        "match": data,
    }
    return token


def _report_preview(
    request: AuthenticatedHttpRequest, report: Report, filename: str, data: bytes
) -> HttpResponse:
    """The whole báo cáo: what went where (header fields, sections, values, tables), what
    was left over, and what changes."""
    source = read_report_source(data)
    match = match_report(report.template, source)
    token = _keep(request, report, filename, REPORT, match.as_data())
    summary = match.summary()
    header = match.letter_header
    fields = []
    for name, label in HEADER_LABELS.items():
        value = summary["header"].get(name)
        if value in ("", None, []):
            continue
        if name == "footnotes":
            value = "; ".join(f"{note['mark']} {note['text']}" for note in header.footnotes)
        elif name == "recipients":
            value = "; ".join(header.recipients)
        elif name == "date":
            value = header.date.strftime("%d/%m/%Y") if header.date else ""
        current = getattr(report, "document_date" if name == "date" else name, None)
        fields.append({"label": label, "value": value, "current": _shown(current)})
    stored = {value.indicator_id: value for value in report.values.all()}
    unmatched = [
        {**item, "part": PART_LABELS.get(item["part"], item["part"])}
        for item in summary["unmatched"]
    ]
    return render(
        request,
        "reports/imports/preview_report.html",
        {
            "report": report,
            "match": match,
            "summary": summary,
            "fields": fields,
            "unmatched": unmatched,
            "cells": len(match.annex.cells),
            "changes": preview_changes(stored, match.annex),
            "token": token,
            "filename": filename,
            "format_label": source.format_label,
        },
    )


def _shown(value) -> str:
    """A report's field as the preview shows it beside the file's."""
    if value is None:
        return ""
    if isinstance(value, list):
        items = [
            f"{item.get('mark', '')} {item.get('text', '')}" if isinstance(item, dict) else item
            for item in value
        ]
        return "; ".join(str(item) for item in items)
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)


@login_required
@require_POST
def annex_confirm(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = _get_report_for_import(request, pk)
    key = SESSION_PREFIX + str(report.pk)
    pending = request.session.get(key)
    if not pending or request.POST.get("token") != pending.get("token"):
        messages.error(request, MSG_EXPIRED)
        return redirect("imports:upload", pk=report.pk)
    del request.session[key]
    if "cancel" in request.POST:
        messages.info(request, MSG_CANCELLED)
        return redirect("reports:report", pk=report.pk)
    whole = pending.get("kind") == REPORT
    try:
        if whole:
            result = report_import_write(
                report=report,
                match=ReportMatch.from_data(pending["match"]),
                user=request.user,
                expected_version=pending["version"],
            )
        else:
            result = annex_import_write(
                report=report,
                match=AnnexMatch.from_data(pending["match"]),
                user=request.user,
                expected_version=pending["version"],
            )
    except ImportRefused as error:
        messages.error(request, error.message)
        return redirect("imports:upload", pk=report.pk)
    extra = (
        (MSG_CLEARED.format(count=result.cleared) if result.cleared else "")
        + (MSG_SECTIONS.format(count=result.sections) if result.sections else "")
        + (MSG_CELLS.format(count=result.cells) if result.cells else "")
        + (MSG_HEADER if whole else "")
    )
    messages.success(
        request,
        MSG_WRITTEN.format(written=result.written, filename=pending["filename"], extra=extra),
    )
    return redirect("reports:report", pk=report.pk)
