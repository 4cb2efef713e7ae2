"""Review of a submitted report: comments, return, approve; extensions (what changed since a
return: ``reports.services.changes``). Every move goes through the workflow's transition table
and is notified by email."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from core.errors import DomainError
from core.text import NOTE_MAX_CHARS, clean_text, too_long_message
from indicators.models import Indicator
from reports.models import (
    AdministrativeUnit,
    DeadlineExtension,
    NarrativeSection,
    Report,
    ReportingPeriod,
    ReportStatus,
    ReportTransition,
    ReviewComment,
    User,
)
from reports.notifications import comment_lines, notify
from reports.workflow import ALLOWED, TransitionNotAllowed, transition

MSG_COMMENT_REQUIRED = "Khi trả lại báo cáo, hãy ghi rõ lý do hoặc ý kiến trên từng chỉ tiêu."
MSG_NOT_REVIEWABLE = "Chỉ thẩm định được báo cáo đã gửi."
MSG_EXTENSION_PAST = "Ngày gia hạn phải sau hạn nhập chung của kỳ ({closes})."
MSG_EXTENSION_TOO_LATE = (
    "Chỉ gia hạn được tối đa {days} ngày (sau hạn nhập chung, hoặc từ hôm nay nếu hạn đã qua), "
    "tức đến {latest}."
)
# An extension helps a commune catch up, not leave a period open for good: at most a quarter
# past the common deadline, or past today for a period already closed.
MAX_EXTENSION_DAYS = 90
MSG_STALE = (
    "Báo cáo đã thay đổi từ khi bạn mở trang (nay đang ở trạng thái “{status}”): chưa {action}. "
    "Xem các thay đổi dưới đây rồi quyết định lại."
)


class ReviewError(DomainError):
    """Refused, with the reason in ``message``."""


class StaleReview(ReviewError):
    """The reviewer acted on a version of the report that is no longer the current one."""

    def __init__(self, report: Report, *, seen: int, to: str) -> None:
        self.seen, self.current = seen, report.version
        action = "trả lại" if to == ReportStatus.RETURNED else "duyệt"
        super().__init__(
            MSG_STALE.format(action=action, status=ReportStatus(report.status).label.lower())
        )


def note_text(text: str) -> str:
    """A comment, reply or reason as stored: cleaned, stripped, refused (ReviewError) above
    ``NOTE_MAX_CHARS``."""
    text = clean_text(text).strip()
    too_long = too_long_message(text, NOTE_MAX_CHARS)
    if too_long:
        raise ReviewError(too_long)
    return text


def comment_add(
    *,
    report: Report,
    user: User,
    text: str,
    indicator: Indicator | None = None,
    section: NarrativeSection | None = None,
) -> ReviewComment:
    if report.status not in (ReportStatus.SUBMITTED, ReportStatus.RETURNED):
        raise ReviewError(MSG_NOT_REVIEWABLE)
    comment = ReviewComment(
        report=report, author=user, text=note_text(text), indicator=indicator, section=section
    )
    comment.full_clean()
    comment.save()
    return comment


def comment_reply(*, comment: ReviewComment, user: User, text: str) -> ReviewComment:
    comment.reply = note_text(text)
    comment.replied_by = user
    comment.replied_at = timezone.now()
    comment.save(update_fields=["reply", "replied_by", "replied_at"])
    return comment


def report_return(
    *, report: Report, user: User, comment: str = "", version: int | None = None
) -> Report:
    """Send the report back to the commune, with a reason (on the report or on its fields).

    ``version`` is the one the reviewer's page showed: a report changed since is not returned
    (StaleReview), whatever else happened to it meanwhile."""
    comment = note_text(comment)
    with transaction.atomic():
        locked = _lock_for_review(report, version, ReportStatus.RETURNED)
        open_comments = locked.comments.filter(reply="", created_at__gte=_since_submission(locked))
        if not comment.strip() and not open_comments.exists():
            raise ReviewError(MSG_COMMENT_REQUIRED)
        if comment.strip():
            comment_add(report=locked, user=user, text=comment)
        field_comments = list(
            locked.comments.filter(created_at__gte=_since_submission(locked))
            .exclude(indicator=None, section=None)
            .select_related("indicator", "section")
            .order_by("indicator__position", "section__position", "created_at")
        )
        transition(report, ReportStatus.RETURNED, by=user, comment=comment)
    notify(report, "returned", comment, details=comment_lines(field_comments))
    return report


def report_approve(
    *, report: Report, user: User, comment: str = "", version: int | None = None
) -> Report:
    """Approve the report: only the version the reviewer saw (``version``), when given."""
    comment = note_text(comment)
    with transaction.atomic():
        _lock_for_review(report, version, ReportStatus.APPROVED)
        transition(report, ReportStatus.APPROVED, by=user, comment=comment)
    notify(report, "approved", comment)
    return report


def _lock_for_review(report: Report, version: int | None, to: str) -> Report:
    """The report under its row lock (before anything is written: a comment row would take a
    lock of its own on the report, and two reviewers upgrading theirs would deadlock), if it
    is still the version seen and may move to ``to``."""
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if version is not None and version != locked.version:
        raise StaleReview(locked, seen=version, to=to)
    if to not in ALLOWED[locked.status]:
        raise TransitionNotAllowed(locked, to)
    return locked


def _since_submission(report: Report) -> dt.datetime:
    last = (
        ReportTransition.objects.filter(report=report, to_status=ReportStatus.SUBMITTED)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    return last or report.created_at


@transaction.atomic
def extension_grant(
    *, period: ReportingPeriod, unit: AdministrativeUnit, until: dt.date, reason: str, user: User
) -> DeadlineExtension:
    if until <= period.entry_closes_on:
        raise ReviewError(
            MSG_EXTENSION_PAST.format(closes=period.entry_closes_on.strftime("%d/%m/%Y"))
        )
    start = max(period.entry_closes_on, timezone.localdate())
    latest = start + dt.timedelta(days=MAX_EXTENSION_DAYS)
    if until > latest:
        raise ReviewError(
            MSG_EXTENSION_TOO_LATE.format(
                days=MAX_EXTENSION_DAYS, latest=latest.strftime("%d/%m/%Y")
            )
        )
    extension, _ = DeadlineExtension.objects.update_or_create(
        period=period,
        unit=unit,
        defaults={"until": until, "reason": note_text(reason), "granted_by": user},
    )
    return extension
