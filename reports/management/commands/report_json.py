"""Print a report as JSON: ``python manage.py report_json 15889/2024Q3``."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from core.period_keys import PeriodKeyError
from core.units_loading import normalise_code
from reports.models import Report
from reports.report_json import report_as_dict


class Command(BaseCommand):
    help = "In báo cáo dạng JSON: <mã đơn vị>/<kỳ báo cáo>, ví dụ 15889/2024Q3."

    def add_arguments(self, parser) -> None:
        parser.add_argument("report", help="<mã đơn vị>/<kỳ>, ví dụ 15889/2024Q3")

    def handle(self, *args, report: str, **options) -> None:
        unit_code, slash, period_key = report.partition("/")
        if not slash or not unit_code or not period_key:
            raise CommandError(f"“{report}” không đúng dạng <mã đơn vị>/<kỳ>, ví dụ 15889/2024Q3.")
        try:
            found = Report.objects.by_key(normalise_code(unit_code), period_key)
        except (Report.DoesNotExist, PeriodKeyError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(json.dumps(report_as_dict(found), ensure_ascii=False, indent=2))
