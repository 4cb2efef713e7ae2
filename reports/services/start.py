"""Starting a report: the unit's report for a period, created from the template assigned to
it, with the default document header (or the one of the unit's previous report), the outline's
sections (texts carried over where the outline says so, "KỲ TỚI" naming the next period), the
figures it starts with (``reports.prefill``: carried, derived, each marked with where it comes
from until the user confirms it) and its computed figures (``reports.computation``)."""

from __future__ import annotations

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from core.period_keys import PeriodKind
from core.text_input import clean_instances
from indicators.models import IndicatorTemplate, TemplateAssignment
from reports.computation import recompute
from reports.deadlines import closed_message, entry_open
from reports.models import (
    AdministrativeUnit,
    NarrativeSection,
    Report,
    ReportingPeriod,
    User,
)
from reports.obligations import owes
from reports.prefill import (
    carry_table_cells,
    is_recent,
    last_report,
    starting_figures,
    store_figures,
)
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
def report_start(*, unit: AdministrativeUnit, period: ReportingPeriod, user: User | None) -> Report:
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
    return report_create(unit=unit, period=period, template=template, user=user)


def report_create(
    *, unit: AdministrativeUnit, period: ReportingPeriod, template: IndicatorTemplate, user
) -> Report:
    """The new report itself (the checks of ``report_start`` passed): header, outline, the
    figures it starts with and its computed figures."""
    # A quarter follows the quarter before; a longer period starts from the latest report,
    # the quarter ending the same day first (its stocks are the longer period's).
    if period.kind == PeriodKind.QUARTER:
        previous = previous_report(unit, period)
    else:
        previous = last_report(unit, period)
    header = default_header(unit, period)
    if previous:
        header.update({field: getattr(previous, field) for field in CARRY_HEADER})
    report = Report.objects.create(
        unit=unit, period=period, template=template, created_by=user, **header
    )
    # A report more than a year old is offered on the form, never used silently.
    recent = previous if previous and is_recent(previous, period) else None
    _prefill_sections(report, template, recent, period)
    store_figures(report, template, starting_figures(report, template, previous=recent))
    if recent:
        carry_table_cells(report, template, recent)
    recompute(report, user=user)
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
