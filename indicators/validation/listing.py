"""Findings as the commands print them: JSON for other tools, a numbered Vietnamese listing
for people (``validate_report``, ``check_narrative``)."""

from __future__ import annotations

import json

from indicators.validation.findings import Finding

MSG_NONE = "Báo cáo {key}: không phát hiện lỗi hay cảnh báo nào."
MSG_COUNTS = "Báo cáo {key}: {errors} lỗi, {warnings} cảnh báo."


def as_json(key: str, findings: list[Finding]) -> str:
    return json.dumps(
        {"report": key, "findings": [f.as_dict() for f in findings]},
        ensure_ascii=False,
        indent=2,
    )


def listing(key: str, findings: list[Finding]) -> str:
    """A readable Vietnamese listing: errors, then warnings, each with its quote."""
    if not findings:
        return MSG_NONE.format(key=key)
    errors = sum(1 for f in findings if f.is_error)
    lines = [MSG_COUNTS.format(key=key, errors=errors, warnings=len(findings) - errors)]
    for number, finding in enumerate(findings, start=1):
        where = f" [{', '.join(finding.codes)}]" if finding.codes else ""
        lines.append(
            f"{number:>3}. {finding.severity_label} ({finding.source_label}){where}: "
            f"{finding.message}"
        )
        if finding.quote and finding.quote not in finding.message:
            lines.append(f"       “{finding.quote}”")
    return "\n".join(lines)
