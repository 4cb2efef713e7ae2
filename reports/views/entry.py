"""Commune staff fill the report: the form page, autosaved cells, sections and header."""

from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.http import HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from core.numbers import format_number
from indicators.models import Indicator, TableColumn, TableRow
from reports.access import commune_of, get_report_for_user
from reports.entry_checks import findings_by_code, report_findings
from reports.entry_page import (
    annex_row,
    annex_row_findings,
    rows_after_save,
    rows_by_code,
    single_row,
    total_cells,
)
from reports.forms.entry import CellForm, SectionForm, TableCellForm
from reports.forms.header import ReportHeaderForm
from reports.models import (
    HEADER_FIELDS,
    NarrativeSection,
    Report,
    ReportingPeriod,
)
from reports.narrative_figures import section_offer
from reports.prefill import period_name
from reports.services import entry, start
from reports.views.decorators import login_required_htmx
from reports.views.report_page import FORM_PAGE, render_report_page
from reports.views.requests import AuthenticatedHttpRequest
from reports.workflow import EDITABLE

MSG_READ_ONLY = "Báo cáo này chỉ xem, không sửa được."
MSG_PREFILLED_OLD = (
    "Đã điền sẵn {count} số liệu từ báo cáo {period}: hãy xem lại và xác nhận từng số liệu."
)
MSG_NO_OLD_REPORT = "Không còn báo cáo cũ nào để điền sẵn: báo cáo này đã có số liệu."
# On a refusal that stored nothing: the page keeps its local copy of what was typed.
NOT_SAVED_HEADER = "X-Not-Saved"


def _forbid(report: Report) -> HttpResponse:
    """A save refused because the report takes no more input (sent, approved, closed) or the
    user may not type into it. The page shows the message and keeps what was typed."""
    if report.status not in EDITABLE:
        return HttpResponseForbidden(entry.not_editable_message(report))
    return HttpResponseForbidden(MSG_READ_ONLY)


def _refused(error: entry.EntryError) -> HttpResponse:
    """The report changed state while the save waited for it (sent from another tab)."""
    return HttpResponseForbidden(error.message)


def _saved_at() -> str:
    return timezone.localtime().strftime("%H:%M")


@login_required_htmx
@require_GET
def report_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report, editable = get_report_for_user(request.user, pk)
    return render_report_page(request, report, editable)


