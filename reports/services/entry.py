"""Filling a report: save a cell, a table cell, a narrative section, the header (starting a
report: ``reports.services.start``).

Every save locks the report row, so two saves of one report never interleave; each compares
the value the browser last saw (``base``) with the stored one, so nobody's value is silently
overwritten: a stale save is refused as a conflict that shows both values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from core.errors import DomainError
from core.text import NARRATIVE_MAX_CHARS, clean_text, too_long_message
from indicators.models import Indicator, TableColumn, TableRow
from reports.deadlines import closed_message, entry_open
from reports.models import (
    HEADER_FIELDS,
    IndicatorValue,
    NarrativeSection,
    Report,
    ReportStatus,
    TableCellValue,
    User,
)
from reports.typed_values import TypedValue
from reports.workflow import EDITABLE

MSG_LOCKED_PERIOD = "Kỳ báo cáo đã khóa: không nhập được số liệu."
MSG_NOT_EDITABLE = "Báo cáo đang ở trạng thái “{status}”: không sửa được."
MSG_SENT = "Báo cáo đã gửi, không sửa được nữa."
MSG_APPROVED = "Báo cáo đã được duyệt, không sửa được nữa."


class EntryError(DomainError):
    """Refused, with the reason in ``message``."""


@dataclass(frozen=True)
class SaveResult:
    saved: bool
    conflict: bool = False
    theirs: str = ""
    theirs_by: str = ""
    theirs_at: dt.datetime | None = None
    typed: TypedValue | None = None


def not_editable_message(report: Report) -> str:
    """Why a report in this state takes no more input."""
    if report.status == ReportStatus.SUBMITTED:
        return MSG_SENT
    if report.status == ReportStatus.APPROVED:
        return MSG_APPROVED
    return MSG_NOT_EDITABLE.format(status=ReportStatus(report.status).label)


def ensure_editable(report: Report) -> None:
    if report.status not in EDITABLE:
        raise EntryError(not_editable_message(report))
    if report.period.is_locked:
        raise EntryError(MSG_LOCKED_PERIOD)
    # A returned report may always be corrected; a draft only while entry is open.
    if report.status == ReportStatus.DRAFT and not entry_open(report.period, report.unit):
        raise EntryError(closed_message(report.period))


def lock_for_edit(report: Report) -> Report:
    """The report, read afresh under its row lock, if it may still be changed (else EntryError).

    Every save and the send take this one lock, so they run one after the other: a save that
    comes after the send finds the report sent and is refused. Only the report's own row is
    locked (``of``): the period and unit read with it stay free for every other report."""
    locked = (
        Report.objects.select_for_update(of=("self",))
        .select_related("unit", "period", "template")
        .get(pk=report.pk)
    )
    ensure_editable(locked)
    return locked


def bump_version(report: Report) -> None:
    """One more change to the report: whoever holds an older version holds a stale page."""
    Report.objects.filter(pk=report.pk).update(version=F("version") + 1, updated_at=timezone.now())


def _who(user: User | None) -> str:
    return (user.get_full_name() or user.username) if user else ""


def value_save(
    *, report: Report, indicator: Indicator, typed: TypedValue, base: str, force: bool, user: User
) -> SaveResult:
    """Store what was typed (refused input too: it is kept as typed, without a value)."""
    with transaction.atomic():
        lock_for_edit(report)
        stored = IndicatorValue.objects.filter(report=report, indicator=indicator).first()
        current = stored.printed if stored else ""
        if not force and current.strip() != base.strip() and current.strip() != typed.raw:
            return SaveResult(
                saved=False,
                conflict=True,
                theirs=current,
                theirs_by=_who(stored.updated_by) if stored else "",
                theirs_at=stored.updated_at if stored else None,
                typed=typed,
            )
        if stored is None:
            stored = IndicatorValue(report=report, indicator=indicator)
        stored.value = typed.value
        stored.text = typed.text
        stored.printed = typed.raw
        stored.prefilled = False
        stored.updated_by = user
        stored._history_user = user
        stored.save()
        bump_version(report)
    return SaveResult(saved=True, typed=typed)


def value_confirm(*, report: Report, indicator: Indicator, user: User) -> None:
    """The user has seen a value carried over from the previous period and keeps it."""
    with transaction.atomic():
        lock_for_edit(report)
        IndicatorValue.objects.filter(report=report, indicator=indicator).update(prefilled=False)
        bump_version(report)


def cell_save(
    *,
    report: Report,
    row: TableRow,
    column: TableColumn,
    typed: TypedValue,
    base: str,
    force: bool,
    user: User,
) -> SaveResult:
    with transaction.atomic():
        lock_for_edit(report)
        stored = TableCellValue.objects.filter(report=report, row=row, column=column).first()
        current = stored.printed if stored else ""
        if not force and current.strip() != base.strip() and current.strip() != typed.raw:
            return SaveResult(saved=False, conflict=True, theirs=current, typed=typed)
        if stored is None:
            stored = TableCellValue(report=report, row=row, column=column)
        stored.value = typed.value
        stored.printed = typed.raw
        stored.prefilled = False
        stored._history_user = user
        stored.save()
        bump_version(report)
    return SaveResult(saved=True, typed=typed)


def same_text(a: str, b: str) -> bool:
    """One text whatever the line endings a browser sent it with (CR LF, LF)."""
    return a.replace("\r\n", "\n") == b.replace("\r\n", "\n")


def section_save(
    *, report: Report, section: NarrativeSection, heading: str, text: str, base: str, force: bool,
    user: User,
) -> SaveResult:  # fmt: skip
    """Store a section's text (cleaned); refused above ``NARRATIVE_MAX_CHARS`` (EntryError)."""
    heading, text, base = clean_text(heading), clean_text(text), clean_text(base)
    too_long = too_long_message(text, NARRATIVE_MAX_CHARS)
    if too_long:
        raise EntryError(too_long)
    with transaction.atomic():
        lock_for_edit(report)
        stored = NarrativeSection.objects.get(pk=section.pk)
        if not force and not same_text(stored.text, base) and not same_text(stored.text, text):
            return SaveResult(saved=False, conflict=True, theirs=stored.text)
        stored.heading = heading.strip() or stored.heading
        stored.text = text
        stored.prefilled = False
        stored._history_user = user
        stored.save()
        bump_version(report)
    return SaveResult(saved=True)


