"""Export a report: ``python manage.py export_report 15889/2024Q3 --format docx -o bao-cao.docx``.

``--blank`` writes the empty form of the report's template (for the same unit and period).
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.period_keys import PeriodKeyError
from core.units_loading import normalise_code
from reports.exports import export_filename, formatters, render_report
from reports.models import Report

MSG_BAD_KEY = "“{key}” không đúng dạng <mã đơn vị>/<kỳ>, ví dụ 15889/2024Q3."
MSG_CANNOT_WRITE = "Không ghi được tệp “{path}”: {reason}."
MSG_WRITTEN = "Đã xuất {what} {key} ra {path} ({size} byte)."
WHAT = {False: "báo cáo", True: "biểu mẫu trống của báo cáo"}


class Command(BaseCommand):
    help = (
        "Xuất báo cáo (DOCX: báo cáo kèm phụ lục; XLSX: phụ lục): "
        "<mã đơn vị>/<kỳ> --format docx|xlsx -o TỆP [--blank]."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("report", help="<mã đơn vị>/<kỳ>, ví dụ 15889/2024Q3")
        parser.add_argument(
            "--format",
            dest="fmt",
            choices=sorted(formatters),
            default="docx",
            help="định dạng: docx (báo cáo kèm phụ lục) hoặc xlsx (phụ lục)",
        )
        parser.add_argument(
            "-o",
            "--output",
            help="tệp ghi ra (mặc định: tên chuẩn, ví dụ bao-cao-cchc-15889-2024Q3.docx)",
        )
        parser.add_argument(
            "--blank", action="store_true", help="biểu mẫu trống của mẫu phụ lục, không số liệu"
        )

    def handle(self, *args, report: str, fmt: str, output: str | None, blank: bool, **options):
        unit_code, slash, period_key = report.partition("/")
        if not slash or not unit_code or not period_key:
            raise CommandError(MSG_BAD_KEY.format(key=report))
        try:
            found = Report.objects.by_key(normalise_code(unit_code), period_key)
        except (Report.DoesNotExist, PeriodKeyError) as error:
            raise CommandError(str(error)) from error
        data = render_report(found, fmt, blank=blank)
        path = Path(output) if output else Path(export_filename(found, fmt, blank=blank))
        try:
            path.write_bytes(data)
        except OSError as error:
            raise CommandError(
                MSG_CANNOT_WRITE.format(path=path, reason=error.strerror or error)
            ) from error
        self.stdout.write(
            MSG_WRITTEN.format(what=WHAT[blank], key=found.key, path=path, size=len(data))
        )
