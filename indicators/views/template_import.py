"""Template admins create a template from an annex file: upload → preview of the tree that will
be created and of every line that could not be placed → confirm. Nothing is saved before the
confirmation: the parsed plan waits in the session, under a one-time token."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from core.access import template_admin_required
from core.http import form_status
from indicators.forms.editor import TemplateUploadForm
from indicators.importers.files import ImportFileError
from indicators.importers.reader import SOURCE_LABELS, read_annex_source
from indicators.importers.template_import import (
    TemplateImportError,
    TemplatePlan,
    next_version,
    plan_template,
    template_create,
)
from indicators.models import ValueType

SESSION_KEY = "editor.template_import"
MSG_CREATED = "Đã tạo mẫu {code} phiên bản {version} (bản nháp) từ tệp {filename}."
MSG_EXPIRED = "Bản xem trước đã hết hạn hoặc đã được dùng: hãy tải tệp lên lại."
MSG_CANCELLED = "Đã hủy, không tạo mẫu nào."


@template_admin_required
@require_http_methods(["GET", "POST"])
def template_import(request: HttpRequest) -> HttpResponse:
    form = TemplateUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            plan = plan_template(read_annex_source(upload.read()))
        except ImportFileError as error:
            form.add_error("file", error.message)
        else:
            token = secrets.token_urlsafe(16)
            data = {key: form.cleaned_data[key] for key in ("code", "title", "annex_label", "year")}
            request.session[SESSION_KEY] = {
                "token": token,
                "plan": plan.as_data(),
                "filename": upload.name[:200],
                **data,
            }
            return render(
                request,
                "indicators/editor/import_preview.html",
                {
                    "plan": plan,
                    "rows": [
                        {**row, "type_label": ValueType(row["value_type"]).label}
                        for row in plan.rows
                    ],
                    "format_label": SOURCE_LABELS.get(plan.source_format, plan.source_format),
                    "token": token,
                    "filename": upload.name,
                    "version": next_version(data["code"]),
                    **data,
                },
            )
    status = form_status(form)
    return render(request, "indicators/editor/import_form.html", {"form": form}, status=status)


@template_admin_required
@require_POST
def template_import_confirm(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(SESSION_KEY)
    if not pending or request.POST.get("token") != pending.get("token"):
        messages.error(request, MSG_EXPIRED)
        return redirect("template_admin:import")
    del request.session[SESSION_KEY]
    if "cancel" in request.POST:
        messages.info(request, MSG_CANCELLED)
        return redirect("template_admin:templates")
    try:
        template = template_create(
            plan=TemplatePlan.from_data(pending["plan"]),
            code=pending["code"],
            title=pending["title"],
            annex_label=pending.get("annex_label") or "",
            year=pending.get("year"),
            source=f"nhập từ tệp {pending['filename']}",
        )
    except TemplateImportError as error:
        messages.error(request, error.message)
        return redirect("template_admin:import")
    messages.success(
        request,
        MSG_CREATED.format(
            code=template.code, version=template.version, filename=pending["filename"]
        ),
    )
    return redirect("template_admin:template", pk=template.pk)
