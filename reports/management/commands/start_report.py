"""Start a report as the "Lập báo cáo" button does: ``python manage.py start_report 15889/2024Q4``.

The report is created from the template assigned to the unit, with what it starts with (carried,
derived and computed figures, each marked); exit 1 with the reason when the unit does not owe
that period (or the period is closed, or no template is assigned). A report that exists already
is left as it is and named.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from core.models import AdministrativeUnit
from core.period_keys import PeriodKey, PeriodKeyError
from core.units_loading import normalise_code
from reports.models import Report, ReportingPeriod
from reports.services.entry import EntryError
from reports.services.start import report_start

MSG_FORMAT = "“{arg}” không đúng dạng <mã đơn vị>/<kỳ>, ví dụ 15889/2024Q4."
MSG_EXISTS = "Báo cáo {key} đã có (trạng thái “{status}”): không tạo lại."
MSG_CREATED = "Đã lập báo cáo {key}: {values} số liệu điền sẵn ({carried} chuyển từ kỳ trước, " \
    "{derived} suy ra, {computed} tự tính) — {unit}, {period}."  # fmt: skip


class Command(BaseCommand):
    help = "Lập báo cáo như nút “Lập báo cáo”: <mã đơn vị>/<kỳ>, ví dụ 15889/2024Q4."

    def add_arguments(self, parser) -> None:
        parser.add_argument("report", help="<mã đơn vị>/<kỳ>, ví dụ 15889/2024Q4")

    def handle(self, *args, report: str, **options) -> None:
        unit_code, slash, period_key = report.partition("/")
        if not slash or not unit_code or not period_key:
            raise CommandError(MSG_FORMAT.format(arg=report))
        try:
            key = PeriodKey.parse(period_key)
        except PeriodKeyError as error:
            raise CommandError(error.message) from error
        try:
            national = ReportingPeriod.objects.by_key(key)
            unit = AdministrativeUnit.objects.by_code(
                normalise_code(unit_code), on=national.end_date
            )
            period = ReportingPeriod.objects.by_key(key, scope=unit)
        except (ReportingPeriod.DoesNotExist, AdministrativeUnit.DoesNotExist) as error:
            raise CommandError(str(error)) from error
        existing = Report.objects.filter(unit=unit, period=period).first()
        if existing is not None:
            raise CommandError(
                MSG_EXISTS.format(key=existing.key, status=existing.get_status_display())
            )
        try:
            created = report_start(unit=unit, period=period, user=None)
        except EntryError as error:
            raise CommandError(error.message) from error
        origins = list(created.values.values_list("origin", flat=True))
        self.stdout.write(
            MSG_CREATED.format(
                key=created.key,
                values=len(origins),
                carried=origins.count("carried"),
                derived=origins.count("derived"),
                computed=origins.count("computed"),
                unit=unit.name,
                period=period.label,
            )
        )
