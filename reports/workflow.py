"""The report workflow as an explicit transition table.

draft → submitted → returned → draft (the commune reopens it) → submitted → approved.
Every move is atomic, locks the report row, and writes an audit row (who, when, why).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from core.errors import DomainError
from reports.models import Report, ReportStatus, ReportTransition, User

S = ReportStatus
ALLOWED: dict[str, set[str]] = {
    S.DRAFT: {S.SUBMITTED},
    S.SUBMITTED: {S.RETURNED, S.APPROVED},
    S.RETURNED: {S.DRAFT, S.SUBMITTED},
    S.APPROVED: set(),
}
# A commune may fill a report in these states; anything else is read-only for it.
EDITABLE = {S.DRAFT, S.RETURNED}


class TransitionNotAllowed(DomainError):
    def __init__(self, report: Report, to: str) -> None:
        super().__init__(
            f"Không thể chuyển báo cáo từ “{ReportStatus(report.status).label}” sang "
            f"“{ReportStatus(to).label}”."
        )


def transition(report: Report, to: str, *, by: User | None, comment: str = "") -> Report:
    """Move the report to ``to``, or raise TransitionNotAllowed; the caller's object is updated."""
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if to not in ALLOWED[locked.status]:
            raise TransitionNotAllowed(locked, to)
        ReportTransition.objects.create(
            report=locked, from_status=locked.status, to_status=to, by=by, comment=comment
        )
        now = timezone.now()
        locked.status = to
        locked.version += 1
        fields = ["status", "version", "updated_at"]
        if to == S.SUBMITTED:
            locked.submitted_at = now
            fields.append("submitted_at")
        elif to == S.APPROVED:
            locked.approved_at = now
            fields.append("approved_at")
        locked._history_user = by  # the author of the history row
        locked.save(update_fields=fields)
    report.status, report.version = locked.status, locked.version
    report.submitted_at, report.approved_at = locked.submitted_at, locked.approved_at
    return report
