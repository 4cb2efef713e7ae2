"""``python manage.py restore FILE``: replace the data with a backup's (all or nothing)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.backup import restore


class Command(BaseCommand):
    help = "Khôi phục dữ liệu từ tệp sao lưu (thay thế toàn bộ dữ liệu hiện có)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--yes", action="store_true", help="không hỏi lại")

    def handle(self, *args, file: Path, yes: bool, **options) -> None:
        if not file.exists():
            raise CommandError(f"Không có tệp {file}.")
        if not yes and input("Xóa dữ liệu hiện có và khôi phục từ bản sao lưu? [y/N] ") != "y":
            raise CommandError("Đã hủy.")
        restore(file)
        self.stdout.write(f"Đã khôi phục dữ liệu từ {file}.")
