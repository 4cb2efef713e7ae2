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
from django.db.models import F, Q
from django.utils import timezone

from core.errors import DomainError
from core.text import NARRATIVE_MAX_CHARS, clean_text, too_long_message
from indicators.models import Indicator, TableColumn, TableRow
from indicators.table_parts import column_parts
from reports.computation import recompute
from reports.deadlines import closed_message, entry_open
from reports.models import (
    HEADER_FIELDS,
    IndicatorValue,
    NarrativeSection,
    Report,
    ReportStatus,
    TableCellValue,
    User,
    ValueOrigin,
)
from reports.prefill import old_report_offer, prefill_from_old
from reports.typed_values import TypedValue
from reports.workflow import EDITABLE

MSG_LOCKED_PERIOD = "Kỳ báo cáo đã khóa: không nhập được số liệu."
MSG_NOT_EDITABLE = "Báo cáo đang ở trạng thái “{status}”: không sửa được."
MSG_SENT = "Báo cáo đã gửi, không sửa được nữa."
MSG_APPROVED = "Báo cáo đã được duyệt, không sửa được nữa."
MSG_COMPUTED_NEEDS_REASON = (
    "Chỉ tiêu {code} được tính tự động theo công thức {formula}. Nếu số chính thức của đơn vị "
    "khác, hãy ghi lý do sửa số."
)


class EntryError(DomainError):
    """Refused, with the reason in ``message``."""


class ReasonRequired(EntryError):
    """A figure typed over a computed one without saying why: refused, the input is kept."""


@dataclass(frozen=True)
class SaveResult:
    saved: bool
    conflict: bool = False
    theirs: str = ""
    theirs_by: str = ""
    theirs_at: dt.datetime | None = None
    typed: TypedValue | None = None
    # The computed and derived figures the save changed (codes), to show them afresh.
    recomputed: tuple[str, ...] = ()


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
    *,
    report: Report,
    indicator: Indicator,
    typed: TypedValue,
    base: str,
    force: bool,
    user: User,
    override_reason: str = "",
    origin: str = ValueOrigin.TYPED,
) -> SaveResult:
    """Store what was typed (refused input too: it is kept as typed, without a value), then
    the report's computed figures. A computed row takes a figure of the commune's own only
    with a reason (``override_reason``); a blank gives it back to its formula."""
    override_reason = clean_text(override_reason).strip()
    with transaction.atomic():
        lock_for_edit(report)
        typed_over = indicator.is_computed and typed.raw and origin == ValueOrigin.TYPED
        if typed_over and not override_reason:
            raise ReasonRequired(
                MSG_COMPUTED_NEEDS_REASON.format(
                    code=indicator.code, formula=indicator.readable_formula
                )
            )
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
        if indicator.is_computed and not typed.raw:
            if stored.pk:
                stored._history_user = user
                stored.delete()  # the formula gives the figure again
        else:
            stored.value = typed.value
            stored.text = typed.text
            stored.printed = typed.raw
            stored.prefilled = False
            stored.origin = origin
            stored.source = ""
            stored.override_reason = override_reason if indicator.is_computed else ""
            stored.updated_by = user
            stored._history_user = user
            stored.save()
        recomputed = recompute(report, user=user)
        bump_version(report)
    return SaveResult(saved=True, typed=typed, recomputed=tuple(recomputed))


def value_confirm(*, report: Report, indicator: Indicator, user: User) -> None:
    """The user has seen a value carried over from the previous period and keeps it."""
    with transaction.atomic():
        lock_for_edit(report)
        IndicatorValue.objects.filter(report=report, indicator=indicator).update(prefilled=False)
        bump_version(report)


def _waiting(report: Report, code: str):
    waiting = IndicatorValue.objects.filter(report=report, prefilled=True)
    if code:
        under = Q(indicator__code__startswith=f"{code}.")
        waiting = waiting.filter(Q(indicator__code=code) | under)
    return waiting


def waiting_codes(report: Report, code: str) -> list[str]:
    """The codes of the figures waiting for confirmation in a part of the annex (what
    ``section_confirm`` would confirm)."""
    return list(_waiting(report, code).values_list("indicator__code", flat=True))


def section_confirm(*, report: Report, code: str, user: User) -> int:
    """Every figure waiting for confirmation in a part of the annex (``code`` and the rows
    under it; "" for the whole annex) is kept as it is. The number of figures confirmed."""
    with transaction.atomic():
        lock_for_edit(report)
        waiting = _waiting(report, code)
        count = 0
        for value in waiting.select_related("indicator"):
            value.prefilled = False
            value._history_user = user
            value.save(update_fields=["prefilled", "updated_at"])
            count += 1
        if not code:
            count += TableCellValue.objects.filter(report=report, prefilled=True).update(
                prefilled=False
            )
        if count:
            bump_version(report)
    return count


def prefill_from_old_report(*, report: Report, user: User) -> tuple[Report | None, int]:
    """The official chose to start from the unit's last report although it is more than a
    year old (``reports.prefill.old_report_offer``): its figures fill the rows still empty,
    each marked with its period, to confirm; then the computed figures. The old report and
    the number of figures filled (None, 0 when nothing is offered any more)."""
    with transaction.atomic():
        lock_for_edit(report)
        old = old_report_offer(report)
        if old is None:
            return None, 0
        count = prefill_from_old(report, old)
        recompute(report, user=user)
        bump_version(report)
    return old, count


def is_total_cell(row: TableRow, column: TableColumn) -> bool:
    """A cell the server adds up: of the total row, or of a "Tổng số" column."""
    if row.is_total:
        return True
    return column.code in column_parts(list(column.table.columns.all()))


def cell_save(
    *,
    report: Report,
    row: TableRow,
    column: TableColumn,
    typed: TypedValue,
    base: str,
    force: bool,
    user: User,
    origin: str = ValueOrigin.TYPED,
) -> SaveResult:
    """Store a cell of a table by field as typed, then the table's totals (added up on the
    server). A total the commune typed or imported stays its own until it is given back with
    a blank."""
    with transaction.atomic():
        lock_for_edit(report)
        stored = TableCellValue.objects.filter(report=report, row=row, column=column).first()
        current = stored.printed if stored else ""
        if not force and current.strip() != base.strip() and current.strip() != typed.raw:
            return SaveResult(saved=False, conflict=True, theirs=current, typed=typed)
        if not typed.raw and is_total_cell(row, column):
            if stored is not None:
                stored._history_user = user
                stored.delete()  # a total given back: the server adds it up again
        else:
            if stored is None:
                stored = TableCellValue(report=report, row=row, column=column)
            stored.value = typed.value
            stored.printed = typed.raw
            stored.prefilled = False
            stored.origin = origin
            stored.source = ""
            stored._history_user = user
            stored.save()
        recomputed = recompute(report, user=user)
        bump_version(report)
    return SaveResult(saved=True, typed=typed, recomputed=tuple(recomputed))


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
