"""The template editor for template admins: list, clone, edit the tree of a draft (htmx for the
row operations), the outline, publish, assign, compare versions, export as XLSX.

Views stay thin: the tree operations are ``indicators.tree_editing``, publishing and
assignments ``indicators.publishing``, comparison ``indicators.compare``. The XLSX download is
drawn by the report exporters a floor above (``reports.views.template_exports``, routed into
this area by ``cchc_portal.urls``). Anyone but a template admin gets 403.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.contrib import messages
from django.db.models import Count, ProtectedError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from core.access import template_admin_required
from core.http import HtmxHttpRequest, form_status
from indicators import rule_preview as preview_source
from indicators.compare import compare_templates, previous_version
from indicators.forms.editor import (
    AssignmentForm,
    CompareForm,
    FormulaTrialForm,
    OutlineFormSet,
    RowAddForm,
    RowForm,
    TemplateMetaForm,
)
from indicators.formula_builder import formula_choices, formula_trial
from indicators.models import Indicator, IndicatorTemplate, TemplateAssignment
from indicators.publishing import PublishingError, assignment_create, template_publish
from indicators.tree_editing import (
    EditResult,
    TreeEditError,
    outline_replace,
    publish_problems,
    row_add,
    row_delete,
    row_indent,
    row_move,
    row_outdent,
    row_update,
)
from indicators.views.locked import locked_page

MSG_CLONED = "Đã tạo bản nháp {code} phiên bản {version} từ phiên bản {source}."
MSG_PUBLISHED = "Đã ban hành mẫu {code} phiên bản {version}: từ nay mẫu không sửa được nữa."
MSG_DELETED = "Đã xóa bản nháp {code} phiên bản {version}."
MSG_DELETE_PROTECTED = "Không xóa được: mẫu đang được dùng (báo cáo hoặc phân công)."
MSG_META_SAVED = "Đã lưu thông tin mẫu."
MSG_ROW_SAVED = "Đã lưu chỉ tiêu {code}."
MSG_ROW_ADDED = "Đã thêm chỉ tiêu {code}."
MSG_OUTLINE_SAVED = "Đã lưu đề cương ({count} mục)."
MSG_ASSIGNED = "Đã phân công mẫu cho {unit}."
MSG_UNASSIGNED = "Đã bỏ phân công cho {unit}."
MSG_RENUMBERED = "Đã đánh lại mã: {changes}."
MSG_NOTHING_TO_COMPARE = "Chưa có phiên bản nào khác để so sánh."
ACTION_DONE = {
    "up": "Đã chuyển dòng {code} lên.",
    "down": "Đã chuyển dòng {code} xuống.",
    "indent": "Đã thụt dòng {code} vào một cấp.",
    "outdent": "Đã đưa dòng {code} ra một cấp.",
    "delete": "Đã xóa dòng {code} và các dòng bên dưới.",
}
ROW_ACTIONS: dict[str, Callable[..., EditResult]] = {
    "up": partial(row_move, direction="up"),
    "down": partial(row_move, direction="down"),
    "indent": row_indent,
    "outdent": row_outdent,
    "delete": row_delete,
}
MAX_RENUMBERINGS_SHOWN = 12
# Reports offered to try a row's formula on: the most recent the admin may see.
TRIAL_REPORTS = 5


def _get_template(pk: int) -> IndicatorTemplate:
    templates = IndicatorTemplate.objects.select_related("cloned_from", "issuer")
    return get_object_or_404(templates, pk=pk)


def _renumbering_note(renumbered: dict[str, str]) -> str:
    if not renumbered:
        return ""
    pairs = [f"{old} → {new}" for old, new in list(renumbered.items())[:MAX_RENUMBERINGS_SHOWN]]
    more = "…" if len(renumbered) > MAX_RENUMBERINGS_SHOWN else ""
    return MSG_RENUMBERED.format(changes=", ".join(pairs) + more)


def _tree_context(template: IndicatorTemplate) -> dict:
    return {
        "template": template,
        "rows": list(template.indicators.order_by("position")),
        "editable": template.is_editable,
    }


@template_admin_required
def template_list(request: HttpRequest) -> HttpResponse:
    templates = (
        IndicatorTemplate.objects.annotate(
            row_count=Count("indicators", distinct=True), rule_count=Count("rules", distinct=True)
        )
        .select_related("issuer")
        .order_by("code", "-version")
    )
    return render(request, "indicators/editor/template_list.html", {"templates": templates})


@template_admin_required
def template_detail(request: HttpRequest, pk: int) -> HttpResponse:
    template = _get_template(pk)
    context = _tree_context(template)
    context.update(
        {
            "meta_form": TemplateMetaForm(instance=template) if template.is_editable else None,
            "outline": template.outline.order_by("position"),
            "assignments": template.assignments.select_related("unit").order_by("unit__path"),
            "problems": publish_problems(template) if template.is_editable else [],
            "previous": previous_version(template),
        }
    )
    return render(request, "indicators/editor/template_detail.html", context)


@template_admin_required
@require_POST
def template_meta(request: HttpRequest, pk: int) -> HttpResponse:
    template = _get_template(pk)
    if not template.is_editable:
        return locked_page(request, template)
    form = TemplateMetaForm(request.POST, instance=template)
    if form.is_valid():
        form.save()
        messages.success(request, MSG_META_SAVED)
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(str(error) for error in errors))
    return redirect("template_admin:template", pk=template.pk)


@template_admin_required
@require_POST
def template_clone(request: HttpRequest, pk: int) -> HttpResponse:
    source = _get_template(pk)
    copy = source.clone()
    messages.success(
        request, MSG_CLONED.format(code=copy.code, version=copy.version, source=source.version)
    )
    return redirect("template_admin:template", pk=copy.pk)


@template_admin_required
@require_POST
def template_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    template = _get_template(pk)
    if not template.is_editable:
        return locked_page(request, template)
    try:
        template_publish(template=template)
    except PublishingError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, MSG_PUBLISHED.format(code=template.code, version=template.version)
        )
    return redirect("template_admin:template", pk=template.pk)


@template_admin_required
@require_POST
def template_delete(request: HttpRequest, pk: int) -> HttpResponse:
    template = _get_template(pk)
    if not template.is_editable:
        return locked_page(request, template)
    try:
        template.delete()
    except ProtectedError:
        messages.error(request, MSG_DELETE_PROTECTED)
        return redirect("template_admin:template", pk=template.pk)
    messages.success(request, MSG_DELETED.format(code=template.code, version=template.version))
    return redirect("template_admin:templates")


def _tree_response(
    request: HtmxHttpRequest, template: IndicatorTemplate, *, notes: list[str], error: str = ""
) -> HttpResponse:
    """htmx: the tree fragment with what happened above it; otherwise back to the page."""
    if request.htmx:
        context = _tree_context(template)
        context.update({"notes": notes, "error": error})
        status = 422 if error else 200
        return render(
            request, "indicators/editor/template_detail.html#tree", context, status=status
        )
    if error:
        messages.error(request, error)
    for note in notes:
        messages.success(request, note)
    return redirect("template_admin:template", pk=template.pk)


@template_admin_required
@require_POST
def row_action(request: HtmxHttpRequest, pk: int, row_pk: int, action: str) -> HttpResponse:
    template = _get_template(pk)
    if action not in ROW_ACTIONS:
        raise Http404
    if not template.is_editable:
        return locked_page(request, template)
    row = get_object_or_404(Indicator, pk=row_pk, template=template)
    code = row.code
    try:
        result = ROW_ACTIONS[action](template=template, row=row)
    except TreeEditError as error:
        return _tree_response(request, template, notes=[], error=error.message)
    notes = [ACTION_DONE[action].format(code=code), _renumbering_note(result.renumbered)]
    return _tree_response(request, template, notes=[n for n in notes if n] + result.warnings)


@template_admin_required
@require_http_methods(["GET", "POST"])
def row_create(request: HttpRequest, pk: int) -> HttpResponse:
    template = _get_template(pk)
    if not template.is_editable:
        return locked_page(request, template)
    initial = {key: request.GET[key] for key in ("parent", "after") if key in request.GET}
    form = RowAddForm(request.POST or None, template=template, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = row_add(
                template=template,
                name=data["name"],
                parent=data["parent"],
                after=data["after"],
                unit=data["unit"],
                value_type=data["value_type"],
                is_breakdown=data["is_breakdown"],
            )
        except TreeEditError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, MSG_ROW_ADDED.format(code=result.row.code))
            return redirect("template_admin:template", pk=template.pk)
    status = form_status(form)
    return render(
        request,
        "indicators/editor/row_add.html",
        {"template": template, "form": form},
        status=status,
    )


@template_admin_required
@require_http_methods(["GET", "POST"])
def row_edit(request: HttpRequest, pk: int, row_pk: int) -> HttpResponse:
    template = _get_template(pk)
    row = get_object_or_404(Indicator, pk=row_pk, template=template)
    if not template.is_editable:
        return locked_page(request, template)
    form = RowForm(request.POST or None, instance=row)
    if request.method == "POST" and form.is_valid():
        try:
            result = row_update(template=template, row=row, data=form.row_data())
        except TreeEditError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, MSG_ROW_SAVED.format(code=result.row.code))
            note = _renumbering_note(result.renumbered)
            if note:
                messages.info(request, note)
            return redirect("template_admin:template", pk=template.pk)
    reports = preview_source.recent_reports(request.user, template, TRIAL_REPORTS)
    context = _row_form_context(template, row, form, FormulaTrialForm(row=row, reports=reports))
    return render(request, "indicators/editor/row_form.html", context, status=form_status(form))


def _row_form_context(
    template: IndicatorTemplate, row: Indicator, form: RowForm, trial_form: FormulaTrialForm
) -> dict:
    return {
        "template": template,
        "row": row,
        "form": form,
        "formula_rows": formula_choices(template, row),
        "trial_form": trial_form,
    }


@template_admin_required
@require_http_methods(["GET", "POST"])
def row_formula_trial(request: HtmxHttpRequest, pk: int, row_pk: int) -> HttpResponse:
    """The row's formula as the form has it (not saved) computed on a report the admin may see,
    beside the figure the report has: htmx GET for the row form's panel; without script the
    row form posts here and its page comes back, as typed, with the result."""
    template = _get_template(pk)
    row = get_object_or_404(Indicator, pk=row_pk, template=template)
    if not template.is_editable:
        return locked_page(request, template)
    params = request.POST if request.method == "POST" else request.GET
    reports = preview_source.recent_reports(request.user, template, TRIAL_REPORTS)
    trial_form = FormulaTrialForm(params, row=row, reports=reports)
    trial = None
    if trial_form.is_valid() and trial_form.cleaned_data["report"] is not None:
        data = trial_form.cleaned_data
        trial = formula_trial(
            template,
            row,
            formula=data["formula"],
            value_type=data["value_type"],
            report=preview_source.report_data(data["report"]),
        )
    if request.htmx:
        context = {"template": template, "row": row, "trial_form": trial_form, "trial": trial}
        return render(request, "indicators/editor/row_form.html#formula-trial", context)
    form = RowForm(request.POST or None, instance=row)
    context = _row_form_context(template, row, form, trial_form)
    context["trial"] = trial
    return render(request, "indicators/editor/row_form.html", context)


@template_admin_required
@require_http_methods(["GET", "POST"])
def outline_edit(request: HttpRequest, pk: int) -> HttpResponse:
    template = _get_template(pk)
    if not template.is_editable:
        return locked_page(request, template)
    initial = [
        {
            "level": section.level,
            "heading": section.heading,
            "guidance": section.guidance,
            "prefill_from_previous": section.prefill_from_previous,
            "ORDER": position,
        }
        for position, section in enumerate(template.outline.order_by("position"), start=1)
    ]
    formset = OutlineFormSet(request.POST or None, initial=initial, prefix="outline")
    if request.method == "POST" and formset.is_valid():
        sections = [
            form.cleaned_data
            for form in formset.ordered_forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        outline_replace(template=template, sections=sections)
        messages.success(request, MSG_OUTLINE_SAVED.format(count=len(sections)))
        return redirect("template_admin:template", pk=template.pk)
    status = form_status(formset)
    return render(
        request,
        "indicators/editor/outline_form.html",
        {"template": template, "formset": formset},
        status=status,
    )


@template_admin_required
@require_http_methods(["GET", "POST"])
def assignments(request: HttpRequest, pk: int) -> HttpResponse:
    template = _get_template(pk)
    form = AssignmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assignment_create(
                template=template,
                unit=data["unit_code"],
                period_kinds=data["period_kinds"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
            )
        except PublishingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, MSG_ASSIGNED.format(unit=data["unit_code"]))
            return redirect("template_admin:assignments", pk=template.pk)
    status = form_status(form)
    return render(
        request,
        "indicators/editor/assignments.html",
        {
            "template": template,
            "form": form,
            "assignments": template.assignments.select_related("unit").order_by("unit__path"),
        },
        status=status,
    )


@template_admin_required
@require_POST
def assignment_delete(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    template = _get_template(pk)
    assignment = get_object_or_404(TemplateAssignment, pk=assignment_pk, template=template)
    unit = assignment.unit
    assignment.delete()
    messages.success(request, MSG_UNASSIGNED.format(unit=unit))
    return redirect("template_admin:assignments", pk=template.pk)


@template_admin_required
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    """This version against another (by default the one it was cloned from): rows added,
    removed, renamed, renumbered, and the mapping of codes (``?format=json`` to download)."""
    template = _get_template(pk)
    form = CompareForm(request.GET or None, template=template)
    other = form.cleaned_data["other"] if form.is_bound and form.is_valid() else None
    other = other or previous_version(template)
    if other is None:
        messages.info(request, MSG_NOTHING_TO_COMPARE)
        return redirect("template_admin:template", pk=template.pk)
    # The older version on the left, whichever page the comparison was asked from.
    newer_other = other.code == template.code and other.version > template.version
    old, new = (template, other) if newer_other else (other, template)
    comparison = compare_templates(old, new)
    if request.GET.get("format") == "json":
        return JsonResponse(comparison.as_data(), json_dumps_params={"ensure_ascii": False})
    if not form.is_bound:
        form = CompareForm(initial={"other": other}, template=template)
    return render(
        request,
        "indicators/editor/compare.html",
        {"template": template, "comparison": comparison, "form": form, "other": other},
    )
