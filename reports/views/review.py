"""Reviewers: comment, return, approve, grant extensions. Communes answer comments."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import (
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.text import clean_text
from indicators.models import Indicator
from reports.access import can_review, get_report_for_user, reviewable_units
from reports.forms.review import CommentForm
from reports.models import NarrativeSection, ReportingPeriod, ReviewComment
from reports.services import changes, review
from reports.views.decorators import login_required_htmx
from reports.views.report_page import keep_comment, render_report_page
from reports.views.requests import AuthenticatedHttpRequest
from reports.workflow import TransitionNotAllowed

MSG_NOT_REVIEWER = "Chỉ cán bộ thẩm định cấp trên của đơn vị được làm việc này."
MSG_RETURNED = "Đã trả lại báo cáo cho {unit}."
MSG_APPROVED = "Đã duyệt báo cáo của {unit}."
MSG_EMPTY_COMMENT = "Hãy nhập nội dung ý kiến."
MSG_BAD_TARGET = "Không rõ ý kiến này về chỉ tiêu hay mục nào: hãy tải lại trang rồi gửi lại."
COMMENTS = "reports/partials/comments.html"


@login_required_htmx
@require_POST
def comment_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report, _editable = get_report_for_user(request.user, pk)
    if not can_review(request.user, report):
        return HttpResponseForbidden(MSG_NOT_REVIEWER)
    form = CommentForm(request.POST)
    if not form.is_valid() and form.bad_target:
        return HttpResponseBadRequest(MSG_BAD_TARGET)
    indicator = section = None
    if form.cleaned_data["indicator"] is not None:
        indicator = get_object_or_404(
            Indicator, pk=form.cleaned_data["indicator"], template_id=report.template_id
        )
    if form.cleaned_data["section"] is not None:
        section = get_object_or_404(
            NarrativeSection, pk=form.cleaned_data["section"], report=report
        )
    text = clean_text(form.cleaned_data.get("text", "")).strip()
    error = ""
    if "text" in form.errors:
        error = str(form.errors["text"][0])
    elif not text:
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
        # Refused: what was typed goes back into the box.
        "typed": text if error else "",
    }
    return render(request, COMMENTS, context, status=422 if error else 200)


@login_required_htmx
@require_POST
def comment_reply(request: AuthenticatedHttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    report, editable = get_report_for_user(request.user, pk)
    comment = get_object_or_404(ReviewComment, pk=comment_pk, report=report)
    if not editable:
        return HttpResponseForbidden("Chỉ cán bộ của xã trả lời ý kiến khi báo cáo bị trả lại.")
    typed = clean_text(request.POST.get("text", ""))
    error = ""
    try:
        review.comment_reply(comment=comment, user=request.user, text=typed)
    except review.ReviewError as failure:
        error = failure.message
        comment.reply = ""  # not stored: the form is shown again, with what was typed
    comments = report.comments.filter(
        indicator=comment.indicator, section=comment.section
    ).select_related("author", "replied_by", "indicator", "section")
    context = {
        "report": report,
        "comments": comments,
        "target_indicator": comment.indicator,
        "target_section": comment.section,
        "editable": True,
        "reply_error": error,
        "reply_to": comment.pk if error else None,
        "reply_typed": typed if error else "",
    }
    return render(request, COMMENTS, context, status=422 if error else 200)


def _seen_version(request: AuthenticatedHttpRequest) -> int | None:
    """The version of the report the reviewer's page showed (its forms carry it); None when
    the request does not say (a script, a page older than the field)."""
    raw = request.POST.get("version", "").strip()
    if not raw:
        return None
    return int(raw) if raw.isdigit() else 0  # not a version this report ever had


def _stale(request: AuthenticatedHttpRequest, pk: int, stale: review.StaleReview) -> HttpResponse:
    """The page as it is now, with what changed since the version the reviewer acted on, and
    the comment they typed still in its box: 409, nothing done."""
    report, editable = get_report_for_user(request.user, pk)
    extra = {
        "stale": stale,
        "seen": changes.changes_since_version(report, version=stale.seen),
        "review_action": request.resolver_match.url_name if request.resolver_match else "",
        "review_comment": request.POST.get("comment", ""),
    }
    return render_report_page(request, report, editable, extra, status=409)


@login_required_htmx
@require_POST
def report_return(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report, _editable = get_report_for_user(request.user, pk)
    if not can_review(request.user, report):
        return HttpResponseForbidden(MSG_NOT_REVIEWER)
    comment = clean_text(request.POST.get("comment", ""))
    try:
        review.report_return(
            report=report,
            user=request.user,
            comment=comment,
            version=_seen_version(request),
        )
    except review.StaleReview as stale:
        return _stale(request, pk, stale)
    except (review.ReviewError, TransitionNotAllowed) as error:
        messages.error(request, error.message)
        keep_comment(request, report, "return", comment)
    else:
        messages.success(request, MSG_RETURNED.format(unit=report.unit))
    return redirect(report.get_absolute_url())


@login_required_htmx
@require_POST
def report_approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report, _editable = get_report_for_user(request.user, pk)
    if not can_review(request.user, report):
        return HttpResponseForbidden(MSG_NOT_REVIEWER)
    comment = clean_text(request.POST.get("comment", ""))
    try:
        review.report_approve(
            report=report,
            user=request.user,
            comment=comment,
            version=_seen_version(request),
        )
    except review.StaleReview as stale:
        return _stale(request, pk, stale)
    except (review.ReviewError, TransitionNotAllowed) as error:
        messages.error(request, error.message)
        keep_comment(request, report, "approve", comment)
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
    reason = clean_text(request.POST.get("reason", "")).strip()
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
