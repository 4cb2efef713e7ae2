"""Email notifications of the workflow (Django's email backend; the console in development)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mass_mail

from reports.models import Report, Role, User

SUBJECTS = {
    "submitted": "[CCHC] {unit} đã gửi báo cáo {period}",
    "returned": "[CCHC] Báo cáo {period} của {unit} bị trả lại",
    "approved": "[CCHC] Báo cáo {period} của {unit} đã được duyệt",
    "reminder": "[CCHC] Nhắc gửi báo cáo {period}: hạn {due}",
}
BODIES = {
    "submitted": "{unit} đã gửi báo cáo cải cách hành chính {period}. Xem và thẩm định tại {url}",
    "returned": "Báo cáo {period} của {unit} bị trả lại để sửa. Ý kiến: {comment}\nXem tại {url}",
    "approved": "Báo cáo {period} của {unit} đã được duyệt. {comment}\nXem tại {url}",
    "reminder": "{unit} chưa gửi báo cáo cải cách hành chính {period}; hạn gửi {due}. {url}",
}


def reviewers_of(report: Report) -> list[User]:
    ancestors = [int(pk) for pk in report.unit.path.strip("/").split("/")[:-1] if pk]
    return list(User.objects.filter(role=Role.REVIEWER, unit_id__in=ancestors, is_active=True))


def staff_of(unit) -> list[User]:
    return list(User.objects.filter(role=Role.COMMUNE_STAFF, unit=unit, is_active=True))


def _message(kind: str, recipients: list[User], **context) -> tuple | None:
    emails = [user.email for user in recipients if user.email]
    if not emails:
        return None
    return (
        SUBJECTS[kind].format(**context),
        BODIES[kind].format(**context),
        settings.DEFAULT_FROM_EMAIL,
        emails,
    )


def _context(report: Report, comment: str = "") -> dict:
    return {
        "unit": report.unit,
        "period": report.period.label,
        "due": report.period.due_date.strftime("%d/%m/%Y"),
        "url": settings.SITE_URL + report.get_absolute_url(),
        "comment": comment,
    }


def notify(report: Report, kind: str, comment: str = "") -> int:
    """Tell the other side: reviewers when a report is submitted, the commune otherwise."""
    recipients = reviewers_of(report) if kind == "submitted" else staff_of(report.unit)
    message = _message(kind, recipients, **_context(report, comment))
    return send_mass_mail([message], fail_silently=False) if message else 0


def remind(unit, period, url: str) -> int:
    context = {
        "unit": unit,
        "period": period.label,
        "due": period.due_date.strftime("%d/%m/%Y"),
        "url": url,
        "comment": "",
    }
    message = _message("reminder", staff_of(unit), **context)
    return send_mass_mail([message], fail_silently=False) if message else 0
