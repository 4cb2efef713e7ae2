"""Set up the demo: migrate, load units, templates, the five seed reports and demo users."""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from core.units_loading import load_historical_units, load_official_units
from reports import seeding


class Command(BaseCommand):
    help = "Chuẩn bị dữ liệu trình diễn (chạy lại nhiều lần không sao)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--skip-official-units",
            action="store_true",
            help="Không nạp danh mục 3.321 xã hiện hành (nhanh hơn cho kiểm thử).",
        )

    def handle(self, *args, skip_official_units: bool = False, **options) -> None:
        fixtures = settings.BASE_DIR / "fixtures"
        call_command("migrate", interactive=False, verbosity=0)
        units = load_historical_units(fixtures / "units_historical.json")
        self.stdout.write(f"Đơn vị hành chính (trước 1/7/2025): {units}")
        if not skip_official_units:
            provinces, communes = load_official_units()
            self.stdout.write(f"Đơn vị hành chính hiện hành: {provinces} tỉnh, {communes} xã")
        templates = seeding.load_templates(fixtures)
        self.stdout.write(f"Mẫu phụ lục: {len(templates)}")
        seeding.load_assignments(fixtures)
        reports = seeding.load_seed_reports(fixtures)
        self.stdout.write(f"Báo cáo mẫu (đã duyệt): {len(reports)}")
        today = timezone.localdate()
        for key in seeding.DEMO_OPEN_PERIODS:
            seeding.ensure_demo_period(key, today)
        keys = seeding.DEMO_OPEN_PERIODS + seeding.current_period_keys(today)
        for key in seeding.current_period_keys(today):
            seeding.ensure_period(key)
        self.stdout.write(f"Kỳ báo cáo đang mở: {', '.join(keys)}")
        self.stdout.write(f"Tài khoản trình diễn (mật khẩu {seeding.DEMO_PASSWORD}):")
        for demo in seeding.ensure_demo_users():
            self.stdout.write(f"  {demo.username:16} {demo.full_name}")
