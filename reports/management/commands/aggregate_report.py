"""``python manage.py aggregate_report --unit 399 --period 2024Q3 --format xlsx -o FILE``."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.period_keys import PeriodKey, PeriodKeyError
from core.units_loading import normalise_code
from reports.aggregation import NothingToAggregate, aggregate
from reports.exports.aggregate import render_aggregate_xlsx
from reports.models import AdministrativeUnit, ReportingPeriod, ReportStatus


class Command(BaseCommand):
    help = "Tổng hợp phụ lục của các đơn vị trực thuộc một đơn vị, một kỳ (xlsx hoặc json)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--unit", required=True, help="mã đơn vị tổng hợp, ví dụ 399")
        parser.add_argument("--period", required=True, help="kỳ, ví dụ 2024Q3")
        parser.add_argument(
            "--status",
            default="approved",
            help="trạng thái báo cáo được tổng hợp, ví dụ approved,submitted",
        )
        parser.add_argument("--format", choices=["xlsx", "json"], default="json")
        parser.add_argument("-o", "--output", type=Path, help="tệp kết quả (mặc định: in ra)")

    def handle(self, *args, unit: str, period: str, status: str, format: str, output, **options):
        statuses = tuple(s.strip() for s in status.split(",") if s.strip())
        unknown = [s for s in statuses if s not in ReportStatus.values]
        if unknown or not statuses:
            raise CommandError(
                f"Trạng thái không hợp lệ: {', '.join(unknown) or status}. "
                f"Dùng: {', '.join(ReportStatus.values)}."
            )
        try:
            # Codes repeat over time: the unit of that code at the period's end.
            end = PeriodKey.parse(period).legal_window()[1]
            where = AdministrativeUnit.objects.by_code(normalise_code(unit), on=end)
            when = ReportingPeriod.objects.by_key(period, scope=where)
            result = aggregate(where, when, statuses, per_unit=format == "xlsx")
        except (AdministrativeUnit.DoesNotExist, ReportingPeriod.DoesNotExist) as error:
            raise CommandError(str(error)) from error
        except PeriodKeyError as error:
            raise CommandError(str(error)) from error
        except NothingToAggregate as error:
            raise CommandError(error.message) from error
        if format == "json":
            text = json.dumps(result.as_json(), ensure_ascii=False, indent=2)
            if output:
                output.write_text(text + "\n", encoding="utf-8")
            else:
                self.stdout.write(text)
            return
        if output is None:
            raise CommandError("Định dạng xlsx cần tệp kết quả: -o FILE.")
        output.write_bytes(render_aggregate_xlsx(result, statuses))
        self.stdout.write(f"Đã ghi {output} ({len(result.reports)} báo cáo).")
