"""Filling a report: start it, save a cell, a table cell, a narrative section, the header.

Every save locks the report row, so two saves of one report never interleave; each compares
the value the browser last saw (``base``) with the stored one, so nobody's value is silently
overwritten: a stale save is refused as a conflict that shows both values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from core.errors import DomainError
from core.numbers import format_number
from core.text import NARRATIVE_MAX_CHARS, clean_text, too_long_message
from core.text_input import clean_instances
from indicators.compare import code_mapping
from indicators.models import (
    Indicator,
    IndicatorTemplate,
    Prefill,
    TableColumn,
    TableRow,
    TemplateAssignment,
)
from reports.deadlines import closed_message, entry_open
from reports.models import (
    HEADER_FIELDS,
    AdministrativeUnit,
    IndicatorValue,
    NarrativeSection,
    Report,
    ReportingPeriod,
    ReportStatus,
    TableCellValue,
    User,
)
from reports.obligations import owes
from reports.typed_values import TypedValue
from reports.workflow import EDITABLE

MSG_NO_TEMPLATE = (
    "Chưa có mẫu phụ lục được phân công cho {unit} kỳ {period}: liên hệ Phòng/Sở Nội vụ."
)
MSG_LOCKED_PERIOD = "Kỳ báo cáo đã khóa: không nhập được số liệu."
MSG_NOT_OWED = "{unit} không phải báo cáo {period} (kỳ này không áp dụng cho đơn vị)."
MSG_NOT_EDITABLE = "Báo cáo đang ở trạng thái “{status}”: không sửa được."
MSG_SENT = "Báo cáo đã gửi, không sửa được nữa."
MSG_APPROVED = "Báo cáo đã được duyệt, không sửa được nữa."
FORWARD_PLACEHOLDER = "KỲ TỚI"


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


# Starting a report ------------------------------------------------------------------------


def previous_report(unit: AdministrativeUnit, period: ReportingPeriod) -> Report | None:
    """The unit's report of the period just before (same kind), else its latest earlier one."""
    key = period.period_key.previous()
    same_kind = (
        Report.objects.filter(
            unit=unit, period__kind=key.kind, period__year=key.year, period__number=key.number
        )
        .select_related("template", "period")
        .first()
    )
    if same_kind:
        return same_kind
    return (
        Report.objects.filter(unit=unit, period__end_date__lt=period.end_date)
        .select_related("template", "period")
        .order_by("-period__end_date")
        .first()
    )


def _forward_heading(heading: str, period: ReportingPeriod) -> str:
    """ "V. PHƯƠNG HƯỚNG, NHIỆM VỤ … KỲ TỚI" names the period after this one."""
    return heading.replace(FORWARD_PLACEHOLDER, period.period_key.next().label.upper())


def default_header(unit: AdministrativeUnit, period: ReportingPeriod) -> dict:
    name = unit.short_name
    return {
        "issuer_parent": "ỦY BAN NHÂN DÂN",
        "issuer": f"{unit.get_kind_display().upper()} {name.upper()}",
        "symbol": "BC-UBND",
        "place": name,
        "summary": f"Kết quả thực hiện công tác cải cách hành chính {period.label}",
        "closing": f"Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính "
        f"{period.label} của UBND {unit.get_kind_display().lower()} {name}./.",
        "recipients": ["Lưu: VT."],
        "signer_mode": "TM.",
        "signer_authority": "ỦY BAN NHÂN DÂN",
        "signer_title": "CHỦ TỊCH",
    }


CARRY_HEADER = [
    "issuer_parent", "issuer", "symbol", "place", "recipient", "recipients", "signer_mode",
    "signer_authority", "signer_title", "signer_name",
]  # fmt: skip


