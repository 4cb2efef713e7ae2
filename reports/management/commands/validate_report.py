"""Run every check on a report: ``python manage.py validate_report 15889/2024Q3 [--json]``."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from core.period_keys import PeriodKeyError
from core.units_loading import normalise_code
from indicators.validation.listing import as_json, listing
from reports.check_loading import check_report
from reports.models import Report

MSG_BAD_KEY = "“{key}” không đúng dạng <mã đơn vị>/<kỳ>, ví dụ 15889/2024Q3."


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
