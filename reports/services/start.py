"""Starting a report: the unit's report for a period, created from the template assigned to
it, with the default document header (or the one of the unit's previous report), the outline's
sections (texts carried over where the outline says so, "KỲ TỚI" naming the next period) and the
figures that carry over from the previous period, each marked until the user confirms it."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from core.numbers import format_number
from core.text_input import clean_instances
from indicators.compare import code_mapping
from indicators.models import IndicatorTemplate, Prefill, TemplateAssignment
from reports.deadlines import closed_message, entry_open
from reports.models import (
    AdministrativeUnit,
    IndicatorValue,
    NarrativeSection,
    Report,
    ReportingPeriod,
    TableCellValue,
    User,
)
from reports.obligations import owes
from reports.services.entry import MSG_LOCKED_PERIOD, EntryError

MSG_NO_TEMPLATE = (
    "Chưa có mẫu phụ lục được phân công cho {unit} kỳ {period}: liên hệ Phòng/Sở Nội vụ."
)
MSG_NOT_OWED = "{unit} không phải báo cáo {period} (kỳ này không áp dụng cho đơn vị)."
FORWARD_PLACEHOLDER = "KỲ TỚI"


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
