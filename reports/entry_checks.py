"""Findings of the data entry itself, beside the template's checks: input refused but kept as
typed, and figures carried over from the previous period that nobody has confirmed yet."""

from __future__ import annotations

from django.db.models.functions import Length

from core.text import NARRATIVE_MAX_CHARS, grouped
from indicators.validation.findings import Finding
from reports.check_loading import check_report
from reports.models import Report
from reports.typed_values import parse_typed

MSG_REFUSED = "Chỉ tiêu {code}: {message}"
MSG_CELL_REFUSED = "Bảng {table}, dòng “{row}”, cột “{column}”: “{raw}” không phải là số."
MSG_PREFILLED = (
    "Chỉ tiêu {code} đang dùng số liệu kỳ trước ({value}): hãy xác nhận hoặc sửa trước khi gửi."
)
MSG_CELL_PREFILLED = (
    "Bảng {table}, dòng “{row}”, cột “{column}” đang dùng số liệu kỳ trước: hãy xác nhận."
)
MSG_SECTION_TOO_LONG = (
    "Mục “{heading}” dài {length} ký tự, quá giới hạn {limit} ký tự: hãy rút gọn; các phép "
    "kiểm tra chỉ đọc {limit} ký tự đầu."
)
MSG_SECTION_PREFILLED = (
    "Mục “{heading}” còn nguyên nội dung của báo cáo kỳ trước: hãy cập nhật cho kỳ này."
)


def input_findings(report: Report) -> list[Finding]:
    findings = []
    for value in report.values.select_related("indicator").order_by("indicator__position"):
        code = value.indicator.code
        if value.value is None and value.printed and not value.text:
            typed = parse_typed(value.indicator, value.printed)
            findings.append(
                Finding(
                    check="input",
                    severity="error",
                    message=MSG_REFUSED.format(code=code, message=typed.error),
                    codes=(code,),
                    values=(value.printed,),
                    source="annex",
                )
            )
        if value.prefilled:
            findings.append(
                Finding(
                    check="prefill_unconfirmed",
                    severity="error",
                    message=MSG_PREFILLED.format(code=code, value=value.printed),
                    codes=(code,),
                    values=(value.printed,),
                    source="annex",
                )
            )
    for cell in report.cells.select_related("row__table", "column"):
        where = {"table": cell.row.table.code, "row": cell.row.label, "column": cell.column.label}
        cell_code = f"{cell.row.table.code}:{cell.row.code}:{cell.column.code}"
        if cell.value is None and cell.printed:
            findings.append(
                Finding(
                    check="input",
                    severity="error",
                    message=MSG_CELL_REFUSED.format(raw=cell.printed, **where),
                    codes=(cell_code,),
                    values=(cell.printed,),
                    source="table",
                )
            )
        if cell.prefilled:
            findings.append(
                Finding(
                    check="prefill_unconfirmed",
                    severity="error",
                    message=MSG_CELL_PREFILLED.format(**where),
                    codes=(cell_code,),
                    values=(cell.printed,),
                    source="table",
                )
            )
    # A section stored longer than the limit (before there was one): the checks read only
    # its beginning, which the commune should know before sending.
    for heading, length in (
        report.sections.annotate(length=Length("text"))
        .filter(length__gt=NARRATIVE_MAX_CHARS)
        .values_list("heading", "length")
    ):
        findings.append(
            Finding(
                check="narrative_too_long",
                severity="warning",
                message=MSG_SECTION_TOO_LONG.format(
                    heading=heading, length=grouped(length), limit=grouped(NARRATIVE_MAX_CHARS)
                ),
                codes=(),
                values=(),
                source="narrative",
                quote=heading,
            )
        )
    # One query: a deferred report_id would cost one more per section (the related manager
    # reads it to attach the report).
    for heading in report.sections.filter(prefilled=True).values_list("heading", flat=True):
        findings.append(
            Finding(
                check="narrative_prefilled",
                severity="warning",
                message=MSG_SECTION_PREFILLED.format(heading=heading),
                codes=(),
                values=(),
                source="narrative",
                quote=heading,
            )
        )
    return findings


# Where the report stands rather than what is wrong with it: a figure carried over that is not
# confirmed yet, a section still as last period left it. Shown as progress ("còn phải làm"),
# never as a red error nor as a warning to explain; confirming carried-over figures is still
# asked before sending.
PROGRESS_CHECKS = frozenset({"prefill_unconfirmed", "narrative_prefilled"})
# Not asked of a report being written in the portal: the number is given by the văn thư when
# the báo cáo is issued (the form says to leave it blank).
NOT_ASKED_CHECKS = frozenset({"document.number"})


def is_progress(finding: Finding) -> bool:
    return finding.check in PROGRESS_CHECKS


def finding_key(finding: Finding) -> str:
    return f"{finding.check}:{','.join(finding.codes)}:{finding.quote[:60]}"


def report_findings(report: Report) -> list[Finding]:
    """Everything that stands between this report and sending it: input findings first, then
    the template's checks (rules, identities, narrative against annex)."""
    inputs = input_findings(report)
    # Figures carried over and not yet confirmed say so (``prefill_unconfirmed``); the checks
    # that read nothing else wait for the confirmation: last period's inconsistency is not
    # this period's before anyone has looked at the figures.
    waiting = {f.codes[0] for f in inputs if f.check == "prefill_unconfirmed"}
    checks = [f for f in check_report(report) if not (f.codes and set(f.codes) <= waiting)]
    return [f for f in inputs + checks if f.check not in NOT_ASKED_CHECKS]


def findings_by_code(findings: list[Finding]) -> dict[str, list[Finding]]:
    """Findings per annex code, to show each next to its field."""
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        for code in dict.fromkeys(finding.codes):
            grouped.setdefault(code, []).append(finding)
    return grouped
