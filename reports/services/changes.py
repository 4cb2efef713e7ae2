"""What changed in a report since a moment, from its history (simple-history rows of values,
table cells, narrative sections and the report's own header): since the last return (what the
commune changed before sending it again), since the version a reviewer's page showed (when the
report moved on under them), and every change of its values, newest first. Each change says
where, old and new, who made it last and when."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass

from indicators.models import Indicator
from reports.models import (
    HEADER_FIELDS,
    IndicatorValue,
    NarrativeSection,
    Report,
    ReportStatus,
    ReportTransition,
    TableCellValue,
)


@dataclass(frozen=True)
class Change:
    where: str
    old: str
    new: str
    by: str
    at: dt.datetime
    diff: list[str] | None = None


def last_return(report: Report) -> ReportTransition | None:
    return (
        ReportTransition.objects.filter(report=report, to_status=ReportStatus.RETURNED)
        .order_by("-at")
        .first()
    )


def _who(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def _history_changes(records, since: dt.datetime, label) -> list[Change]:
    """From simple-history rows, per object: the state at ``since`` and the latest one."""
    by_object: dict[int, list] = {}
    for record in records:
        by_object.setdefault(record.id, []).append(record)
    changes = []
    for object_records in by_object.values():
        object_records.sort(key=lambda r: r.history_date)
        before = [r for r in object_records if r.history_date <= since]
        after = [r for r in object_records if r.history_date > since]
        if not after:
            continue
        old = before[-1] if before else None
        new = after[-1]
        old_text, new_text = label.value(old), label.value(new)
        if new.history_type == "-":
            new_text = ""
        if old_text != new_text:
            changes.append(
                Change(
                    where=label.where(new),
                    old=old_text,
                    new=new_text,
                    by=_who(new.history_user),
                    at=new.history_date,
                    diff=label.diff(old_text, new_text),
                )
            )
    return changes


class _ValueLabel:
    def __init__(self, indicators: dict[int, Indicator]) -> None:
        self.indicators = indicators

    def where(self, record) -> str:
        indicator = self.indicators[record.indicator_id]
        return f"{indicator.display_code or indicator.code} {indicator.name}"

    @staticmethod
    def value(record) -> str:
        return record.printed if record else ""

    @staticmethod
    def diff(old: str, new: str) -> None:
        return None


class _CellLabel(_ValueLabel):
    def where(self, record) -> str:
        return f"Bảng: {record.row.label} — {record.column.label}"


class _SectionLabel:
    @staticmethod
    def where(record) -> str:
        return f"Mục “{record.heading}”"

    @staticmethod
    def value(record) -> str:
        return record.text if record else ""

    @staticmethod
    def diff(old: str, new: str) -> list[str]:
        return [
            line
            for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
            if not line.startswith(("---", "+++", "@@"))
        ]


def changes_since_return(report: Report) -> tuple[ReportTransition | None, list[Change]]:
    """Everything the commune changed after the last return: values, table cells, narrative
    texts and the document's header."""
    returned = last_return(report)
    if returned is None:
        return None, []
    return returned, changes_since(report, since=returned.at)


def changes_since(report: Report, *, since: dt.datetime) -> list[Change]:
    """Every value, table cell, narrative text and header field that differs from what it was
    at ``since``, with who changed it last and when, oldest first."""
    indicators = {i.pk: i for i in report.template.indicators.all()}
    value_records = IndicatorValue.history.filter(report_id=report.pk).select_related(
        "history_user"
    )
    cell_records = TableCellValue.history.filter(report_id=report.pk).select_related(
        "history_user", "row", "column"
    )
    section_records = NarrativeSection.history.filter(report_id=report.pk).select_related(
        "history_user"
    )
    changes = (
        _history_changes(value_records, since, _ValueLabel(indicators))
        + _history_changes(cell_records, since, _CellLabel(indicators))
        + _history_changes(section_records, since, _SectionLabel())
        + _header_changes(report, since)
    )
    return sorted(changes, key=lambda c: c.at)


def _header_text(record, name: str) -> str:
    value = getattr(record, name)
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else str(value)


def _header_changes(report: Report, since: dt.datetime) -> list[Change]:
    """The header fields that differ from what they were at ``since`` (the report's own
    history: a row per saved change of it)."""
    records = list(
        report.history.order_by("history_date", "history_id").select_related("history_user")
    )
    before = [r for r in records if r.history_date <= since]
    after = [r for r in records if r.history_date > since]
    if not after:
        return []
    old = before[-1] if before else None
    if old is None and after[0].history_type != "+":
        # The history began after ``since`` (rows recorded when it was introduced): its first
        # row is the oldest state known, not a change.
        old, after = after[0], after[1:]
    changes = []
    for name in HEADER_FIELDS:
        last_change, previous = None, old
        for record in after:
            if previous is None or _header_text(record, name) != _header_text(previous, name):
                last_change = record
            previous = record
        old_text = _header_text(old, name) if old else ""
        new_text = _header_text(after[-1], name) if after else old_text
        if last_change is None or old_text == new_text:
            continue
        label = getattr(Report._meta.get_field(name), "verbose_name", name)
        changes.append(
            Change(
                where=f"Thông tin văn bản: {label}",
                old=old_text,
                new=new_text,
                by=_who(last_change.history_user),
                at=last_change.history_date,
            )
        )
    return changes


@dataclass(frozen=True)
class SeenChanges:
    """What happened to a report after the version a reviewer's page showed."""

    since: dt.datetime | None
    steps: list[ReportTransition]
    changes: list[Change]


def version_reached_at(report: Report, *, version: int) -> dt.datetime | None:
    """When the report reached ``version``, from its history (each row carries the version it
    made; saves of values bump the version without a row of the report's, so this is the
    latest recorded moment at or before it). None if the history starts after it."""
    record = (
        report.history.filter(version__lte=version).order_by("-version", "history_date").first()
    )
    return record.history_date if record else None


def changes_since_version(report: Report, *, version: int) -> SeenChanges:
    """The workflow's moves and every change of content after ``version``; when that version
    predates the report's history, since the last return."""
    since = version_reached_at(report, version=version)
    if since is None:
        returned = last_return(report)
        since = returned.at if returned else None
    if since is None:
        return SeenChanges(since=None, steps=[], changes=[])
    steps = list(report.transitions.filter(at__gt=since).select_related("by"))
    return SeenChanges(since=since, steps=steps, changes=changes_since(report, since=since))


def value_history(report: Report, limit: int = 200) -> list[Change]:
    """Every recorded change of the report's values (who, when, old → new), newest first."""
    indicators = {i.pk: i for i in report.template.indicators.all()}
    records = list(
        IndicatorValue.history.filter(report_id=report.pk)
        .select_related("history_user")
        .order_by("history_date")
    )
    previous: dict[int, str] = {}
    changes = []
    for record in records:
        old = previous.get(record.id, "")
        new = "" if record.history_type == "-" else record.printed
        previous[record.id] = new
        indicator = indicators.get(record.indicator_id)
        changes.append(
            Change(
                where=f"{indicator.display_code or indicator.code} {indicator.name}"
                if indicator
                else "",
                old=old,
                new=new,
                by=_who(record.history_user),
                at=record.history_date,
            )
        )
    return list(reversed(changes))[:limit]
