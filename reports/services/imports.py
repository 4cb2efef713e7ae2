"""Writing an imported annex (or a whole báo cáo) into a report, and finding (or creating) the
report it goes to.

A filled annex only ever goes into a report the commune may still change: a draft, or a
report returned for correction. A submitted or approved report is never overwritten; the
import is refused with a Vietnamese message and nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from core.errors import DomainError
from core.period_keys import PeriodKey
from core.text_input import clean_instances
from indicators.models import IndicatorTemplate, TemplateAssignment, TemplateStatus
from reports.annex_import import AnnexMatch
from reports.computation import recompute
from reports.models import (
    AdministrativeUnit,
    IndicatorValue,
    NarrativeSection,
    Report,
    ReportingPeriod,
    ReportStatus,
    TableCellValue,
    User,
    ValueOrigin,
)
from reports.report_import import HEADER_FIELDS, HEADER_GROUPS, ReportMatch
from reports.services.start import FORWARD_PLACEHOLDER, default_header
from reports.workflow import EDITABLE

MSG_NOT_EDITABLE = (
    "Báo cáo của {unit} kỳ {period} đang ở trạng thái “{status}”: không ghi đè số liệu của "
    "báo cáo đã gửi hoặc đã duyệt."
)
MSG_LOCKED_PERIOD = "Kỳ báo cáo {period} đã khóa: không nhập số liệu vào kỳ này được."
MSG_TEMPLATE_CHANGED = (
    "Báo cáo dùng mẫu phụ lục khác với mẫu đã đối chiếu tệp: hãy tải tệp lên lại."
)
MSG_STALE = "Báo cáo đã có thay đổi từ lúc xem trước: hãy tải tệp lên lại để xem trước lần nữa."
MSG_NO_TEMPLATE = (
    "Không tìm được mẫu phụ lục cho {unit} kỳ {period}: chỉ rõ mẫu bằng --template MÃ "
    "(hoặc MÃ@PHIÊN_BẢN)."
)
MSG_UNKNOWN_TEMPLATE = "Không có mẫu phụ lục “{code}” (đã ban hành)."
MSG_OTHER_TEMPLATE = (
    "Báo cáo của {unit} kỳ {period} đã có, theo mẫu {existing}: không nhập theo mẫu {wanted} được."
)
_TEMPLATE_REF = re.compile(r"^(?P<code>[^@]+?)(?:@v?(?P<version>\d+))?$")
USABLE_STATUSES = (TemplateStatus.PUBLISHED, TemplateStatus.ARCHIVED)


class ImportRefused(DomainError):
    """Refused, with the reason in ``message``."""


@dataclass(frozen=True)
class ImportResult:
    written: int
    cleared: int
    sections: int
    cells: int = 0  # cells of the tables by field written or cleared


def ensure_importable(report: Report) -> None:
    """Only a draft or returned report, in a period that is not locked, takes an import."""
    if report.status not in EDITABLE:
        raise ImportRefused(
            MSG_NOT_EDITABLE.format(
                unit=report.unit,
                period=report.period.label,
                status=ReportStatus(report.status).label,
            )
        )
    if report.period.is_locked:
        raise ImportRefused(MSG_LOCKED_PERIOD.format(period=report.period.label))


def assigned_template(unit: AdministrativeUnit, period: ReportingPeriod, code: str | None = None):
    """The template assigned to the unit (or a unit above it) for the period, published or
    since archived: an old report is imported on the template of its time."""
    ancestors = [int(pk) for pk in unit.path.strip("/").split("/") if pk]
    assignments = (
        TemplateAssignment.objects.filter(
            unit_id__in=ancestors,
            template__status__in=USABLE_STATUSES,
            period_kinds__contains=period.kind,
        )
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=period.end_date))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=period.end_date))
    )
    if code:
        assignments = assignments.filter(template__code=code)
    assignment = (
        assignments.select_related("template").order_by("-unit__path", "-template__version").first()
    )
    return assignment.template if assignment else None


def template_for_import(
    unit: AdministrativeUnit, period: ReportingPeriod, reference: str | None = None
) -> IndicatorTemplate:
    """``reference``: "HH-01b" (the version assigned for the period, else the latest
    published) or "HH-01b@1"; none: the template assigned to the unit for the period."""
    if not reference:
        template = assigned_template(unit, period)
        if template is None:
            raise ImportRefused(MSG_NO_TEMPLATE.format(unit=unit, period=period.label))
        return template
    match = _TEMPLATE_REF.match(reference.strip())
    code = match.group("code").strip() if match else reference.strip()
    versions = IndicatorTemplate.objects.filter(code=code, status__in=USABLE_STATUSES)
    if match and match.group("version"):
        template = versions.filter(version=int(match.group("version"))).first()
    else:
        template = assigned_template(unit, period, code) or (
            versions.filter(status=TemplateStatus.PUBLISHED).order_by("-version").first()
        )
    if template is None:
        raise ImportRefused(MSG_UNKNOWN_TEMPLATE.format(code=reference))
    return template


def period_for_import(key: str | PeriodKey, unit: AdministrativeUnit) -> ReportingPeriod:
    """The period of the key for the unit (its province's setting first); an unsaved national
    period with the legal window when none exists yet (saved only when a report is written)."""
    try:
        return ReportingPeriod.objects.by_key(key, scope=unit)
    except ReportingPeriod.DoesNotExist:
        return ReportingPeriod.build(key)


def existing_report(unit: AdministrativeUnit, period: ReportingPeriod) -> Report | None:
    if period.pk is None:
        return None
    return (
        Report.objects.filter(unit=unit, period=period)
        .select_related("unit", "period", "template")
        .first()
    )


@transaction.atomic
def draft_create(
    *,
    unit: AdministrativeUnit,
    period: ReportingPeriod,
    template: IndicatorTemplate,
    user: User | None = None,
) -> Report:
    """A new draft for an import: the default header and the template's outline, no prefill
    (the file is the source of every figure)."""
    if period.pk is None:
        period.full_clean()
        period.save()
    report = Report.objects.create(
        unit=unit, period=period, template=template, created_by=user, **default_header(unit, period)
    )
    next_label = period.period_key.next().label.upper()
    bulk_create_with_history(
        clean_instances(
            NarrativeSection(
                report=report,
                outline=outline,
                position=position,
                level=outline.level,
                heading=outline.heading.replace(FORWARD_PLACEHOLDER, next_label),
            )
            for position, outline in enumerate(template.outline.order_by("position"), start=1)
        ),
        NarrativeSection,
    )
    return report


def annex_import_write(
    *,
    report: Report,
    match: AnnexMatch,
    user: User | None = None,
    expected_version: int | None = None,
) -> ImportResult:
    """Write the matched values and sections into the report, all or nothing.

    For every row the file has, the file is the source: its value replaces the stored one and
    an empty cell clears it (blank is not zero). Rows the file lacks keep their values."""
    with transaction.atomic():
        locked = _locked(report, match.template_id, expected_version)
        result = _write_annex(locked, match, user)
        _bump(locked)
    report.refresh_from_db(fields=["version", "updated_at"])
    return result


def report_import_write(
    *,
    report: Report,
    match: ReportMatch,
    user: User | None = None,
    expected_version: int | None = None,
) -> ImportResult:
    """Write a whole báo cáo into the report, all or nothing: the header fields the file has
    (those it lacks keep their value), the sections, the values and the tables' cells, by the
    rules of :func:`annex_import_write`."""
    with transaction.atomic():
        locked = _locked(report, match.template_id, expected_version)
        _write_header(locked, match)
        result = _write_annex(locked, match.annex, user)
        _bump(locked)
    report.refresh_from_db()
    return result


def _locked(report: Report, template_id: int, expected_version: int | None) -> Report:
    """The report, locked for the import, once it is known to take it."""
    locked = Report.objects.select_for_update().select_related("period", "unit").get(pk=report.pk)
    ensure_importable(locked)
    if locked.template_id != template_id:
        raise ImportRefused(MSG_TEMPLATE_CHANGED)
    if expected_version is not None and locked.version != expected_version:
        raise ImportRefused(MSG_STALE)
    return locked


def _bump(report: Report) -> None:
    Report.objects.filter(pk=report.pk).update(version=F("version") + 1, updated_at=timezone.now())


def _write_annex(report: Report, match: AnnexMatch, user: User | None) -> ImportResult:
    too_long = match.too_long()
    if too_long:
        raise ImportRefused(" ".join(too_long))
    written, cleared = _write_values(report, match, user)
    cells = _write_cells(report, match, user)
    sections = _write_sections(report, match, user)
    recompute(report, user=user)
    return ImportResult(written=written, cleared=cleared, sections=sections, cells=cells)


def _write_header(report: Report, match: ReportMatch) -> None:
    """The document's fields the file gives; the date with its printed form (a date printed
    without its day, "ngày tháng 9 năm 2024", is no date)."""
    header = match.letter_header
    given = {name for name in HEADER_FIELDS if getattr(header, name)}
    for group in HEADER_GROUPS:
        if given & set(group):
            given |= set(group)
    changed = []
    for name, length in HEADER_FIELDS.items():
        if name in given:
            value = getattr(header, name)
            setattr(report, name, value[:length] if length else value)
            changed.append(name)
    if header.date_printed:
        report.document_date = header.date
        changed.append("document_date")
    for name in ("recipients", "footnotes"):
        if getattr(header, name):
            setattr(report, name, getattr(header, name))
            changed.append(name)
    if changed:
        report.save(update_fields=changed)


def _write_values(report: Report, match: AnnexMatch, user: User | None) -> tuple[int, int]:
    """The matched rows' values: (written, cleared)."""
    stored = {value.indicator_id: value for value in IndicatorValue.objects.filter(report=report)}
    written = cleared = 0
    for row in match.rows:
        value = stored.get(row.indicator_id)
        if row.is_empty:
            if value is not None:
                value._history_user = user
                value.delete()
                cleared += 1
            continue
        if value is None:
            value = IndicatorValue(report=report, indicator_id=row.indicator_id)
        value.value = row.decimal
        value.text = row.text
        value.printed = row.printed[:200]
        value.note = row.note
        value.prefilled = False
        value.origin = ValueOrigin.IMPORTED
        value.source = ""
        value.updated_by = user
        value._history_user = user
        value.save()
        written += 1
    return written, cleared


