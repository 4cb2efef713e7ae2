"""Load today's official administrative units (34 provinces, 3,321 communes)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from core.units_loading import load_official_units


class Command(BaseCommand):
    help = "Nạp danh mục đơn vị hành chính hiện hành (34 tỉnh, 3.321 xã) từ gói vietnam-provinces."

    def handle(self, *args, **options) -> None:
        provinces, communes = load_official_units()
        self.stdout.write(f"Đã nạp {provinces} tỉnh, thành phố và {communes} xã, phường, đặc khu.")
