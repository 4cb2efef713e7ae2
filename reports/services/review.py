"""Review of a submitted report: comments, return, approve; extensions; what changed since a
return. Every move goes through the workflow's transition table and is notified by email."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from core.errors import DomainError
from indicators.models import Indicator
from reports.models import (
    AdministrativeUnit,
    DeadlineExtension,
    IndicatorValue,
    NarrativeSection,
    Report,
    ReportingPeriod,
    ReportStatus,
    ReportTransition,
    ReviewComment,
    TableCellValue,
    User,
)
from reports.notifications import comment_lines, notify
from reports.workflow import transition

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


class ReviewError(DomainError):
    """Refused, with the reason in ``message``."""


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
        report=report, author=user, text=text.strip(), indicator=indicator, section=section
    )
    comment.full_clean()
    comment.save()
    return comment


def comment_reply(*, comment: ReviewComment, user: User, text: str) -> ReviewComment:
    comment.reply = text.strip()
    comment.replied_by = user
    comment.replied_at = timezone.now()
    comment.save(update_fields=["reply", "replied_by", "replied_at"])
    return comment


def report_return(*, report: Report, user: User, comment: str = "") -> Report:
    """Send the report back to the commune, with a reason (on the report or on its fields)."""
    with transaction.atomic():
        open_comments = report.comments.filter(reply="", created_at__gte=_since_submission(report))
        if not comment.strip() and not open_comments.exists():
            raise ReviewError(MSG_COMMENT_REQUIRED)
        if comment.strip():
            comment_add(report=report, user=user, text=comment)
        field_comments = list(
            report.comments.filter(created_at__gte=_since_submission(report))
            .exclude(indicator=None, section=None)
            .select_related("indicator", "section")
            .order_by("indicator__position", "section__position", "created_at")
        )
        transition(report, ReportStatus.RETURNED, by=user, comment=comment)
    notify(report, "returned", comment, details=comment_lines(field_comments))
    return report


def report_approve(*, report: Report, user: User, comment: str = "") -> Report:
    transition(report, ReportStatus.APPROVED, by=user, comment=comment)
    notify(report, "approved", comment)
    return report


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
        defaults={"until": until, "reason": reason.strip(), "granted_by": user},
    )
    return extension


# What changed since the report was returned ----------------------------------------------


@dataclass(frozen=True)
class Change:
    where: str
    old: str
    new: str
    by: str
    at: dt.datetime
    diff: list[str] | None = None


def last_return(report: Report) -> ReportTransition | None:
    return (
        ReportTransition.objects.filter(report=report, to_status=ReportStatus.RETURNED)
        .order_by("-at")
        .first()
    )


def _who(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def _history_changes(records, since: dt.datetime, label) -> list[Change]:
    """From simple-history rows, per object: the state at ``since`` and the latest one."""
    by_object: dict[int, list] = {}
    for record in records:
        by_object.setdefault(record.id, []).append(record)
    changes = []
    for object_records in by_object.values():
        object_records.sort(key=lambda r: r.history_date)
        before = [r for r in object_records if r.history_date <= since]
        after = [r for r in object_records if r.history_date > since]
        if not after:
            continue
        old = before[-1] if before else None
        new = after[-1]
        old_text, new_text = label.value(old), label.value(new)
        if new.history_type == "-":
            new_text = ""
        if old_text != new_text:
            changes.append(
                Change(
                    where=label.where(new),
                    old=old_text,
                    new=new_text,
                    by=_who(new.history_user),
                    at=new.history_date,
                    diff=label.diff(old_text, new_text),
                )
            )
    return changes


class _ValueLabel:
    def __init__(self, indicators: dict[int, Indicator]) -> None:
        self.indicators = indicators

    def where(self, record) -> str:
        indicator = self.indicators[record.indicator_id]
        return f"{indicator.display_code or indicator.code} {indicator.name}"

    @staticmethod
    def value(record) -> str:
        return record.printed if record else ""

    @staticmethod
    def diff(old: str, new: str) -> None:
        return None


class _CellLabel(_ValueLabel):
    def where(self, record) -> str:
        return f"Bảng: {record.row.label} — {record.column.label}"


class _SectionLabel:
    @staticmethod
    def where(record) -> str:
        return f"Mục “{record.heading}”"

    @staticmethod
    def value(record) -> str:
        return record.text if record else ""

    @staticmethod
    def diff(old: str, new: str) -> list[str]:
        return [
            line
            for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
            if not line.startswith(("---", "+++", "@@"))
        ]


def changes_since_return(report: Report) -> tuple[ReportTransition | None, list[Change]]:
    """Every value, table cell and narrative text the commune changed after the last return."""
    returned = last_return(report)
    if returned is None:
        return None, []
    since = returned.at
    indicators = {i.pk: i for i in report.template.indicators.all()}
    value_records = IndicatorValue.history.filter(report_id=report.pk).select_related(
        "history_user"
    )
    cell_records = TableCellValue.history.filter(report_id=report.pk).select_related(
        "history_user", "row", "column"
    )
    section_records = NarrativeSection.history.filter(report_id=report.pk).select_related(
        "history_user"
    )
    changes = (
        _history_changes(value_records, since, _ValueLabel(indicators))
        + _history_changes(cell_records, since, _CellLabel(indicators))
        + _history_changes(section_records, since, _SectionLabel())
    )
    return returned, sorted(changes, key=lambda c: c.at)


def value_history(report: Report, limit: int = 200) -> list[Change]:
    """Every recorded change of the report's values (who, when, old → new), newest first."""
    indicators = {i.pk: i for i in report.template.indicators.all()}
    records = list(
        IndicatorValue.history.filter(report_id=report.pk)
        .select_related("history_user")
        .order_by("history_date")
    )
    previous: dict[int, str] = {}
    changes = []
    for record in records:
        old = previous.get(record.id, "")
        new = "" if record.history_type == "-" else record.printed
        previous[record.id] = new
        indicator = indicators.get(record.indicator_id)
        changes.append(
            Change(
                where=f"{indicator.display_code or indicator.code} {indicator.name}"
                if indicator
                else "",
                old=old,
                new=new,
                by=_who(record.history_user),
                at=record.history_date,
            )
        )
    return list(reversed(changes))[:limit]