def _write_cells(report: Report, match: AnnexMatch, user: User | None) -> int:
    """The cells of the tables by field the file has: an empty one clears the stored cell."""
    stored = {
        (cell.row_id, cell.column_id): cell for cell in TableCellValue.objects.filter(report=report)
    }
    changed = 0
    for matched in match.cells:
        cell = stored.get((matched.row_id, matched.column_id))
        if not matched.value:
            if cell is not None:
                cell._history_user = user
                cell.delete()
                changed += 1
            continue
        if cell is None:
            cell = TableCellValue(report=report, row_id=matched.row_id, column_id=matched.column_id)
        cell.value = matched.decimal
        cell.printed = matched.printed[:100]
        cell.prefilled = False
        cell.origin = ValueOrigin.IMPORTED
        cell.source = ""
        cell._history_user = user
        cell.save()
        changed += 1
    return changed


def _write_sections(report: Report, match: AnnexMatch, user: User | None) -> int:
    existing = {s.outline_id: s for s in report.sections.filter(outline__isnull=False)}
    position = report.sections.aggregate(last=Max("position"))["last"] or 0
    written = 0
    for section in match.sections:
        if not section.text:
            continue
        stored = existing.get(section.outline_id)
        if stored is None:
            position += 1
            stored = NarrativeSection(
                report=report,
                outline_id=section.outline_id,
                position=position,
                level=section.level,
            )
        stored.heading = section.heading[:300]
        stored.text = section.text
        stored.prefilled = False
        stored._history_user = user
        stored.save()
        written += 1
    return written
