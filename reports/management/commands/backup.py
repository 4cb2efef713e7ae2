"""``python manage.py backup FILE``: every row of the portal into one compressed file."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from reports.backup import backup


class Command(BaseCommand):
    help = "Sao lưu toàn bộ dữ liệu của cổng vào một tệp (XML nén gzip)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options) -> None:
        size = backup(file)
        self.stdout.write(f"Đã sao lưu vào {file} ({size:,} byte).".replace(",", "."))
