"""Reviewers: comment, return, approve, grant extensions. Communes answer comments."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from indicators.models import Indicator
from reports.access import can_review, get_report_for_user, reviewable_units
from reports.comparison import compare_with_previous
from reports.models import NarrativeSection, ReportingPeriod, ReviewComment
from reports.services import review
from reports.views.decorators import login_required_htmx
from reports.views.requests import AuthenticatedHttpRequest
from reports.workflow import TransitionNotAllowed

MSG_NOT_REVIEWER = "Chỉ cán bộ thẩm định cấp trên của đơn vị được làm việc này."
MSG_RETURNED = "Đã trả lại báo cáo cho {unit}."
MSG_APPROVED = "Đã duyệt báo cáo của {unit}."
MSG_EMPTY_COMMENT = "Hãy nhập nội dung ý kiến."
COMMENTS = "reports/partials/comments.html"


@login_required_htmx
@require_POST
def comment_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report, _editable = get_report_for_user(request.user, pk)
    if not can_review(request.user, report):
        return HttpResponseForbidden(MSG_NOT_REVIEWER)
    text = request.POST.get("text", "").strip()
    indicator = section = None
    if request.POST.get("indicator"):
        indicator = get_object_or_404(
            Indicator, pk=request.POST["indicator"], template_id=report.template_id
        )
    if request.POST.get("section"):
        section = get_object_or_404(NarrativeSection, pk=request.POST["section"], report=report)
    error = ""
    if not text:
        error = MSG_EMPTY_COMMENT
    else:
        try:
            review.comment_add(
                report=report, user=request.user, text=text, indicator=indicator, section=section
            )
        except review.ReviewError as failure:
            error = failure.message
    comments = report.comments.filter(indicator=indicator, section=section).select_related(
        "author", "replied_by", "indicator", "section"
    )
    context = {
        "report": report,
        "comments": comments,
        "target_indicator": indicator,
        "target_section": section,
        "can_review": True,
        "error": error,
    }
    return render(request, COMMENTS, context, status=422 if error else 200)


@login_required_htmx
@require_POST
def comment_reply(request: AuthenticatedHttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    report, editable = get_report_for_user(request.user, pk)
    comment = get_object_or_404(ReviewComment, pk=comment_pk, report=report)
    if not editable:
        return HttpResponseForbidden("Chỉ cán bộ của xã trả lời ý kiến khi báo cáo bị trả lại.")
    review.comment_reply(comment=comment, user=request.user, text=request.POST.get("text", ""))
    comments = report.comments.filter(
        indicator=comment.indicator, section=comment.section
    ).select_related("author", "replied_by", "indicator", "section")
    context = {
        "report": report,
        "comments": comments,
        "target_indicator": comment.indicator,
        "target_section": comment.section,
        "editable": True,
    }
    return render(request, COMMENTS, context)


@login_required_htmx
@require_POST
def report_return(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report, _editable = get_report_for_user(request.user, pk)
    if not can_review(request.user, report):
        return HttpResponseForbidden(MSG_NOT_REVIEWER)
    try:
        review.report_return(
            report=report, user=request.user, comment=request.POST.get("comment", "")
        )
    except (review.ReviewError, TransitionNotAllowed) as error:
        messages.error(request, error.message)
    else:
        messages.success(request, MSG_RETURNED.format(unit=report.unit))
    return redirect(report.get_absolute_url())


@login_required_htmx
@require_POST
def report_approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report, _editable = get_report_for_user(request.user, pk)
    if not can_review(request.user, report):
        return HttpResponseForbidden(MSG_NOT_REVIEWER)
    try:
        review.report_approve(
            report=report, user=request.user, comment=request.POST.get("comment", "")
        )
    except TransitionNotAllowed as error:
        messages.error(request, error.message)
    else:
        messages.success(request, MSG_APPROVED.format(unit=report.unit))
    return redirect(report.get_absolute_url())


@login_required_htmx
@require_POST
def extension_grant(
    request: AuthenticatedHttpRequest, period_pk: int, unit_pk: int
) -> HttpResponse:
    period = get_object_or_404(ReportingPeriod, pk=period_pk)
    unit = get_object_or_404(reviewable_units(request.user), pk=unit_pk)
    try:
        until = dt.date.fromisoformat(request.POST.get("until", ""))
    except ValueError:
        messages.error(request, "Ngày gia hạn không hợp lệ.")
        return redirect(f"{reverse('reports:dashboard')}?ky={period.key}")
    reason = request.POST.get("reason", "").strip()
    if not reason:
        messages.error(request, "Cần ghi lý do gia hạn.")
        return redirect(f"{reverse('reports:dashboard')}?ky={period.key}")
    try:
        review.extension_grant(
            period=period, unit=unit, until=until, reason=reason, user=request.user
        )
    except review.ReviewError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Đã gia hạn nhập số liệu cho {unit} đến hết {until:%d/%m/%Y}.")
    return redirect(f"{reverse('reports:dashboard')}?ky={period.key}")


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
    returned, changes = review.changes_since_return(report) if reviewer else (None, [])
    previous, key_figures = compare_with_previous(report) if reviewer else (None, [])
    return {
        "can_review": reviewer,
        "comments_by_indicator": by_indicator,
        "comments_by_section": by_section,
        "general_comments": general,
        "transitions": list(report.transitions.select_related("by")),
        "changes": changes,
        "returned": returned,
        "history": review.value_history(report) if reviewer else [],
        "previous_report": previous,
        "key_figures": key_figures,
        # Where the reviewers commented, in the form's order: listed and linked when returned.
        "commented_rows": sorted(
            {c.indicator for c in comments if c.indicator_id}, key=lambda i: i.position
        ),
        "commented_sections": sorted(
            {c.section for c in comments if c.section_id}, key=lambda s: s.position
        ),
        # The commune's explanations of the warnings it sent anyway, for the reviewer.
        "explanations": list(report.explanations.select_related("by").order_by("at")),
    }
