"""Filling a report: start it, save a cell, a table cell, a narrative section, the header.

Every save locks the report row, so two saves of one report never interleave; each compares
the value the browser last saw (``base``) with the stored one, so nobody's value is silently
overwritten: a stale save is refused as a conflict that shows both values.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from core.errors import DomainError
from core.numbers import format_number
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
FORWARD_PLACEHOLDER = "KỲ TỚI"


class EntryError(DomainError):
    """Refused, with the reason in ``message``."""


@dataclass(frozen=True)
class SaveResult:
    saved: bool
    conflict: bool = False
    theirs: str = ""
    theirs_by: str = ""
    theirs_at: object = None
    typed: TypedValue | None = None


def ensure_editable(report: Report) -> None:
    if report.status not in EDITABLE:
        raise EntryError(MSG_NOT_EDITABLE.format(status=ReportStatus(report.status).label))
    if report.period.is_locked:
        raise EntryError(MSG_LOCKED_PERIOD)
    # A returned report may always be corrected; a draft only while entry is open.
    if report.status == ReportStatus.DRAFT and not entry_open(report.period, report.unit):
        raise EntryError(closed_message(report.period))


def _lock(report: Report) -> Report:
    locked = Report.objects.select_for_update().select_related("period").get(pk=report.pk)
    ensure_editable(locked)
    return locked


def _bump(report: Report) -> None:
    Report.objects.filter(pk=report.pk).update(version=F("version") + 1, updated_at=timezone.now())


def _who(user: User | None) -> str:
    return (user.get_full_name() or user.username) if user else ""


def value_save(
    *, report: Report, indicator: Indicator, typed: TypedValue, base: str, force: bool, user: User
) -> SaveResult:
    """Store what was typed (refused input too: it is kept as typed, without a value)."""
    with transaction.atomic():
        _lock(report)
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
        _bump(report)
    return SaveResult(saved=True, typed=typed)


def value_confirm(*, report: Report, indicator: Indicator, user: User) -> None:
    """The user has seen a value carried over from the previous period and keeps it."""
    with transaction.atomic():
        _lock(report)
        IndicatorValue.objects.filter(report=report, indicator=indicator).update(prefilled=False)
        _bump(report)


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
        _lock(report)
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
        _bump(report)
    return SaveResult(saved=True, typed=typed)


def same_text(a: str, b: str) -> bool:
    """One text whatever the line endings a browser sent it with (CR LF, LF)."""
    return a.replace("\r\n", "\n") == b.replace("\r\n", "\n")


def section_save(
    *, report: Report, section: NarrativeSection, heading: str, text: str, base: str, force: bool,
    user: User,
) -> SaveResult:  # fmt: skip
    with transaction.atomic():
        _lock(report)
        stored = NarrativeSection.objects.get(pk=section.pk)
        if not force and not same_text(stored.text, base) and not same_text(stored.text, text):
            return SaveResult(saved=False, conflict=True, theirs=stored.text)
        stored.heading = heading.strip() or stored.heading
        stored.text = text
        stored.prefilled = False
        stored._history_user = user
        stored.save()
        _bump(report)
    return SaveResult(saved=True)


def header_save(*, report: Report, data: dict, user: User) -> None:
    with transaction.atomic():
        locked = _lock(report)
        for field, value in data.items():
            setattr(locked, field, value)
        locked.save(update_fields=[*data.keys(), "updated_at"])
        _bump(report)


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
    bulk_create_with_history(sections, NarrativeSection)


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
    bulk_create_with_history(new, IndicatorValue)
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
    bulk_create_with_history(cells, TableCellValue)
