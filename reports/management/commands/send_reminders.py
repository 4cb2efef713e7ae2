"""Remind communes whose report is not sent, N days before the due date (run daily by cron)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import timezone

from indicators.models import TemplateAssignment
from reports.models import AdministrativeUnit, Report, ReportingPeriod, ReportStatus
from reports.notifications import remind

SENT = [ReportStatus.SUBMITTED, ReportStatus.APPROVED]


class Command(BaseCommand):
    help = "Nhắc các xã chưa gửi báo cáo, trước hạn gửi N ngày (mặc định 3)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=3, help="nhắc khi còn ≤ N ngày")
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None)

    def handle(self, *args, days: int, today: dt.date | None, **options) -> None:
        today = today or timezone.localdate()
        periods = ReportingPeriod.objects.open().filter(
            due_date__gte=today, due_date__lte=today + dt.timedelta(days=days)
        )
        sent = 0
        for period in periods:
            units = AdministrativeUnit.objects.communes().filter(
                users__role="commune_staff", users__is_active=True
            )
            if period.scope is not None:
                units = units.filter(path__startswith=period.scope.path)
            done = set(
                Report.objects.filter(period=period, status__in=SENT).values_list(
                    "unit_id", flat=True
                )
            )
            for unit in units.distinct():
                if unit.pk in done or TemplateAssignment.objects.template_for(unit, period) is None:
                    continue
                sent += remind(unit, period, settings.SITE_URL + reverse("reports:home"))
        self.stdout.write(f"Đã gửi {sent} thư nhắc.")