@transaction.atomic
def report_start(*, unit: AdministrativeUnit, period: ReportingPeriod, user: User) -> Report:
    """The unit's report for the period, created from the assigned template if it is new:
    header, outline and the figures that carry over from the previous period, marked."""
    existing = Report.objects.filter(unit=unit, period=period).first()
    if existing:
        return existing
    if not owes(unit, period):
        raise EntryError(MSG_NOT_OWED.format(unit=unit, period=period.label))
    if period.is_locked:
        raise EntryError(MSG_LOCKED_PERIOD)
    if not entry_open(period, unit):
        raise EntryError(closed_message(period))
    template = TemplateAssignment.objects.template_for(unit, period)
    if template is None:
        raise EntryError(MSG_NO_TEMPLATE.format(unit=unit, period=period.label))
    previous = previous_report(unit, period)
    header = default_header(unit, period)
    if previous:
        header.update({field: getattr(previous, field) for field in CARRY_HEADER})
    report = Report.objects.create(
        unit=unit, period=period, template=template, created_by=user, **header
    )
    _prefill_sections(report, template, previous, period)
    if previous:
        _prefill_values(report, template, previous)
    return report


def _prefill_sections(
    report: Report, template: IndicatorTemplate, previous: Report | None, period
) -> None:
    previous_texts = {}
    if previous:
        previous_texts = {
            s.outline.heading if s.outline else s.heading: s.text
            for s in previous.sections.select_related("outline")
        }
    sections = []
    for position, outline in enumerate(template.outline.order_by("position"), start=1):
        text = previous_texts.get(outline.heading, "") if outline.prefill_from_previous else ""
        sections.append(
            NarrativeSection(
                report=report,
                outline=outline,
                position=position,
                level=outline.level,
                heading=_forward_heading(outline.heading, period),
                text=text,
                prefilled=bool(text),
            )
        )
    bulk_create_with_history(clean_instances(sections), NarrativeSection)


def _prefill_values(report: Report, template: IndicatorTemplate, previous: Report) -> None:
    """Figures that rarely change start from the last value; "carried over" starts from the
    previous period's pending applications. Each is marked until the user confirms it."""
    old_values = {v.indicator.code: v for v in previous.values.select_related("indicator")}
    if previous.template_id != template.id:
        # Across a template change (Hoằng Hóa 01b 2022 → 2024), codes follow the mapping
        # between the versions: a renumbered row still gets its figure.
        mapping = code_mapping(previous.template, template)
        old_values = {mapping.get(code, code): value for code, value in old_values.items()}
    old_tags: dict[str, Decimal] = {}
    for stored in old_values.values():
        for tag in stored.indicator.tags:
            if stored.value is not None:
                old_tags.setdefault(tag, stored.value)
    new = []
    for indicator in template.indicators.all():
        value: Decimal | None = None
        if indicator.prefill == Prefill.LAST_VALUE and indicator.code in old_values:
            value = old_values[indicator.code].value
        elif indicator.prefill == Prefill.PREVIOUS_PENDING:
            value = old_tags.get("hs_dang_giai_quyet")
        if value is not None:
            new.append(
                IndicatorValue(
                    report=report,
                    indicator=indicator,
                    value=value,
                    printed=format_number(value),
                    prefilled=True,
                )
            )
    bulk_create_with_history(clean_instances(new), IndicatorValue)
    _prefill_carried_over(report, template, previous)


def _prefill_carried_over(report: Report, template: IndicatorTemplate, previous: Report) -> None:
    """In a table by field, this period's "kỳ trước chuyển qua" is last period's pending."""
    if previous.template.code != template.code:
        return
    pending = {
        (cell.row.code, cell.row.table.code): cell.value
        for cell in previous.cells.select_related("row__table", "column")
        if "hs_dang_giai_quyet" in cell.column.tags and cell.value is not None
    }
    cells = []
    for table in template.tables.prefetch_related("rows", "columns"):
        carried = [c for c in table.columns.all() if "hs_ky_truoc" in c.tags]
        for column in carried:
            for row in table.rows.all():
                value = pending.get((row.code, table.code))
                if value is not None:
                    cells.append(
                        TableCellValue(
                            report=report,
                            row=row,
                            column=column,
                            value=value,
                            printed=format_number(value),
                            prefilled=True,
                        )
                    )
    bulk_create_with_history(clean_instances(cells), TableCellValue)
