"""Commune staff fill the report: the form page, autosaved cells, sections and header."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from core.access import is_commune_staff
from core.numbers import format_number
from indicators.models import Indicator, TableColumn, TableRow
from reports.access import get_report_for_user
from reports.entry_checks import findings_by_code, report_findings
from reports.entry_page import (
    annex_row,
    annex_row_findings,
    annex_sections,
    single_row,
    table_grids,
)
from reports.forms.entry import CellForm, SectionForm, TableCellForm
from reports.forms.header import ReportHeaderForm
from reports.models import AdministrativeUnit, NarrativeSection, ReportingPeriod
from reports.narrative_figures import standard_sentences
from reports.services import entry
from reports.views.decorators import login_required_htmx
from reports.views.review import review_context

MSG_READ_ONLY = "Báo cáo này chỉ xem, không sửa được."
# On a refusal that stored nothing: the page keeps its local copy of what was typed.
NOT_SAVED_HEADER = "X-Not-Saved"
FORM_PAGE = "reports/report_form.html"


def _forbid() -> HttpResponse:
    return HttpResponseForbidden(MSG_READ_ONLY)


def _saved_at() -> str:
    return timezone.localtime().strftime("%H:%M")


@login_required_htmx
@require_GET
def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    report, editable = get_report_for_user(request.user, pk)
    sections = list(report.sections.select_related("outline").order_by("position"))
    reviewing = review_context(request, report)
    for section in sections:
        section.review_comments = reviewing["comments_by_section"].get(section.pk, [])
    findings = report_findings(report)
    context = {
        **reviewing,
        "report": report,
        "editable": editable,
        "findings": findings,
        "annex": annex_sections(
            report, reviewing["comments_by_indicator"], findings_by_code(findings)
        ),
        "grids": table_grids(report),
        "sections": sections,
        "header_form": ReportHeaderForm(instance=report),
        "unit": report.unit,
        "period": report.period,
    }
    return render(request, FORM_PAGE, context)


@login_required_htmx
@require_POST
def value_save(request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    report, editable = get_report_for_user(request.user, pk)
    if not editable:
        return _forbid()
    indicator = get_object_or_404(Indicator, pk=indicator_pk, template_id=report.template_id)
    form = CellForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    typed = form.typed(indicator)
    try:
        result = entry.value_save(
            report=report,
            indicator=indicator,
            typed=typed,
            base=form.cleaned_data["base"],
            force=form.cleaned_data["force"],
            user=request.user,
        )
    except entry.EntryError as error:
        return HttpResponse(error.message, status=403)
    context = {"report": report, "editable": True, "saved_at": _saved_at(), "result": result}
    if result.conflict:
        context["row"] = annex_row(indicator, None)
        return render(request, f"{FORM_PAGE}#value-conflict", context, status=409)
    context["row"] = single_row(report, indicator)
    status = 422 if typed.error else 200
    response = render(request, f"{FORM_PAGE}#value-saved", context, status=status)
    # The checks run once the user pauses (the summary asks for them), not on every keystroke.
    response["HX-Trigger"] = "findings-stale"
    return response


@login_required_htmx
@require_POST
def value_confirm(request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    report, editable = get_report_for_user(request.user, pk)
    if not editable:
        return _forbid()
    indicator = get_object_or_404(Indicator, pk=indicator_pk, template_id=report.template_id)
    entry.value_confirm(report=report, indicator=indicator, user=request.user)
    context = {
        "report": report,
        "editable": True,
        "row": single_row(report, indicator),
        "saved_at": _saved_at(),
    }
    response = render(request, f"{FORM_PAGE}#value-saved", context)
    response["HX-Trigger"] = "findings-stale"
    return response


@login_required_htmx
@require_GET
def report_findings_panel(request: HttpRequest, pk: int) -> HttpResponse:
    """The checks' summary and every row's findings, as they stand now (htmx refresh)."""
    report, editable = get_report_for_user(request.user, pk)
    findings = report_findings(report)
    by_code = findings_by_code(findings)
    rows = [
        annex_row_findings(indicator, by_code)
        for indicator in report.template.indicators.order_by("position")
        if indicator.is_input
    ]
    context = {"report": report, "editable": editable, "findings": findings, "rows": rows}
    return render(request, f"{FORM_PAGE}#findings-refresh", context)


@login_required_htmx
@require_POST
def cell_save(request: HttpRequest, pk: int, row_pk: int, column_pk: int) -> HttpResponse:
    report, editable = get_report_for_user(request.user, pk)
    if not editable:
        return _forbid()
    row = get_object_or_404(TableRow, pk=row_pk, table__template_id=report.template_id)
    column = get_object_or_404(TableColumn, pk=column_pk, table_id=row.table_id)
    form = TableCellForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    typed = form.typed_count()
    result = entry.cell_save(
        report=report,
        row=row,
        column=column,
        typed=typed,
        base=form.cleaned_data["base"],
        force=form.cleaned_data["force"],
        user=request.user,
    )
    context = {
        "report": report,
        "row": row,
        "column": column,
        "result": result,
        "typed": typed,
        "saved_at": _saved_at(),
        "display": format_number(typed.value) if typed.value is not None else typed.raw,
    }
    if result.conflict:
        return render(request, f"{FORM_PAGE}#cell-conflict", context, status=409)
    return render(request, f"{FORM_PAGE}#cell-saved", context, status=422 if typed.error else 200)


@login_required_htmx
@require_POST
def section_save(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    report, editable = get_report_for_user(request.user, pk)
    if not editable:
        return _forbid()
    section = get_object_or_404(NarrativeSection, pk=section_pk, report=report)
    form = SectionForm(request.POST)
    if not form.is_valid():
        # Too long: refused next to the section; the text stays in the editor (and in the
        # browser's copy, which ``X-Not-Saved`` tells the page to keep).
        errors = [error for field in form.errors.values() for error in field]
        context = {"report": report, "section": section, "errors": errors}
        response = render(request, f"{FORM_PAGE}#section-refused", context, status=422)
        response[NOT_SAVED_HEADER] = "1"
        return response
    try:
        result = entry.section_save(
            report=report,
            section=section,
            heading=form.cleaned_data["heading"],
            text=form.cleaned_data["text"],
            base=form.cleaned_data["base"],
            force=form.cleaned_data["force"],
            user=request.user,
        )
    except entry.EntryError as error:
        return HttpResponse(error.message, status=403)
    section.refresh_from_db()
    context = {
        "report": report,
        "section": section,
        "result": result,
        "mine": form.cleaned_data["text"],
        "saved_at": _saved_at(),
    }
    if result.conflict:
        return render(request, f"{FORM_PAGE}#section-conflict", context, status=409)
    return render(request, f"{FORM_PAGE}#section-saved", context)


@login_required_htmx
@require_GET
def section_figures(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    """The standard sentences built from the annex, for "Chèn số liệu"."""
    report, _editable = get_report_for_user(request.user, pk)
    section = get_object_or_404(NarrativeSection, pk=section_pk, report=report)
    text = "\n".join(standard_sentences(report, section.heading))
    return HttpResponse(text, content_type="text/plain; charset=utf-8")


@login_required_htmx
@require_POST
def header_save(request: HttpRequest, pk: int) -> HttpResponse:
    report, editable = get_report_for_user(request.user, pk)
    if not editable:
        return _forbid()
    form = ReportHeaderForm(request.POST, instance=report)
    context = {"report": report, "header_form": form, "editable": True, "saved_at": _saved_at()}
    if not form.is_valid():
        return render(request, f"{FORM_PAGE}#header-form", context, status=422)
    entry.header_save(
        report=report,
        data={name: form.cleaned_data[name] for name in form.changed_data},
        user=request.user,
    )
    return render(request, f"{FORM_PAGE}#header-form", context)


@login_required_htmx
@require_POST
def report_start(request: HttpRequest, period_pk: int) -> HttpResponse:
    user = request.user
    if not is_commune_staff(user):
        return HttpResponseForbidden("Chỉ cán bộ xã lập báo cáo của xã mình.")
    period = get_object_or_404(ReportingPeriod, pk=period_pk)
    unit: AdministrativeUnit = user.unit
    try:
        report = entry.report_start(unit=unit, period=period, user=user)
    except entry.EntryError as error:
        messages.error(request, error.message)
        return redirect("reports:home")
    return redirect("reports:report", pk=report.pk)
