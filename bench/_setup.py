"""Shared set-up of the bench scripts: Django on the dev database, demo data loaded."""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc_portal.settings")


def setup(load_demo: bool = True) -> None:
    import django

    django.setup()
    from django.conf import settings

    # Measure as production runs: no DEBUG query log; static URLs without a manifest.
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
    settings.STORAGES["staticfiles"] = {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    }
    if load_demo:
        from django.core.management import call_command

        from reports.models import Report

        call_command("migrate", verbosity=0)
        if not Report.objects.exists():
            call_command("demo", skip_official_units=True, verbosity=0)


def median_ms(action: Callable[[], object], runs: int = 30, warmup: int = 3) -> float:
    for _ in range(warmup):
        action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def count_queries(action: Callable[[], object]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured.captured_queries)
