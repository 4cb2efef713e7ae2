"""Sending a report: blocked while errors remain; every warning needs an explanation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from core.errors import DomainError
from core.text import NOTE_MAX_CHARS, clean_text, too_long_message
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
from reports.services.entry import bump_version, lock_for_edit
from reports.workflow import transition

MSG_BLOCKED = "Còn {count} lỗi phải sửa trước khi gửi báo cáo."
MSG_EXPLAIN = "Cần giải trình {count} cảnh báo trước khi gửi báo cáo."
MSG_CHANGED = (
    "Báo cáo vừa được sửa sau khi kiểm tra: chưa gửi. Kết quả kiểm tra lại ở dưới; "
    "xem lại rồi bấm Gửi."
)
MSG_EXPLANATION_TOO_LONG = (
    "{count} giải trình quá dài, chưa được lưu: hãy rút gọn (xem thông báo dưới từng giải trình)."
)


class SubmitBlocked(DomainError):
    def __init__(
        self,
        message: str,
        errors: list[Finding],
        unexplained: list[Finding],
        too_long: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.errors = errors
        self.unexplained = unexplained
        # Explanations refused for their length (by finding key): not stored, to show again.
        self.too_long = too_long or {}


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
    """Keep the checks' verdict on the report, so dashboards need not rerun them: only if the
    report is still the version that was checked (a check that raced a save, or the send,
    never writes the counts of values that are gone). Progress (what is still to fill or
    confirm) is not a finding to count."""
    asked = [f for f in findings if not is_progress(f)]
    errors = sum(1 for f in asked if f.severity == "error")
    warnings = len(asked) - errors
    Report.objects.filter(pk=report.pk, version=report.version).update(
        error_count=errors, warning_count=warnings, checked_at=timezone.now()
    )
    report.error_count, report.warning_count = errors, warnings


def report_submit(
    *,
    report: Report,
    user: User,
    explanations: Mapping[str, str] | None = None,
    version: int | None = None,
) -> Report:
    """Send the report up, or raise SubmitBlocked listing what stands in the way.

    The send takes the row lock every save takes, then checks the values as they stand under
    it, then moves the report: a save in flight lands before the checks (and is checked) or
    waits and finds the report sent (and is refused), never in between. ``version``, when
    given, is the one the sender checked: a report changed since is not sent, it is shown again.
    Explanations typed are kept even when the send is refused; so are the checks' counts."""
    explanations = explanations or {}
    blocked: SubmitBlocked | None = None
    with transaction.atomic():
        locked = lock_for_edit(report)
        current = review(locked)
        too_long: dict[str, str] = {}
        for key, finding, _old in current.warnings:
            text = clean_text(explanations.get(key, "")).strip()
            refusal = too_long_message(text, NOTE_MAX_CHARS)
            if refusal:
                too_long[key] = refusal
            elif text:
                WarningExplanation.objects.update_or_create(
                    report=locked,
                    finding_key=key,
                    defaults={"message": finding.message, "text": text, "by": user},
                )
        explained = set(locked.explanations.values_list("finding_key", flat=True))
        unexplained = [f for key, f, _ in current.warnings if key not in explained]
        if too_long:
            blocked = SubmitBlocked(
                MSG_EXPLANATION_TOO_LONG.format(count=len(too_long)),
                current.errors,
                unexplained,
                too_long,
            )
        elif version is not None and version != locked.version:
            blocked = SubmitBlocked(MSG_CHANGED, current.errors, unexplained)
        elif current.errors:
            blocked = SubmitBlocked(
                MSG_BLOCKED.format(count=len(current.errors)), current.errors, unexplained
            )
        elif unexplained:
            blocked = SubmitBlocked(MSG_EXPLAIN.format(count=len(unexplained)), [], unexplained)
        else:
            transition(locked, ReportStatus.SUBMITTED, by=user)
    report.error_count, report.warning_count = locked.error_count, locked.warning_count
    if blocked is not None:
        raise blocked
    report.status, report.version = locked.status, locked.version
    report.submitted_at = locked.submitted_at
    notify(report, "submitted")
    return report


@transaction.atomic
def prefill_confirm_all(*, report: Report, user: User) -> int:
    """The user has checked every figure carried over from the previous period."""
    lock_for_edit(report)
    count = IndicatorValue.objects.filter(report=report, prefilled=True).update(prefilled=False)
    count += TableCellValue.objects.filter(report=report, prefilled=True).update(prefilled=False)
    sections = NarrativeSection.objects.filter(report=report, prefilled=True).update(
        prefilled=False
    )
    if count or sections:
        bump_version(report)
    return count
