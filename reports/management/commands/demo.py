"""Set up the demo: migrate, load units (the seeds' past and today's, with the units each of
today's replaced), templates, the five seed reports and demo users."""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from core.units_loading import load_historical_units
from reports import seeding


class Command(BaseCommand):
    help = "Chuẩn bị dữ liệu trình diễn (chạy lại nhiều lần không sao)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--skip-official-units",
            action="store_true",
            help="Chỉ nạp tỉnh Thanh Hóa hiện hành (đủ cho các tài khoản trình diễn), không nạp "
            "cả 3.321 xã (nhanh hơn cho kiểm thử).",
        )

    def handle(self, *args, skip_official_units: bool = False, **options) -> None:
        fixtures = settings.BASE_DIR / "fixtures"
        call_command("migrate", interactive=False, verbosity=0)
        units = load_historical_units(fixtures / "units_historical.json")
        self.stdout.write(f"Đơn vị hành chính (trước 1/7/2025): {units}")
        templates = seeding.load_templates(fixtures)
        self.stdout.write(f"Mẫu phụ lục: {len(templates)}")
        seeding.load_assignments(fixtures)
        today_units = seeding.load_today(all_units=not skip_official_units)
        self.stdout.write(
            f"Đơn vị hành chính hiện hành: {today_units.provinces} tỉnh, "
            f"{today_units.communes} xã; đơn vị tiền thân: thêm {today_units.predecessor_links} "
            f"liên kết cho {today_units.units_with_predecessors} đơn vị"
        )
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
        for demo in seeding.ensure_demo_users(seeding.DEMO_USERS + seeding.TODAY_DEMO_USERS):
            self.stdout.write(f"  {demo.username:16} {demo.full_name}")