@dataclass(frozen=True)
class HeaderEdit:
    """One field of the header as the user left it (``typed``) and as their page showed it
    (``base``): the field is theirs to write only if the stored value is still ``base``."""

    base: object
    typed: object


@dataclass(frozen=True)
class HeaderConflict:
    field: str
    theirs: object
    mine: object
    theirs_by: str = ""
    theirs_at: dt.datetime | None = None


@dataclass(frozen=True)
class HeaderResult:
    saved: tuple[str, ...]
    conflicts: tuple[HeaderConflict, ...]
    # The header as it stands after the save, field by field.
    stored: dict[str, object]


def _plain(value: object) -> object:
    """A header value as compared: text without surrounding blanks, lists item by item."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list | tuple):
        return tuple(str(item).strip() for item in value)
    return value


def _same(a: object, b: object) -> bool:
    return _plain(a) == _plain(b)


def _made_by(report: Report, field: str) -> tuple[str, dt.datetime | None]:
    """Who gave ``field`` its stored value, and when (from the report's history)."""
    stored, maker = getattr(report, field), None
    for record in report.history.order_by("-history_date", "-history_id").select_related(
        "history_user"
    )[:50]:
        if not _same(getattr(record, field), stored):
            break
        maker = record
    return (_who(maker.history_user), maker.history_date) if maker else ("", None)


def header_save(*, report: Report, edits: Mapping[str, HeaderEdit], user: User) -> HeaderResult:
    """The header, field by field, under the conflict rule of values: a field the user did
    not change (typed = base) is not written; a field changed by someone else since the user's
    page showed it (stored ≠ base) is not overwritten but returned as a conflict with both
    values; the others are written, in one change of the report (one version, one history
    row)."""
    unknown = set(edits) - set(HEADER_FIELDS)
    if unknown:
        raise ValueError(f"Not header fields: {sorted(unknown)}")
    with transaction.atomic():
        locked = lock_for_edit(report)
        saved, conflicts = [], []
        for name, edit in edits.items():
            stored = getattr(locked, name)
            if _same(edit.typed, edit.base) or _same(edit.typed, stored):
                continue
            if not _same(stored, edit.base):
                by, at = _made_by(locked, name)
                conflicts.append(
                    HeaderConflict(name, stored, edit.typed, theirs_by=by, theirs_at=at)
                )
                continue
            setattr(locked, name, edit.typed)
            saved.append(name)
        if saved:
            locked.version += 1  # under the lock; the history row records the version it made
            locked._history_user = user
            locked.save(update_fields=[*saved, "version", "updated_at"])
    return HeaderResult(
        saved=tuple(saved),
        conflicts=tuple(conflicts),
        stored={name: getattr(locked, name) for name in HEADER_FIELDS},
    )
