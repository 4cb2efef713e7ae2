"""Reports as the plain data the check engine reads, and the checks of a saved report.

The only place the checks' view of a report is read from the database: a report's values,
cells, narrative and document in a constant number of queries, with the unit's other reports of
the year for the checks across periods. The engine itself (``indicators.validation``) never
touches the ORM.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.db.models.functions import Substr

from core.text import NARRATIVE_MAX_CHARS
from indicators.structure import template_data
from indicators.validation.engine import check_data
from indicators.validation.findings import Finding
from indicators.validation.snapshot import (
    DocumentInfo,
    PastReport,
    PeriodInfo,
    ReportData,
    Section,
)
from reports.models import IndicatorValue, NarrativeSection, Report, TableCellValue


def check_report(report: Report, *, include_narrative: bool = True) -> list[Finding]:
    """Every check on a saved report, in a constant number of queries."""
    return check_data(report_data(report), include_narrative=include_narrative)


def check_report_values(
    report: Report,
    values: Mapping[str, Decimal | None],
    *,
    cells: Mapping[str, Decimal | None] | None = None,
    sections: Iterable[Section] | None = None,
    include_narrative: bool = False,
) -> list[Finding]:
    """The checks on what a form holds before it is saved: ``values`` (by indicator code, None
    = blank) and ``cells`` ("table:row:column") over the saved report, which fills in
    everything not given (its other values, period, previous periods, narrative)."""
    data = report_data(report).with_values(values, cells, sections)
    return check_data(data, include_narrative=include_narrative)


def report_data(report, *, history: bool = True) -> ReportData:
    """A saved report as plain data, in a constant number of queries (about a dozen)."""
    template = template_data(report.template)
    values: dict[str, Decimal | None] = {}
    printed: dict[str, str] = {}
    for code, value, text in IndicatorValue.objects.filter(report=report).values_list(
        "indicator__code", "value", "printed"
    ):
        values[code] = value
        if text:
            printed[code] = text
    cells = {
        f"{table}:{row}:{column}": value
        for table, row, column, value in TableCellValue.objects.filter(report=report).values_list(
            "row__table__code", "row__code", "column__code", "value"
        )
    }
    # The checks read a section up to the length limit (``check_data`` cuts it there too): a
    # text stored longer is not even fetched whole.
    sections = tuple(
        Section(heading, text, level)
        for heading, text, level in NarrativeSection.objects.filter(report=report)
        .order_by("position")
        .values_list("heading", Substr("text", 1, NARRATIVE_MAX_CHARS), "level")
    )
    period = report.period
    return ReportData(
        template=template,
        values=values,
        printed=printed,
        cells=cells,
        sections=sections,
        period=PeriodInfo(period.period_key, period.start_date, period.end_date),
        document=DocumentInfo(
            number=report.number,
            date=report.document_date,
            date_printed=report.date_printed,
            summary=report.summary,
            intro=report.intro,
            closing=report.closing,
            annex_title=report.annex_title,
            annex_reference=report.annex_reference,
        ),
        history=past_reports(report) if history else (),
        key=f"{report.unit.code}/{period.key}",
    )


def past_reports(report) -> tuple[PastReport, ...]:
    """The unit's other reports of this year and the year before (3 queries): the previous
    period's, the quarters of a 6-month or yearly report, earlier cumulative values."""
    period = report.period
    others = list(
        Report.objects.filter(
            unit_id=report.unit_id, period__year__in=[period.year - 1, period.year]
        )
        .exclude(pk=report.pk)
        .select_related("period", "template")
        .order_by("period__end_date", "-template__version")
    )
    chosen: dict[tuple[str, int, int], Report] = {}
    for other in others:
        # Several templates for one period: the newest version is the report that counts.
        chosen.setdefault((other.period.kind, other.period.year, other.period.number), other)
    reports = list(chosen.values())
    if not reports:
        return ()
    ids = [r.pk for r in reports]
    values: dict[int, dict[str, Decimal]] = {pk: {} for pk in ids}
    names: dict[int, dict[str, str]] = {pk: {} for pk in ids}
    tagged: dict[int, dict[str, Decimal]] = {pk: {} for pk in ids}
    for report_id, code, name, tags, value in IndicatorValue.objects.filter(
        report_id__in=ids, value__isnull=False
    ).values_list("report_id", "indicator__code", "indicator__name", "indicator__tags", "value"):
        if value is None:  # excluded by the query already
            continue
        values[report_id][code] = value
        names[report_id][code] = name
        for tag in tags or ():
            tagged[report_id][tag] = tagged[report_id].get(tag, Decimal(0)) + value
    table_tagged: dict[int, dict[str, Decimal]] = {pk: {} for pk in ids}
    for report_id, tags, value in TableCellValue.objects.filter(
        report_id__in=ids, row__is_total=True, value__isnull=False
    ).values_list("report_id", "column__tags", "value"):
        if value is None:  # excluded by the query already
            continue
        for tag in tags or ():
            table_tagged[report_id][tag] = value
    return tuple(
        PastReport(
            period=PeriodInfo(r.period.period_key, r.period.start_date, r.period.end_date),
            template_code=r.template.code,
            values=values[r.pk],
            names=names[r.pk],
            tagged=tagged[r.pk],
            table_tagged=table_tagged[r.pk],
        )
        for r in reports
    )
