"""Load today's official administrative units (34 provinces, 3,321 communes) and the units
each of them replaced on 1 July 2025."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from core.units_loading import load_official_units, load_predecessors


class Command(BaseCommand):
    help = (
        "Nạp danh mục đơn vị hành chính hiện hành (34 tỉnh, 3.321 xã) từ gói vietnam-provinces "
        "và các đơn vị tiền thân (trước 1/7/2025) theo bảng chuyển đổi của gói vietnamadminunits."
    )

    def handle(self, *args, **options) -> None:
        provinces, communes = load_official_units()
        self.stdout.write(f"Đã nạp {provinces} tỉnh, thành phố và {communes} xã, phường, đặc khu.")
        units, links = load_predecessors()
        self.stdout.write(
            f"Đơn vị tiền thân: thêm {links} liên kết cho {units} đơn vị "
            "(chỉ các đơn vị cũ đã có trong cơ sở dữ liệu)."
        )
