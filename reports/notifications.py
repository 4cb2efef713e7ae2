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
    "returned": "Báo cáo {period} của {unit} bị trả lại để sửa.\nÝ kiến chung: {comment}\n"
    "{details}Xem và sửa tại {url}",
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


MSG_NO_GENERAL_COMMENT = "(không có; xem ý kiến ở từng chỉ tiêu dưới đây)"


def _context(report: Report, comment: str = "", details: str = "") -> dict:
    return {
        "details": details,
        "unit": report.unit,
        "period": report.period.label,
        "due": report.period.due_date.strftime("%d/%m/%Y"),
        "url": settings.SITE_URL + report.get_absolute_url(),
        "comment": comment,
    }


def comment_lines(comments) -> str:
    """The reviewers' comments on fields and sections, one line each, for the return email."""
    lines = []
    for comment in comments:
        if comment.indicator_id:
            where = f"Chỉ tiêu {comment.indicator.display_code or comment.indicator.code} "
            where += f"({comment.indicator.name})"
        elif comment.section_id:
            where = f"Mục “{comment.section.heading}”"
        else:
            continue
        lines.append(f"- {where}: {comment.text}\n")
    return ("Ý kiến ở từng chỉ tiêu, mục:\n" + "".join(lines)) if lines else ""


def notify(report: Report, kind: str, comment: str = "", details: str = "") -> int:
    """Tell the other side: reviewers when a report is submitted, the commune otherwise."""
    recipients = reviewers_of(report) if kind == "submitted" else staff_of(report.unit)
    if kind == "returned" and not comment.strip():
        comment = MSG_NO_GENERAL_COMMENT
    message = _message(kind, recipients, **_context(report, comment, details))
    return send_mass_mail([message], fail_silently=False) if message else 0


def remind(unit, period, url: str) -> int:
    context = {
        "unit": unit,
        "period": period.label,
        "due": period.due_date.strftime("%d/%m/%Y"),
        "url": url,
        "comment": "",
        "details": "",
    }
    message = _message("reminder", staff_of(unit), **context)
    return send_mass_mail([message], fail_silently=False) if message else 0
