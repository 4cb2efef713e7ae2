"""Regenerate the template and annex fixtures from the seed reports (a developer's tool)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from indicators.importers.seed_fixtures import build


class Command(BaseCommand):
    help = "Tạo lại fixtures mẫu phụ lục và số liệu từ năm báo cáo mẫu (tests/data/seeds)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--seeds", type=Path, default=settings.SEEDS_DIR)
        parser.add_argument("--out", type=Path, default=settings.BASE_DIR / "fixtures")

    def handle(self, *args, seeds: Path, out: Path, **options) -> None:
        for line in build(seeds, out):
            self.stdout.write(line)
