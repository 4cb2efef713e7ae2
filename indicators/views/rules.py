"""Template admins edit a template's validation rules and try them on a report."""

from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from core.access import template_admin_required
from core.http import HtmxHttpRequest, form_status
from indicators import rule_preview as preview_source
from indicators.forms.rules import RuleForm, RulePreviewForm
from indicators.models import IndicatorTemplate, ValidationRule
from indicators.rule_builder import builder_rows
from indicators.structure import rule_info, template_data
from indicators.validation.findings import num
from indicators.validation.rules import evaluate_rule, rule_finding
from indicators.validation.snapshot import RuleInfo
from indicators.views.locked import locked_page

MSG_CREATED = "Đã thêm quy tắc “{code}”."
MSG_SAVED = "Đã lưu quy tắc “{code}”."
MSG_DELETED = "Đã xóa quy tắc “{code}”."
MSG_CHOOSE_REPORT = "Chọn một báo cáo để thử quy tắc."
MSG_CHOOSE_RULE = (
    "Chọn một quy tắc trong danh sách (nút “Thử”) hoặc thử ngay trong trang sửa quy tắc."
)
OUTCOME_LABELS = {
    "passed": "Đạt: quy tắc không phát hiện gì trên báo cáo này.",
    "failed": "Không đạt: quy tắc phát hiện sai lệch.",
    "skipped": "Bỏ qua: có ô trống theo cách xử lý ô trống đã chọn (hoặc phép chia cho 0).",
    "invalid": "Quy tắc không dùng được trên báo cáo này.",
}


def _get_template(pk: int) -> IndicatorTemplate:
    return get_object_or_404(IndicatorTemplate.objects.select_related("issuer"), pk=pk)


def _preview_reports(request: HttpRequest, template: IndicatorTemplate):
    return preview_source.reports_for(request.user, template)


@template_admin_required
def rule_list(request: HttpRequest, pk: int) -> HttpResponse:
    template = _get_template(pk)
    return render(
        request,
        "indicators/rules/rule_list.html",
        {
            "template": template,
            "rules": template.rules.order_by("position", "code"),
            "reports": _preview_reports(request, template),
        },
    )


@template_admin_required
@require_http_methods(["GET", "POST"])
def rule_create(request: HttpRequest, pk: int) -> HttpResponse:
    template = _get_template(pk)
    if not template.is_editable:
        return locked_page(request, template)
    next_position = template.rules.count() + 1
    form = RuleForm(
        request.POST or None,
        template=template,
        initial={"position": next_position, "code": f"quy-tac-{next_position}"},
    )
    if request.method == "POST" and form.is_valid():
        rule = form.save()
        messages.success(request, MSG_CREATED.format(code=rule.code))
        return redirect("template_admin:rules", pk=template.pk)
    return _render_form(request, template, form, rule=None)


@template_admin_required
@require_http_methods(["GET", "POST"])
def rule_edit(request: HttpRequest, pk: int, rule_pk: int) -> HttpResponse:
    template = _get_template(pk)
    rule = get_object_or_404(ValidationRule, pk=rule_pk, template=template)
    if not template.is_editable:
        return locked_page(request, template)
    form = RuleForm(request.POST or None, instance=rule, template=template)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, MSG_SAVED.format(code=rule.code))
        return redirect("template_admin:rules", pk=template.pk)
    return _render_form(request, template, form, rule=rule)


def _render_form(request, template, form, *, rule) -> HttpResponse:
    status = form_status(form)
    return render(
        request,
        "indicators/rules/rule_form.html",
        {
            "template": template,
            "form": form,
            "rule": rule,
            "reports": _preview_reports(request, template),
            "builder_rows": builder_rows(template),
        },
        status=status,
    )


@template_admin_required
@require_http_methods(["GET", "POST"])
def rule_delete(request: HttpRequest, pk: int, rule_pk: int) -> HttpResponse:
    template = _get_template(pk)
    rule = get_object_or_404(ValidationRule, pk=rule_pk, template=template)
    if not template.is_editable:
        return locked_page(request, template)
    if request.method == "POST":
        rule.delete()
        messages.success(request, MSG_DELETED.format(code=rule.code))
        return redirect("template_admin:rules", pk=template.pk)
    return render(
        request, "indicators/rules/rule_confirm_delete.html", {"template": template, "rule": rule}
    )


@template_admin_required
@require_http_methods(["GET", "POST"])
def rule_preview(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """What a rule finds on a report: a saved rule (``?rule=``) or the editor's unsaved one
    (POST of the form's fields). An htmx request gets the result fragment only."""
    template = _get_template(pk)
    params = request.POST if request.method == "POST" else request.GET
    reports = _preview_reports(request, template)
    report = _chosen_report(params.get("report"), reports)
    form = None
    info: RuleInfo | None = None
    saved_pk = params.get("rule")
    if saved_pk:
        saved = get_object_or_404(ValidationRule, pk=saved_pk, template=template)
        info = rule_info(saved)
    elif request.method == "POST":
        form = RulePreviewForm(params, template=template)
        if form.is_valid():
            info = form.rule_info()
    context = {
        "template": template,
        "reports": reports,
        "report": report,
        "rule_info": info,
        "form": form,
        "choose_report": MSG_CHOOSE_REPORT,
        "choose_rule": MSG_CHOOSE_RULE,
    }
    if info is not None and report is not None:
        # The rule is tried against the template being edited, on the report's figures.
        structure = template_data(template, rules=False)
        data = replace(preview_source.report_data(report), template=structure)
        outcome = evaluate_rule(info, data)
        context.update(
            outcome=outcome,
            outcome_label=OUTCOME_LABELS[outcome.status],
            left_value=num(outcome.left) if outcome.left is not None else "",
            right_value=num(outcome.right) if outcome.right is not None else "",
            finding=rule_finding(info, outcome),
        )
    fragment = "#preview" if request.htmx else ""
    status = form_status(form)
    return render(request, f"indicators/rules/rule_preview.html{fragment}", context, status=status)


def _chosen_report(value: str | None, reports):
    if not value or not value.isdigit():
        return None
    return next((r for r in reports if r.pk == int(value)), None)
