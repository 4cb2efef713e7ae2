"""Run every check on a report: ``python manage.py validate_report 15889/2024Q3 [--json]``."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from indicators.validation.engine import check_report
from indicators.validation.findings import Finding
from reports.models import Report
from reports.periods import PeriodKeyError
from reports.units_loading import normalise_code

MSG_BAD_KEY = "“{key}” không đúng dạng <mã đơn vị>/<kỳ>, ví dụ 15889/2024Q3."
MSG_NONE = "Báo cáo {key}: không phát hiện lỗi hay cảnh báo nào."
MSG_COUNTS = "Báo cáo {key}: {errors} lỗi, {warnings} cảnh báo."


class Command(BaseCommand):
    help = (
        "Kiểm tra một báo cáo (quy tắc của mẫu, số liệu, thuyết minh, kỳ báo cáo): "
        "<mã đơn vị>/<kỳ>, ví dụ 15889/2024Q3. Có lỗi hay cảnh báo vẫn trả mã thoát 0."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("report", help="<mã đơn vị>/<kỳ>, ví dụ 15889/2024Q3")
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")

    def handle(self, *args, report: str, json: bool = False, **options) -> None:
        found = find_report(report)
        findings = check_report(found)
        key = f"{found.unit.code}/{found.period.key}"
        if json:
            self.stdout.write(as_json(key, findings))
        else:
            self.stdout.write(listing(key, findings))


def find_report(key: str) -> Report:
    unit_code, slash, period_key = key.partition("/")
    if not slash or not unit_code or not period_key:
        raise CommandError(MSG_BAD_KEY.format(key=key))
    try:
        return Report.objects.by_key(normalise_code(unit_code), period_key)
    except (Report.DoesNotExist, PeriodKeyError) as error:
        raise CommandError(str(error)) from error


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
