"""Sending a report: blocked while errors remain; every warning needs an explanation."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from core.errors import DomainError
from indicators.validation.findings import Finding
from reports.entry_checks import finding_key, is_progress, report_findings
from reports.models import (
    IndicatorValue,
    NarrativeSection,
    Report,
    ReportStatus,
    TableCellValue,
    User,
    WarningExplanation,
)
from reports.notifications import notify
from reports.services.entry import ensure_editable
from reports.workflow import transition

MSG_BLOCKED = "Còn {count} lỗi phải sửa trước khi gửi báo cáo."
MSG_EXPLAIN = "Cần giải trình {count} cảnh báo trước khi gửi báo cáo."


class SubmitBlocked(DomainError):
    def __init__(self, message: str, errors: list[Finding], unexplained: list[Finding]) -> None:
        super().__init__(message)
        self.errors = errors
        self.unexplained = unexplained


@dataclass(frozen=True)
class Review:
    """What the sender sees before sending: errors to fix, warnings to explain, and the
    template's own defects (reported to its admins; a commune cannot fix them)."""

    errors: list[Finding]
    warnings: list[tuple[str, Finding, str]]  # (key, finding, explanation so far)
    template_issues: list[Finding]


def review(report: Report) -> Review:
    findings = report_findings(report)
    record_counts(report, findings)
    explained = {e.finding_key: e.text for e in report.explanations.all()}
    # A defect of the template (2B prints 1.1.1–1.1.4 twice) is no fault of the commune's:
    # it is shown, never blocks sending, never asks for an explanation.
    template_issues = [f for f in findings if f.source == "template"]
    findings = [f for f in findings if f.source != "template"]
    errors = [f for f in findings if f.severity == "error"]
    warnings = []
    for finding in findings:
        # A section still as last period left it is progress, not something to explain.
        if finding.severity == "warning" and not is_progress(finding):
            key = finding_key(finding)
            warnings.append((key, finding, explained.get(key, "")))
    return Review(errors=errors, warnings=warnings, template_issues=template_issues)


def record_counts(report: Report, findings: list[Finding]) -> None:
    """Keep the checks' verdict on the report, so dashboards need not rerun them."""
    asked = [f for f in findings if not is_progress(f)]
    errors = sum(1 for f in asked if f.severity == "error")
    warnings = len(asked) - errors
    Report.objects.filter(pk=report.pk).update(
        error_count=errors, warning_count=warnings, checked_at=timezone.now()
    )
    report.error_count, report.warning_count = errors, warnings


def report_submit(*, report: Report, user: User, explanations: dict[str, str]) -> Report:
    """Send the report up, or raise SubmitBlocked listing what stands in the way."""
    ensure_editable(report)
    current = review(report)
    for key, finding, _old in current.warnings:
        text = explanations.get(key, "").strip()
        if text:
            WarningExplanation.objects.update_or_create(
                report=report,
                finding_key=key,
                defaults={"message": finding.message, "text": text, "by": user},
            )
    explained = set(report.explanations.values_list("finding_key", flat=True))
    unexplained = [f for key, f, _ in current.warnings if key not in explained]
    if current.errors:
        raise SubmitBlocked(
            MSG_BLOCKED.format(count=len(current.errors)), current.errors, unexplained
        )
    if unexplained:
        raise SubmitBlocked(MSG_EXPLAIN.format(count=len(unexplained)), [], unexplained)
    transition(report, ReportStatus.SUBMITTED, by=user)
    notify(report, "submitted")
    return report


@transaction.atomic
def prefill_confirm_all(*, report: Report, user: User) -> int:
    """The user has checked every figure carried over from the previous period."""
    ensure_editable(report)
    count = IndicatorValue.objects.filter(report=report, prefilled=True).update(prefilled=False)
    count += TableCellValue.objects.filter(report=report, prefilled=True).update(prefilled=False)
    NarrativeSection.objects.filter(report=report, prefilled=True).update(prefilled=False)
    return count
