"""The report page as a whole: the annex, the tables, the narrative, the header, the review tab.

Rendered by its own URL, and again by a review action refused because the report changed since
the reviewer's page was shown (409, with what changed)."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render

from reports.access import can_review
from reports.comparison import compare_with_previous
from reports.entry_checks import findings_by_code, report_findings
from reports.entry_page import annex_sections, figure_origins, table_grids
from reports.forms.header import ReportHeaderForm
from reports.models import HEADER_FIELDS, Report, ReviewComment
from reports.prefill import old_report_offer, period_name
from reports.services.changes import changes_since_return, value_history
from reports.views.requests import AuthenticatedHttpRequest

FORM_PAGE = "reports/report_form.html"


def render_report_page(
    request: AuthenticatedHttpRequest,
    report: Report,
    editable: bool,
    extra: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    sections = list(report.sections.select_related("outline").order_by("position"))
    reviewing = review_context(request, report)
    for section in sections:
        section.review_comments = reviewing["comments_by_section"].get(section.pk, [])
    findings = report_findings(report)
    header_form = ReportHeaderForm(instance=report)
    annex = annex_sections(report, reviewing["comments_by_indicator"], findings_by_code(findings))
    # A last report more than a year old is offered, never used silently.
    old = old_report_offer(report) if editable else None
    context = {
        **reviewing,
        "report": report,
        "editable": editable,
        "findings": findings,
        "annex": annex,
        "origins": figure_origins(annex),
        "old_offer": old,
        "old_offer_period": period_name(old.period) if old else "",
        "grids": table_grids(report),
        "sections": sections,
        "header_form": header_form,
        # What the page shows of each header field: a save sends it back as its base.
        "header_bases": {
            name: header_form.input_text(name, getattr(report, name)) for name in HEADER_FIELDS
        },
        "unit": report.unit,
        "period": report.period,
        **(extra or {}),
    }
    return render(request, FORM_PAGE, context, status=status)


def review_context(request: AuthenticatedHttpRequest, report) -> dict:
    """What the report page adds for its reviewers and for a commune reading their comments."""
    comments = list(report.comments.select_related("author", "replied_by", "indicator", "section"))
    by_indicator: dict[int, list[ReviewComment]] = {}
    by_section: dict[int, list[ReviewComment]] = {}
    general = []
    for comment in comments:
        if comment.indicator_id:
            by_indicator.setdefault(comment.indicator_id, []).append(comment)
        elif comment.section_id:
            by_section.setdefault(comment.section_id, []).append(comment)
        else:
            general.append(comment)
    reviewer = can_review(request.user, report)
    returned, changes = changes_since_return(report) if reviewer else (None, [])
    previous, key_figures = compare_with_previous(report) if reviewer else (None, [])
    return {
        "can_review": reviewer,
        "comments_by_indicator": by_indicator,
        "comments_by_section": by_section,
        "general_comments": general,
        "transitions": list(report.transitions.select_related("by")),
        "changes": changes,
        "returned": returned,
        "history": value_history(report) if reviewer else [],
        "previous_report": previous,
        "key_figures": key_figures,
        # Where the reviewers commented, in the form's order: listed and linked when returned.
        "commented_rows": sorted(
            {c.indicator for c in comments if c.indicator is not None}, key=lambda i: i.position
        ),
        "commented_sections": sorted(
            {c.section for c in comments if c.section is not None}, key=lambda s: s.position
        ),
        # The commune's explanations of the warnings it sent anyway, for the reviewer.
        "explanations": list(report.explanations.select_related("by").order_by("at")),
        "kept_return_comment": kept_comment(request, report, "return") if reviewer else "",
        "kept_approve_comment": kept_comment(request, report, "approve") if reviewer else "",
    }


KEPT_PREFIX = "kept-comment:"


def keep_comment(request: AuthenticatedHttpRequest, report: Report, form: str, text: str) -> None:
    """A refused comment of the return or approve form, kept for the page the browser is sent
    back to (which puts it back in its box): nothing typed is lost across the redirect."""
    if text.strip():
        request.session[f"{KEPT_PREFIX}{report.pk}:{form}"] = text


def kept_comment(request: AuthenticatedHttpRequest, report: Report, form: str) -> str:
    return request.session.pop(f"{KEPT_PREFIX}{report.pk}:{form}", "")
