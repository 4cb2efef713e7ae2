"""Pages of a report whose narrative sections are long: the report page, the check panel and the
checks alone, with three sections at the length limit and, for comparison, with three sections
of 4.9 MB written past every check (as a database from before the limit may hold).

Run by hand (not in CI): `python bench/bench_long_text.py` (SQLite dev database by default).
Medians of 5 runs, as Hoằng Hóa's reviewer. Everything it writes is rolled back.
"""

from __future__ import annotations

import statistics
import time

from _setup import setup

setup()

from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from core.text import NARRATIVE_MAX_CHARS  # noqa: E402
from reports.check_loading import check_report  # noqa: E402
from reports.models import NarrativeSection, Report, User  # noqa: E402


class Rollback(Exception):
    pass


def timed(action, runs: int = 5) -> tuple[float, object]:
    """The median time of ``runs`` runs (ms), and the last result."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def measure(report: Report, client: Client, size: int) -> None:
    sections = list(report.sections.order_by("position"))
    sample = "\n".join(s.text for s in sections if s.text) or "Tổng số hồ sơ đã tiếp nhận: 729."
    text = (sample + "\n") * (size // (len(sample) + 1) + 1)
    for section in sections[:3]:
        # Past every check, as a database from before the limit may hold.
        NarrativeSection.objects.filter(pk=section.pk).update(text=text[:size])
    page = reverse("reports:report", args=[report.pk])
    check = reverse("reports:report_check", args=[report.pk])
    client.get(page)  # warm-up
    page_ms, response = timed(lambda: client.get(page))
    check_ms, _ = timed(lambda: client.get(check))
    checks_ms, _ = timed(lambda: check_report(Report.objects.get(pk=report.pk)))
    print(
        f"3 sections of {size:>9,} characters: report page {page_ms:7.0f} ms "
        f"({len(response.content) / 1e6:5.1f} MB), check panel {check_ms:7.0f} ms, "
        f"checks {checks_ms:7.0f} ms"
    )


def main() -> None:
    report = Report.objects.by_key("15889", "2024Q3")
    client = Client()
    client.force_login(User.objects.get(username="noivu.hoanghoa"))
    for size in (6_000, NARRATIVE_MAX_CHARS, 4_900_000):
        try:
            with transaction.atomic():
                measure(report, client, size)
                raise Rollback
        except Rollback:
            pass


if __name__ == "__main__":
    main()