@login_required_htmx
@require_POST
def value_save(request: AuthenticatedHttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    report, editable = get_report_for_user(request.user, pk)
    if not editable:
        return _forbid(report)
    indicator = get_object_or_404(Indicator, pk=indicator_pk, template_id=report.template_id)
    form = CellForm(request.POST)
    if not form.is_valid():
        return _value_refused(request, report, indicator, form)
    typed = form.typed(indicator)
    try:
        result = entry.value_save(
            report=report,
            indicator=indicator,
            typed=typed,
            base=form.cleaned_data["base"],
            force=form.cleaned_data["force"],
            user=request.user,
            override_reason=form.cleaned_data["override_reason"],
        )
    except entry.ReasonRequired as error:
        return _reason_required(request, report, indicator, typed.raw, error)
    except entry.EntryError as error:
        return _refused(error)
    context = {"report": report, "editable": True, "saved_at": _saved_at(), "result": result}
    if result.conflict:
        context["row"] = annex_row(indicator, None)
        return render(request, f"{FORM_PAGE}#value-conflict", context, status=409)
    context["row"] = single_row(report, indicator)
    # The computed and derived figures the save changed come back with it (out of band).
    context["refreshed"] = rows_after_save(report, result.recomputed, saved=indicator)
    status = 422 if typed.error else 200
    response = render(request, f"{FORM_PAGE}#value-saved", context, status=status)
    # The checks run once the user pauses (the summary asks for them), not on every keystroke.
    response["HX-Trigger"] = "findings-stale"
    return response


def _value_refused(
    request: AuthenticatedHttpRequest, report, indicator: Indicator, form: CellForm
) -> HttpResponse:
    """What was typed cannot even be kept (too long, a NUL character): nothing is saved, the
    field keeps it, the message says why. Anything else wrong with the form is tampering."""
    if not form.value_error:
        return HttpResponse(status=400)
    row = single_row(report, indicator)
    row.error, row.suggestion = form.value_error, ""
    context = {"report": report, "editable": True, "row": row}
    return _not_saved(render(request, f"{FORM_PAGE}#value-refused", context, status=422))


def _reason_required(
    request: AuthenticatedHttpRequest,
    report: Report,
    indicator: Indicator,
    raw: str,
    error: entry.EntryError,
) -> HttpResponse:
    """A figure typed over a computed one without a reason: nothing is saved, the message is
    next to the field; the page keeps the figure and the reason box as they are."""
    row = single_row(report, indicator)
    row.error, row.suggestion = error.message, ""
    context = {"report": report, "editable": True, "row": row, "kept": raw}
    return _not_saved(render(request, f"{FORM_PAGE}#value-refused", context, status=422))


def _not_saved(response: HttpResponse) -> HttpResponse:
    """Tells the page to keep its copy of the field: the server has not got it."""
    response[NOT_SAVED_HEADER] = "1"
    return response


@login_required_htmx
@require_POST
def value_confirm(request: AuthenticatedHttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    report, editable = get_report_for_user(request.user, pk)
    if not editable:
        return _forbid(report)
    indicator = get_object_or_404(Indicator, pk=indicator_pk, template_id=report.template_id)
    try:
        entry.value_confirm(report=report, indicator=indicator, user=request.user)
    except entry.EntryError as error:
        return _refused(error)
    row = single_row(report, indicator)
    context = {
        "report": report,
        "editable": True,
        "row": row,
        # Its input too: no longer marked as waiting.
        "refreshed": [replace(row, refresh_box=True)],
        "saved_at": _saved_at(),
    }
    response = render(request, f"{FORM_PAGE}#value-saved", context)
    response["HX-Trigger"] = "findings-stale"
    return response


@login_required_htmx
@require_POST
def section_confirm(request: AuthenticatedHttpRequest, pk: int, code: str) -> HttpResponse:
    """ "Xác nhận cả mục": every figure waiting in a part of the annex is kept as it is; the
    rows come back confirmed (out of band), the button says how many."""
    report, editable = get_report_for_user(request.user, pk)
    if not editable:
        return _forbid(report)
    get_object_or_404(Indicator, template_id=report.template_id, code=code)
    codes = entry.waiting_codes(report, code)
    try:
        count = entry.section_confirm(report=report, code=code, user=request.user)
    except entry.EntryError as error:
        return _refused(error)
    refreshed = [
        replace(row, refresh_box=True, refresh_feedback=True) for row in rows_by_code(report, codes)
    ]
    context = {
        "report": report,
        "editable": True,
        "count": count,
        "refreshed": refreshed,
        "saved_at": _saved_at(),
    }
    response = render(request, f"{FORM_PAGE}#section-confirmed", context)
    response["HX-Trigger"] = "findings-stale"
    return response


@login_required_htmx
@require_POST
def prefill_old(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """ "Điền sẵn từ báo cáo …": the official chose the unit's last report although it is more
    than a year old; its figures fill the empty rows, marked with its period."""
    report, editable = get_report_for_user(request.user, pk)
    if not editable:
        return _forbid(report)
    try:
        old, count = entry.prefill_from_old_report(report=report, user=request.user)
    except entry.EntryError as error:
        messages.error(request, error.message)
        return redirect(report.get_absolute_url())
    if old is None:
        messages.info(request, MSG_NO_OLD_REPORT)
    else:
        period = period_name(old.period)
        messages.success(request, MSG_PREFILLED_OLD.format(count=count, period=period))
    return redirect(report.get_absolute_url())


@login_required_htmx
@require_GET
def report_findings_panel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
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
def cell_save(
    request: AuthenticatedHttpRequest, pk: int, row_pk: int, column_pk: int
) -> HttpResponse:
    report, editable = get_report_for_user(request.user, pk)
    if not editable:
        return _forbid(report)
    row = get_object_or_404(TableRow, pk=row_pk, table__template_id=report.template_id)
    column = get_object_or_404(TableColumn, pk=column_pk, table_id=row.table_id)
    form = TableCellForm(request.POST)
    if not form.is_valid():
        if not form.value_error:
            return HttpResponse(status=400)
        context = {"row": row, "column": column, "error": form.value_error}
        return _not_saved(render(request, f"{FORM_PAGE}#cell-refused", context, status=422))
    typed = form.typed_count()
    try:
        result = entry.cell_save(
            report=report,
            row=row,
            column=column,
            typed=typed,
            base=form.cleaned_data["base"],
            force=form.cleaned_data["force"],
            user=request.user,
        )
    except entry.EntryError as error:
        return _refused(error)
    context = {
        "report": report,
        "editable": True,
        "row": row,
        "column": column,
        "result": result,
        "typed": typed,
        "saved_at": _saved_at(),
        "display": format_number(typed.value) if typed.value is not None else typed.raw,
    }
    if result.conflict:
        return render(request, f"{FORM_PAGE}#cell-conflict", context, status=409)
    # The total row's cell of the column, added up again on the server, and the annex's rows
    # computed from the table, come back with the save (out of band).
    context["totals"] = total_cells(report, row, column)
    context["refreshed"] = rows_after_save(report, result.recomputed)
    return render(request, f"{FORM_PAGE}#cell-saved", context, status=422 if typed.error else 200)


@login_required_htmx
@require_POST
def section_save(request: AuthenticatedHttpRequest, pk: int, section_pk: int) -> HttpResponse:
    report, editable = get_report_for_user(request.user, pk)
    if not editable:
        return _forbid(report)
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
        return _refused(error)
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
def section_figures(request: AuthenticatedHttpRequest, pk: int, section_pk: int) -> HttpResponse:
    """What "Chèn số liệu" offers the section: the figures of its part of the annex, each
    line to pick, those failing a check marked and not picked."""
    report, _editable = get_report_for_user(request.user, pk)
    section = get_object_or_404(NarrativeSection, pk=section_pk, report=report)
    context = {"section": section, "offer": section_offer(report, section)}
    return render(request, "reports/partials/figures_offer.html", context)


@login_required_htmx
@require_POST
def header_save(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The header form posts every field with the value its page showed (``base-<field>``):
    only the fields the user changed are written, each under the conflict rule of values."""
    report, editable = get_report_for_user(request.user, pk)
    if not editable:
        return _forbid(report)
    form = ReportHeaderForm(request.POST, instance=report)
    posted_bases = {
        name: request.POST[f"base-{name}"]
        for name in HEADER_FIELDS
        if f"base-{name}" in request.POST
    }
    context = {"report": report, "editable": True}
    if not form.is_valid():
        stored = Report.objects.get(pk=report.pk)
        bases = {name: form.input_text(name, getattr(stored, name)) for name in HEADER_FIELDS}
        context |= {"header_form": form, "header_bases": bases | posted_bases}
        return render(request, f"{FORM_PAGE}#header-form", context, status=422)
    # A field the request does not carry is not the user's change; a field without its base
    # was shown empty (as for values).
    edits = {
        name: entry.HeaderEdit(
            base=form.base_value(name, posted_bases.get(name, "")),
            typed=form.cleaned_data[name],
        )
        for name in HEADER_FIELDS
        if name in request.POST
    }
    try:
        result = entry.header_save(report=report, edits=edits, user=request.user)
    except entry.EntryError as error:
        return _refused(error)
    # The form shows what the user typed where it was saved or is in conflict, and the stored
    # value everywhere else (someone else's change to a field this user did not touch).
    conflicted = {conflict.field for conflict in result.conflicts}
    shown = request.POST.copy()
    bases = {}
    for name in HEADER_FIELDS:
        stored_text = form.input_text(name, result.stored[name])
        if name in conflicted:
            bases[name] = posted_bases.get(name, "")
            continue
        bases[name] = stored_text
        if name not in result.saved:
            shown[name] = stored_text
    context |= {
        "header_form": ReportHeaderForm(shown, instance=report),
        "header_bases": bases,
        "header_conflicts": [
            {
                "field": conflict.field,
                "label": form.fields[conflict.field].label,
                "theirs": form.input_text(conflict.field, conflict.theirs),
                "mine": form.input_text(conflict.field, conflict.mine),
                "theirs_by": conflict.theirs_by,
                "theirs_at": conflict.theirs_at,
            }
            for conflict in result.conflicts
        ],
        "saved_at": _saved_at() if result.saved or not result.conflicts else "",
    }
    status = 409 if result.conflicts else 200
    return render(request, f"{FORM_PAGE}#header-form", context, status=status)


@login_required_htmx
@require_POST
def report_start(request: AuthenticatedHttpRequest, period_pk: int) -> HttpResponse:
    user = request.user
    unit = commune_of(user)
    if unit is None:
        return HttpResponseForbidden("Chỉ cán bộ xã lập báo cáo của xã mình.")
    period = get_object_or_404(ReportingPeriod, pk=period_pk)
    try:
        report = start.report_start(unit=unit, period=period, user=user)
    except entry.EntryError as error:
        messages.error(request, error.message)
        return redirect("reports:home")
    return redirect("reports:report", pk=report.pk)
