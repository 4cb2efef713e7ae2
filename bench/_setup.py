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


def paired_medians(
    first: Callable[[], object], second: Callable[[], object], runs: int = 30, warmup: int = 3
) -> tuple[float, float]:
    """Median times (ms) of two actions run alternately, so that a change in the load of the
    machine (2 cores shared with other work) weighs on both alike: for ratios to a floor."""
    for _ in range(warmup):
        first()
        second()
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for action, kept in ((first, times[0]), (second, times[1])):
            start = time.perf_counter()
            action()
            kept.append((time.perf_counter() - start) * 1000)
    return statistics.median(times[0]), statistics.median(times[1])


def within(value: float, target: float) -> str:
    return "ok" if value <= target else "OVER TARGET"


def figure(label: str, ms: float, target_ms: float | None = None, queries: int | None = None):
    """One line of figures: median, its target if it has one, queries."""
    line = f"{label:34} {ms:8.1f} ms median"
    if target_ms is not None:
        line += f" (target ≤ {target_ms:g} ms: {within(ms, target_ms)})"
    else:
        line += " (no target)"
    if queries is not None:
        line += f", {queries} queries"
    print(line)


def ratio_line(label: str, ratio: float, target: float, note: str = "") -> None:
    print(f"{label:34} {ratio:8.2f}    (target ≤ {target:g}: {within(ratio, target)}){note}")
