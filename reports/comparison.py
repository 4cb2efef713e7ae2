"""A report's key figures beside the unit's previous period: what a reviewer checks first."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from reports.dashboard import UnitLine, tagged_figures
from reports.models import Report
from reports.services.start import previous_report

LABELS = [
    ("received", "Hồ sơ tiếp nhận"),
    ("online", "Hồ sơ trực tuyến"),
    ("resolved", "Hồ sơ đã giải quyết"),
    ("on_time", "Hồ sơ giải quyết trước hạn và đúng hạn"),
]


@dataclass(frozen=True)
class KeyFigure:
    label: str
    previous: Decimal | None
    current: Decimal | None
    percent: bool = False

    @property
    def change(self) -> Decimal | None:
        if self.previous is None or self.current is None:
            return None
        return self.current - self.previous


def compare_with_previous(report: Report) -> tuple[Report | None, list[KeyFigure]]:
    """The unit's previous report and the key figures of both (counts, % online, % on time)."""
    previous = previous_report(report.unit, report.period)
    reports = [report] + ([previous] if previous else [])
    figures = tagged_figures(reports)
    now = figures.get(report.pk, {})
    before = figures.get(previous.pk, {}) if previous else {}
    rows = [KeyFigure(label, before.get(key), now.get(key)) for key, label in LABELS]
    lines = [
        UnitLine(unit=r.unit, report=r, submitted_at=None, due_date=r.period.due_date, figures=f)
        for r, f in ((report, now), (previous, before))
        if r is not None
    ]
    current_line, previous_line = lines[0], lines[1] if len(lines) > 1 else None
    for label, attribute in [("% trực tuyến", "online_rate"), ("% đúng hạn", "on_time_rate")]:
        rows.append(
            KeyFigure(
                label,
                getattr(previous_line, attribute) if previous_line else None,
                getattr(current_line, attribute),
                percent=True,
            )
        )
    return previous, rows
